package io.lwm2mbridge.scripting;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The fixed set of host functions a sandbox installs in every context, by qualified name
 * ({@code "lwm2m.read"}, {@code "log.info"}). Built once when the sandbox starts.
 */
public final class HostApi {

    private static final Pattern NAME = Pattern.compile("[a-zA-Z_$][\\w$]*\\.[a-zA-Z_$][\\w$]*");

    private final Map<String, HostFunction> functions;
    private final List<String> values;

    private HostApi(Map<String, HostFunction> functions, List<String> values) {
        this.functions = Collections.unmodifiableMap(new LinkedHashMap<>(functions));
        this.values = List.copyOf(values);
    }

    public static Builder builder() {
        return new Builder();
    }

    public HostFunction get(String qualifiedName) {
        return functions.get(qualifiedName);
    }

    public Map<String, HostFunction> functions() {
        return functions;
    }

    /**
     * The plain values of host objects, by qualified name ({@code "global.values"}), that every run
     * may read; what they hold comes with each run ({@link io.lwm2mbridge.scripting.sandbox.ScriptSandbox#run}).
     */
    public List<String> values() {
        return values;
    }

    /** Collects host functions; a later registration of the same name replaces the earlier one. */
    public static final class Builder {
        private final Map<String, HostFunction> functions = new LinkedHashMap<>();
        private final List<String> values = new ArrayList<>();

        public Builder add(String qualifiedName, HostFunction function) {
            Objects.requireNonNull(function, "function");
            if (!NAME.matcher(qualifiedName).matches()) {
                throw new IllegalArgumentException("host function name must be object.function: " + qualifiedName);
            }
            functions.put(qualifiedName, function);
            return this;
        }

        /** Declares a plain value member ({@code "global.values"}) whose content each run supplies. */
        public Builder value(String qualifiedName) {
            if (!NAME.matcher(qualifiedName).matches()) {
                throw new IllegalArgumentException("host value name must be object.member: " + qualifiedName);
            }
            if (!values.contains(qualifiedName)) {
                values.add(qualifiedName);
            }
            return this;
        }

        public Builder addAll(HostApi other) {
            functions.putAll(other.functions);
            other.values.forEach(this::value);
            return this;
        }

        public HostApi build() {
            return new HostApi(functions, values);
        }
    }
}
