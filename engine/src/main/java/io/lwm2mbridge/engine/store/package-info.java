/** The embedded store: a file under the data folder that keeps triggers, endpoints, events and settings across restarts. */
package io.lwm2mbridge.engine.store;
