/**
 * The embedded store and the data folder it lives in: a file that keeps triggers, endpoints, events and
 * settings across restarts, in a folder only the server's user may read. Values are JSON; a
 * {@link io.lwm2mbridge.engine.store.RecordStore} sees a map of them as records of one type through a
 * {@link io.lwm2mbridge.engine.store.RecordCodec}, the one place where such a record is a map.
 */
package io.lwm2mbridge.engine.store;
