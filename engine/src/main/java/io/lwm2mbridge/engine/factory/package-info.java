/** The one place that wires the engine: builds every service with {@code new} and hands the HTTP layer what it needs. */
package io.lwm2mbridge.engine.factory;
