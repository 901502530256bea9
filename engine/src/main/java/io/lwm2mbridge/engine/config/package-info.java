/** Start-up configuration (environment, {@code bridge.yml}) and the settings operators change at run time. */
package io.lwm2mbridge.engine.config;
