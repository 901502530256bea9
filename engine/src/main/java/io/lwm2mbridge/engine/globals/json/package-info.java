/**
 * Global values as JSON: their stored form, the API's view that hides secrets, and the parsing of a change
 * request. The globals package itself works with {@code GlobalValue} and {@code GlobalChange} only.
 */
package io.lwm2mbridge.engine.globals.json;
