/**
 * The embedded store and the data folder it lives in: a file that keeps triggers, endpoints, events and
 * settings across restarts, in a folder only the server's user may read.
 */
package io.lwm2mbridge.engine.store;
