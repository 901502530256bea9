/**
 * Reading and writing OMA DDF XML (LwM2M object definition files) safely, with problems reported by
 * line and column.
 */
package io.lwm2mbridge.objects.ddf;
