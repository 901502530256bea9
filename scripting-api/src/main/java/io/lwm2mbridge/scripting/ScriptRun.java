package io.lwm2mbridge.scripting;

import java.time.Duration;
import java.util.concurrent.CompletableFuture;

/**
 * One run of one script, as host functions see it. Host functions are called on the run's worker
 * thread; {@link #await} is the one way for them to block, so that a stopped run stops waiting too.
 */
public interface ScriptRun {

    /** The object the caller attached to the run's request (the trigger runner's context for host functions). */
    Object attachment();

    /** Records the script's reply; the first one wins, later ones are ignored. */
    void reply(Object value);

    /**
     * Waits for a host operation on behalf of the script. The wait does not count against the CPU
     * budget but does count against the wall-clock limit: when the run is stopped the wait ends at once.
     *
     * @throws HostCallException with {@code timeoutMessage} when {@code timeout} passes, or with the
     *     cause's message when the future fails
     */
    <T> T await(CompletableFuture<T> future, Duration timeout, String timeoutMessage) throws HostCallException;

    /** Sleeps on behalf of the script ({@code trigger.sleep}); ends early when the run is stopped. */
    void sleep(Duration duration) throws HostCallException;

    /**
     * Runs a library's code in this run's context at global scope, as {@code trigger.include} does: the
     * code is checked as scripts are (one function body, nothing that closes a wrapper) and named by the
     * library, so its errors give the library's own lines. The context is not reused afterwards, since
     * the code leaves global declarations behind.
     *
     * @throws HostCallException (a {@code SyntaxError}) when the library is not one function body
     */
    void include(String libraryName, String code) throws HostCallException;
}
