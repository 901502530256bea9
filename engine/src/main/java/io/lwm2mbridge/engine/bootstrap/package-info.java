/**
 * The bootstrap server: which configuration a device asking on 5783/5784 gets (a trigger's reply, the
 * stored one, or the automatic one for a known endpoint), how it becomes Bootstrap-Write requests, and
 * the record of every bootstrap's outcome.
 */
package io.lwm2mbridge.engine.bootstrap;
