/**
 * The LwM2M object model as the server sees it: object and resource definitions, the names scripts
 * use for them ({@code translateIds}), and the registry of built-in and custom definitions.
 */
package io.lwm2mbridge.objects;
