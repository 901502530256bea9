package io.lwm2mbridge.engine.host;

/** Scalars as JavaScript would print them: {@code 42} rather than {@code 42.0}. */
final class JsonText {

    private JsonText() {}

    static String of(Object v) {
        if (v instanceof Double d && d == Math.rint(d) && !d.isInfinite() && Math.abs(d) < 1e15) {
            return Long.toString(d.longValue());
        }
        if (v instanceof Float f && f == Math.rint(f) && !f.isInfinite()) {
            return Long.toString(f.longValue());
        }
        return String.valueOf(v);
    }
}
