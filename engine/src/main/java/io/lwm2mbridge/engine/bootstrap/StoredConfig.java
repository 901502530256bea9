package io.lwm2mbridge.engine.bootstrap;

import java.util.Map;

/**
 * One endpoint's stored bootstrap configuration: the operator's document in the reply schema, secrets
 * included, kept whole so that it reads back as it was written.
 */
public record StoredConfig(Map<String, Object> document) {}
