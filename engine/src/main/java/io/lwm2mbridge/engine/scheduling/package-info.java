/** Events that come from time rather than devices: {@code cron-event} schedules, {@code once-event} on start, and {@code lwm2m-missing}. */
package io.lwm2mbridge.engine.scheduling;
