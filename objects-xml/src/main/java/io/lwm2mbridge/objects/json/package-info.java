/**
 * Object definitions as JSON-ready maps: the view {@code lwm2m.getObjectDef(objId)} returns to scripts and the
 * REST API shows. The model package knows nothing of it; the faces call it where JSON leaves.
 */
package io.lwm2mbridge.objects.json;
