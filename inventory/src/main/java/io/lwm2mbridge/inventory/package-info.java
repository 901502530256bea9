/**
 * The firmware inventory: stores firmware images on disk with their metadata and serves them to devices,
 * over HTTP ranges and CoAP blocks, at unguessable download URIs.
 *
 * <p>Plain Java with no server framework: the engine wires these classes into its HTTP and CoAP servers.
 */
package io.lwm2mbridge.inventory;
