package io.lwm2mbridge.scripting.sandbox;

import io.lwm2mbridge.scripting.HostApi;
import io.lwm2mbridge.scripting.HostCallException;
import io.lwm2mbridge.scripting.ScriptProblem;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Semaphore;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.graalvm.polyglot.Engine;
import org.graalvm.polyglot.PolyglotException;
import org.graalvm.polyglot.Source;
import org.graalvm.polyglot.SourceSection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs trigger scripts. One GraalJS {@link Engine} is shared by every context so parsed code is
 * shared too; contexts are pooled per script name (a trigger's runs never share a context with another
 * trigger's) and cleaned between runs. {@link #run} blocks the calling thread for the length of the
 * run and is safe to call from many threads at once.
 */
public final class ScriptSandbox implements AutoCloseable {

    private static final Logger LOG = LoggerFactory.getLogger(ScriptSandbox.class);
    /** Scripts run as a function body so their declarations never outlive the run. */
    private static final String WRAP_START = "(function(){";
    private static final String WRAP_END = "\n})";
    private static final int SOURCE_CACHE_SIZE = 512;
    /**
     * Contexts kept open, idle or in use: enough for every trigger of a large installation to keep one
     * (an idle context holds about 100 KiB), so runs of many triggers in turn do not each build one.
     */
    static final int CONTEXTS_KEPT = 256;
    /** The partition of contexts that only parse (checkSyntax): no script ever runs in them. */
    private static final String PARSE_ONLY = "\u0000parse";
    private static final Pattern BODY_PROBLEM = Pattern.compile("<function>:(\\d+):(\\d+)");

    private final Engine engine;
    private final HostApi api;
    private final Watchdog watchdog;
    /** Idle contexts by partition (script name), most recently used first; guarded by itself. */
    private final Map<String, Deque<PooledContext>> idle = new HashMap<>();
    /** The same idle contexts, least recently released first, for eviction; guarded by {@link #idle}. */
    private final Set<PooledContext> idleOrder = new LinkedHashSet<>();
    /** Contexts open, idle or in use; guarded by {@link #idle}. */
    private int open;
    private final int maxContexts;
    private final Semaphore permits;
    private final RunSlots slots;
    /** Name and code of a script: a record, so the code's hash (cached by the string) is not redone per run. */
    private record SourceKey(String name, String code) {}

    /**
     * A script text checked to be one function body, with its wrapped source; or why it is not one.
     *
     * @param source the wrapped source, null when the text is not one function body
     * @param problem why it is not, null when it is
     */
    private record Script(Source source, ScriptProblem problem) {}

    /** Checked scripts, shared by every context; cleared whole in the rare case it outgrows its bound. */
    private final Map<SourceKey, Script> scripts = new ConcurrentHashMap<>();
    private volatile SandboxSettings settings;
    private volatile boolean closed;

    public ScriptSandbox(HostApi api, SandboxSettings settings) {
        this.api = Objects.requireNonNull(api, "api");
        this.settings = Objects.requireNonNull(settings, "settings");
        this.engine = Engine.newBuilder("js")
                .option("engine.WarnInterpreterOnly", "false")
                .build();
        this.permits = new Semaphore(settings.poolSize(), true);
        this.maxContexts = Math.max(settings.poolSize(), CONTEXTS_KEPT);
        this.slots = new RunSlots(Runtime.getRuntime().availableProcessors());
        this.watchdog = new Watchdog(() -> this.settings);
    }

    public SandboxSettings settings() {
        return settings;
    }

    /** Changes the limits for runs that start from now on (the pool size stays as built). */
    public void updateSettings(SandboxSettings newSettings) {
        this.settings = Objects.requireNonNull(newSettings, "settings");
    }

    /** Whether the shared engine compiles scripts with the Graal JIT rather than interpreting them. */
    public boolean isJitEnabled() {
        return !"Interpreted".equalsIgnoreCase(engine.getImplementationName());
    }

    public String engineDescription() {
        return (isJitEnabled() ? "the Graal JIT (" : "the interpreter (") + engine.getImplementationName() + " "
                + engine.getVersion() + ")";
    }

    /** Compiles without running; empty when the script is valid JavaScript. */
    public Optional<ScriptProblem> checkSyntax(String scriptName, String code) {
        PooledContext pooled = acquire(PARSE_ONLY);
        boolean reusable = true;
        try {
            Script script = script(pooled, scriptName, code);
            if (script.problem() != null) {
                return Optional.of(script.problem());
            }
            pooled.context().parse(script.source());
            return Optional.empty();
        } catch (PolyglotException e) {
            if (!e.isSyntaxError()) {
                reusable = false;
            }
            return Optional.of(problemOf(e, scriptName, code));
        } finally {
            release(pooled, reusable);
        }
    }

    /** Runs one script to its end, or until the watchdog stops it; never throws for script errors. */
    public RunOutcome run(ScriptRequest request) {
        return run(request, Map.of());
    }

    /**
     * Runs one script with extra plain values installed on its host objects (such as
     * {@code global.values}).
     */
    public RunOutcome run(ScriptRequest request, Map<String, Object> values) {
        return run(request, () -> values);
    }

    /**
     * Runs one script whose host-object values ({@link HostApi#values()}) are worked out only if the
     * script reads one.
     */
    public RunOutcome run(ScriptRequest request, Supplier<Map<String, Object>> values) {
        PooledContext pooled = acquire(request.scriptName());
        long startNanos = System.nanoTime();
        SandboxRun run = new SandboxRun(request, values, pooled, slots, startNanos, watchdog.currentThreadCpuNanos(),
                watchdog.currentThreadAllocatedBytes());
        boolean reusable = true;
        RunOutcome.Status status = RunOutcome.Status.OK;
        ScriptProblem problem = null;
        run.enterSlot();
        watchdog.watch(run);
        try {
            Script script = script(pooled, request.scriptName(), request.code());
            if (script.problem() != null) {
                // stored before scripts were checked to be one function body: it never runs
                status = RunOutcome.Status.FAILED;
                problem = script.problem();
            } else {
                pooled.begin(run, request.eventJson());
                pooled.function(script.source()).executeVoid();
            }
        } catch (PolyglotException e) {
            if (run.isStopped()) {
                status = run.stopReason();
                problem = stoppedProblem(run, e, request);
            } else if (e.isGuestException() && pooled.isExit(e.getGuestObject())) {
                status = RunOutcome.Status.OK;
            } else {
                status = RunOutcome.Status.FAILED;
                problem = problemOf(e, request.scriptName(), request.code());
            }
            if (e.isCancelled() || e.isInternalError() || e.isResourceExhausted()) {
                reusable = false;
            }
        } catch (RuntimeException e) {
            // the sandbox's own failure, not the script's: report it against the run all the same
            LOG.warn("script {} could not be run", request.scriptName(), e);
            status = RunOutcome.Status.FAILED;
            problem = new ScriptProblem("internal error: " + e, 0, 0);
            reusable = false;
        } finally {
            run.leaveSlot();
            watchdog.unwatch(run);
            if (run.isStopped()) {
                // an interrupt may still be on its way to this context: never hand it to another run
                reusable = false;
                if (status == RunOutcome.Status.OK) {
                    status = run.stopReason();
                    problem = new ScriptProblem(limitMessage(run.stopReason()), 0, 0);
                }
            }
            reusable &= pooled.end();
            release(pooled, reusable);
        }
        Duration cpu = Duration.ofNanos(Math.max(0, watchdog.currentThreadCpuNanos() - run.startCpuNanos()));
        Duration wall = Duration.ofNanos(System.nanoTime() - startNanos);
        return new RunOutcome(status, run.replyValue(), run.hasReplied(), problem, cpu, wall);
    }

    private ScriptProblem stoppedProblem(SandboxRun run, PolyglotException e, ScriptRequest request) {
        ScriptProblem where = problemOf(e, request.scriptName(), request.code());
        return new ScriptProblem(limitMessage(run.stopReason()), where.line(), where.column());
    }

    private String limitMessage(RunOutcome.Status reason) {
        SandboxSettings limits = settings;
        return switch (reason) {
            case CPU_BUDGET_EXCEEDED -> "script stopped: it used more than its CPU budget of "
                    + limits.cpuBudget().toMillis() + " ms";
            case WALL_CLOCK_EXCEEDED -> "script stopped: it ran longer than the wall-clock limit of "
                    + limits.wallClockLimit().toSeconds() + " s";
            case ALLOCATION_BUDGET_EXCEEDED -> "script stopped: it allocated more than its allocation budget of "
                    + (limits.allocationBudgetBytes() >> 20) + " MiB";
            default -> "script stopped";
        };
    }

    /**
     * The script checked and built once per text: a text that is not one function body on its own (one
     * that closes the function it is wrapped in, to declare at the top level of the context) gets its
     * syntax error instead of a source, so it is never evaluated.
     */
    private Script script(PooledContext pooled, String scriptName, String code) {
        SourceKey key = new SourceKey(scriptName, code);
        Script cached = scripts.get(key);
        if (cached != null) {
            return cached;
        }
        if (scripts.size() >= SOURCE_CACHE_SIZE) {
            scripts.clear();
        }
        String bodyProblem = pooled.checkBody(code);
        Script script = bodyProblem == null
                ? new Script(Source.newBuilder("js", WRAP_START + code + WRAP_END, scriptName).cached(true).buildLiteral(),
                        null)
                : new Script(null, bodyProblemOf(bodyProblem, scriptName));
        Script raced = scripts.putIfAbsent(key, script);
        return raced != null ? raced : script;
    }

    /**
     * Checks library code for {@link SandboxRun#include} as scripts are checked; the library runs at the
     * top level of the context, so it is built as a source of its own rather than wrapped.
     *
     * @throws HostCallException when the library is not one function body
     */
    Source library(PooledContext pooled, String libraryName, String code) throws HostCallException {
        Script script = script(pooled, libraryName, code);
        if (script.problem() != null) {
            throw new HostCallException("trigger.include: library '" + libraryName + "' does not compile: "
                    + script.problem(), "SyntaxError");
        }
        return Source.newBuilder("js", code, libraryName).cached(true).buildLiteral();
    }

    /** The Function constructor's syntax error ("SyntaxError: <function>:3:0 Expected eof but found }") as a problem. */
    static ScriptProblem bodyProblemOf(String message, String scriptName) {
        Matcher at = BODY_PROBLEM.matcher(message);
        int line = 0;
        int column = 0;
        if (at.find()) {
            line = Integer.parseInt(at.group(1));
            column = Integer.parseInt(at.group(2)) + 1;
        }
        String named = message.replace("<function>", scriptName);
        return new ScriptProblem(named.startsWith("SyntaxError") ? named : "SyntaxError: " + named, line, column);
    }

    static ScriptProblem problemOf(PolyglotException e, String scriptName, String code) {
        SourceSection where = null;
        for (PolyglotException.StackFrame frame : e.getPolyglotStackTrace()) {
            SourceSection section = frame.getSourceLocation();
            if (frame.isGuestFrame() && section != null && scriptName.equals(section.getSource().getName())) {
                where = section;
                break;
            }
        }
        if (where == null) {
            SourceSection section = e.getSourceLocation();
            if (section != null && scriptName.equals(section.getSource().getName())) {
                where = section;
            }
        }
        String message = e.getMessage() == null ? e.toString() : e.getMessage();
        if (where == null || !where.isAvailable()) {
            return new ScriptProblem(message, 0, 0);
        }
        int line = where.getStartLine();
        int column = where.getStartColumn();
        if (line == 1) {
            column = Math.max(1, column - WRAP_START.length());
        }
        // the wrapper's closing line is not the script's: point at the script's last line instead
        int lastLine = (int) code.lines().count();
        if (line > Math.max(1, lastLine)) {
            line = Math.max(1, lastLine);
        }
        return new ScriptProblem(message, line, column);
    }

    /**
     * A context of {@code partition} for one run: an idle one of that partition, else a new one; when the
     * pool is at its bound, the least recently used idle context (of another partition) is closed first.
     */
    private PooledContext acquire(String partition) {
        if (closed) {
            throw new IllegalStateException("sandbox is closed");
        }
        permits.acquireUninterruptibly();
        PooledContext evicted = null;
        synchronized (idle) {
            Deque<PooledContext> mine = idle.get(partition);
            if (mine != null) {
                PooledContext pooled = mine.pollFirst();
                if (mine.isEmpty()) {
                    idle.remove(partition);
                }
                idleOrder.remove(pooled);
                return pooled;
            }
            if (open >= maxContexts && !idleOrder.isEmpty()) {
                // holding a permit, at most poolSize - 1 contexts are in use: the others are idle
                evicted = idleOrder.iterator().next();
                idleOrder.remove(evicted);
                Deque<PooledContext> theirs = idle.get(evicted.partition());
                theirs.remove(evicted);
                if (theirs.isEmpty()) {
                    idle.remove(evicted.partition());
                }
                open--;
            }
            open++;
        }
        if (evicted != null) {
            evicted.close();
        }
        try {
            return new PooledContext(engine, api, partition, this);
        } catch (RuntimeException e) {
            synchronized (idle) {
                open--;
            }
            permits.release();
            throw e;
        }
    }

    private void release(PooledContext pooled, boolean reusable) {
        try {
            boolean keep = false;
            synchronized (idle) {
                if (reusable && !closed) {
                    idle.computeIfAbsent(pooled.partition(), p -> new ArrayDeque<>()).addFirst(pooled);
                    idleOrder.add(pooled);
                    keep = true;
                } else {
                    open--;
                }
            }
            if (!keep) {
                pooled.close();
            }
        } finally {
            permits.release();
        }
    }

    @Override
    public void close() {
        closed = true;
        watchdog.close();
        synchronized (idle) {
            idleOrder.forEach(PooledContext::close);
            idleOrder.clear();
            idle.clear();
        }
        engine.close(true);
    }
}
