package io.lwm2mbridge.scripting.sandbox;

import io.lwm2mbridge.scripting.HostApi;
import io.lwm2mbridge.scripting.HostCallException;
import io.lwm2mbridge.scripting.HostFunction;
import io.lwm2mbridge.scripting.JsonBridge;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.graalvm.polyglot.Context;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.EnvironmentAccess;
import org.graalvm.polyglot.HostAccess;
import org.graalvm.polyglot.PolyglotAccess;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.SourceSection;
import org.graalvm.polyglot.Value;
import org.graalvm.polyglot.io.IOAccess;
import org.graalvm.polyglot.proxy.ProxyExecutable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One JavaScript context of the pool, with the prelude installed. Used by one run at a time, and only
 * by runs of one partition (one trigger); the sandbox decides after each run whether it may be reused.
 */
final class PooledContext implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(PooledContext.class);
    private static final Source PRELUDE = loadPrelude();
    private static final int FUNCTION_CACHE_SIZE = 256;

    private final Context context;
    private final Value bridge;
    private final Value begin;
    private final Value end;
    private final Value checkBody;
    private final Value harden;
    /** Scripts evaluated in this context, most recently used last; bounded like the sandbox's sources. */
    private final Map<Source, Value> functions = new LinkedHashMap<>(64, 0.75f, true) {
        @Override
        protected boolean removeEldestEntry(Map.Entry<Source, Value> eldest) {
            return size() > FUNCTION_CACHE_SIZE;
        }
    };
    private final HostApi api;
    private final String partition;
    private final ScriptSandbox sandbox;
    private volatile SandboxRun current;
    private volatile boolean reusable = true;

    PooledContext(Engine engine, HostApi api, String partition, ScriptSandbox sandbox) {
        this.api = api;
        this.partition = partition;
        this.sandbox = sandbox;
        this.context = Context.newBuilder("js")
                .engine(engine)
                // nothing of the host is reachable: no classes, members, IO, threads, processes or env
                .allowHostAccess(HostAccess.NONE)
                .allowHostClassLookup(className -> false)
                .allowIO(IOAccess.NONE)
                .allowCreateThread(false)
                .allowCreateProcess(false)
                .allowNativeAccess(false)
                .allowEnvironmentAccess(EnvironmentAccess.NONE)
                .allowPolyglotAccess(PolyglotAccess.NONE)
                .option("js.load", "false")
                .option("js.print", "false")
                .option("js.console", "false")
                .build();
        ProxyExecutable hostCall = args -> dispatch(args[0].asString(), args[1].asString());
        ProxyExecutable hostValues = args -> {
            SandboxRun run = current;
            return JsonBridge.toJson(run == null ? Map.of() : run.values());
        };
        this.bridge = context.eval(PRELUDE).execute(hostCall, hostValues,
                JsonBridge.toJson(List.copyOf(api.functions().keySet())), JsonBridge.toJson(api.values()));
        this.begin = bridge.getMember("begin");
        this.end = bridge.getMember("end");
        this.checkBody = bridge.getMember("checkBody");
        this.harden = bridge.getMember("harden");
    }

    /**
     * The script as a function of this context, evaluated on its first run here and reused after:
     * the engine shares the parsed code between contexts, and reuse spares even the evaluation.
     */
    Value function(Source source) {
        Value f = functions.get(source);
        if (f == null) {
            f = context.eval(source);
            if (!spansWholeSource(f, source)) {
                // checkBody let through a text that closed its wrapper: whatever it declared stays here
                markNotReusable();
                throw new IllegalStateException("script " + source.getName() + " is not one function body");
            }
            harden.executeVoid(f);
            functions.put(source, f);
        }
        return f;
    }

    /** Whether {@code f} is the function literal that opens at the wrapper's first bracket and closes at its last. */
    private static boolean spansWholeSource(Value f, Source source) {
        if (!f.canExecute()) {
            return false;
        }
        SourceSection where = f.getSourceLocation();
        return where != null && where.getCharIndex() == 1 && where.getCharEndIndex() == source.getLength() - 1;
    }

    /**
     * Null when {@code code} is one function body on its own, as the {@code Function} constructor parses
     * it; otherwise the syntax error's message ("SyntaxError: &lt;function&gt;:1:0 Expected eof but found }").
     */
    String checkBody(String code) {
        Value problem = checkBody.execute(code);
        return problem.isNull() ? null : problem.asString();
    }

    Context context() {
        return context;
    }

    /** The runs this context serves: those of one script name. */
    String partition() {
        return partition;
    }

    SandboxRun current() {
        return current;
    }

    void begin(SandboxRun run, String eventJson) {
        this.current = run;
        begin.executeVoid(eventJson);
    }

    /** Clears what the run left in the global scope; false when the context must not be reused. */
    boolean end() {
        current = null;
        if (!reusable) {
            return false;
        }
        try {
            return end.execute().asBoolean();
        } catch (RuntimeException e) {
            LOG.debug("context cleanup failed, context dropped", e);
            return false;
        }
    }

    boolean isExit(Value thrown) {
        try {
            return thrown != null && bridge.invokeMember("isExit", thrown).asBoolean();
        } catch (RuntimeException e) {
            return false;
        }
    }

    void markNotReusable() {
        reusable = false;
    }

    /**
     * Runs library code at the top level of this context, so its declarations are the including script's
     * to use; since they stay in the context, the context is not reused after the run.
     */
    void include(String libraryName, String code) throws HostCallException {
        markNotReusable();
        context.eval(sandbox.library(this, libraryName, code));
    }

    private String dispatch(String name, String argsJson) {
        SandboxRun run = current;
        Map<String, Object> result = new LinkedHashMap<>();
        HostFunction function = api.get(name);
        if (run == null || function == null) {
            result.put("e", "host function not available: " + name);
            return JsonBridge.toJson(result);
        }
        try {
            Object value = function.call(run, JsonBridge.argsFromJson(argsJson));
            result.put("v", value);
            return JsonBridge.toJson(result);
        } catch (HostCallException e) {
            result.put("e", e.getMessage());
            result.put("t", e.jsType());
        } catch (IllegalArgumentException e) {
            result.put("e", e.getMessage() == null ? "invalid argument" : e.getMessage());
            result.put("t", HostCallException.TYPE_ERROR);
        } catch (org.graalvm.polyglot.PolyglotException e) {
            // a nested evaluation (trigger.include) failed: let it surface as the script's own error
            throw e;
        } catch (Exception e) {
            LOG.warn("host function {} failed", name, e);
            result.put("e", name + " failed: " + (e.getMessage() == null ? e.toString() : e.getMessage()));
        }
        return JsonBridge.toJson(result);
    }

    @Override
    public void close() {
        try {
            context.close(true);
        } catch (RuntimeException e) {
            LOG.debug("closing a context failed", e);
        }
    }

    private static Source loadPrelude() {
        try (InputStream in = PooledContext.class.getResourceAsStream("prelude.js")) {
            if (in == null) {
                throw new IllegalStateException("prelude.js missing from the class path");
            }
            String text = new String(in.readAllBytes(), StandardCharsets.UTF_8);
            return Source.newBuilder("js", text, "lwm2m-bridge-prelude.js").buildLiteral();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
