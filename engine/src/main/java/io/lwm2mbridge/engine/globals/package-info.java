/** Global values: named settings kept beside the triggers, given to every run as {@code global.values}; secret ones are never shown over the API. */
package io.lwm2mbridge.engine.globals;
