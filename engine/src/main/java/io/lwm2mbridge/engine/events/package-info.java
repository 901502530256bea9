/**
 * Events: what devices and scripts did, kept in a bounded log and handed to triggers and API streams.
 * Each event's data is a record of the sealed {@link io.lwm2mbridge.engine.events.EventData}; its JSON is
 * written and read in one place, the codec in {@code events.json}, which the bus is given as an
 * {@link io.lwm2mbridge.engine.events.EventWriter}.
 */
package io.lwm2mbridge.engine.events;
