/** Events: what devices and scripts did, kept in a bounded log and handed to triggers and API streams. */
package io.lwm2mbridge.engine.events;
