package io.lwm2mbridge.engine.bootstrap;

import java.util.Map;
import org.eclipse.leshan.server.bootstrap.BootstrapConfig;

/**
 * What one bootstrap session writes: Leshan's configuration of the Security, Server and Access Control
 * objects, then the extra object values of the reply (a null instance is deleted).
 *
 * @param source where it came from: {@code trigger:<name>}, {@code stored} or {@code automatic}
 */
record BootstrapPlan(BootstrapConfig config, Map<Integer, Map<Integer, Map<Integer, Object>>> objects, String source) {}
