/**
 * Events: what devices and scripts did, kept in a bounded log and handed to triggers and API streams.
 * Each event's data is a record of the sealed {@link io.lwm2mbridge.engine.events.EventData}, written as
 * JSON in one place ({@code EventDataWriter}) and read back in one ({@link io.lwm2mbridge.engine.events.EventDataReader}).
 */
package io.lwm2mbridge.engine.events;
