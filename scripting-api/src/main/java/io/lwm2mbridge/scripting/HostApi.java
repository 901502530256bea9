package io.lwm2mbridge.scripting;

import java.util.Collections;
import java.util.LinkedHashMap;
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

    private HostApi(Map<String, HostFunction> functions) {
        this.functions = Collections.unmodifiableMap(new LinkedHashMap<>(functions));
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

    /** Collects host functions; a later registration of the same name replaces the earlier one. */
    public static final class Builder {
        private final Map<String, HostFunction> functions = new LinkedHashMap<>();

        public Builder add(String qualifiedName, HostFunction function) {
            Objects.requireNonNull(function, "function");
            if (!NAME.matcher(qualifiedName).matches()) {
                throw new IllegalArgumentException("host function name must be object.function: " + qualifiedName);
            }
            functions.put(qualifiedName, function);
            return this;
        }

        public Builder addAll(HostApi other) {
            functions.putAll(other.functions);
            return this;
        }

        public HostApi build() {
            return new HostApi(functions);
        }
    }
}
