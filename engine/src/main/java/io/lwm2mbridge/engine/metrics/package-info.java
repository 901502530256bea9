/**
 * What {@code GET /metrics} shows: the server's counters, read when Prometheus scrapes, and the JVM's,
 * through Micrometer's Prometheus registry.
 */
package io.lwm2mbridge.engine.metrics;
