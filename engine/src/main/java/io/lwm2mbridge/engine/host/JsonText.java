package io.lwm2mbridge.engine.host;

import io.lwm2mbridge.engine.device.CallArgs;

/** Scalars as JavaScript would print them: {@code 42} rather than {@code 42.0}. */
final class JsonText {

    private JsonText() {}

    static String of(Object v) {
        return CallArgs.scalar(v);
    }
}
