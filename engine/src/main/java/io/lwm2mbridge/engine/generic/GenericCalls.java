package io.lwm2mbridge.engine.generic;

import io.lwm2mbridge.engine.events.Event;
import io.lwm2mbridge.engine.events.EventBus;
import io.lwm2mbridge.engine.events.EventType;
import io.lwm2mbridge.engine.events.GenericData;
import io.lwm2mbridge.engine.triggers.Trigger;
import io.lwm2mbridge.engine.triggers.TriggerFilter;
import io.lwm2mbridge.engine.triggers.TriggerRunner;
import io.lwm2mbridge.engine.triggers.TriggerService;
import io.lwm2mbridge.scripting.sandbox.RunOutcome;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Calls the {@code generic} triggers of a name with a payload. The payload is {@code event.data.data},
 * like the {@code data} field of every other event type, so triggers written for the hosted bridge
 * ({@code event.data.data.keys}) run unchanged; beside it {@code event.data.source} says who called
 * ({@link #SOURCE_EXEC_NOW}, {@link #SOURCE_EXEC_SYNC}, {@link #SOURCE_HTTP}) and an HTTP call adds its
 * {@code method}. Every call is a {@code generic} event in the event log. Safe on any thread; nothing
 * here blocks.
 */
public record GenericCalls(EventBus bus, TriggerService triggers, TriggerRunner runner) {

    /** {@code event.data.source} of a call from {@code exec.now}. */
    public static final String SOURCE_EXEC_NOW = "exec.now";
    /** {@code event.data.source} of a call from {@code exec.sync}. */
    public static final String SOURCE_EXEC_SYNC = "exec.sync";
    /** {@code event.data.source} of a call from {@code POST /api/v1/generic/{name}}. */
    public static final String SOURCE_HTTP = "http";

    /**
     * Fire and forget: the runner starts the matching triggers from the bus; none matching is no error.
     *
     * @param data the event's {@code data}: the payload and who called (a {@code SOURCE_} constant)
     */
    public void now(String name, GenericData data) {
        bus.publish(EventType.GENERIC, null, data, Event.Routing.generic(name));
    }

    /**
     * Starts the matching triggers on workers and completes, never exceptionally, with the first
     * reply, or once every run has ended without one. Runs go on after the caller stops waiting.
     *
     * @param data the event's {@code data}: the payload and who called (a {@code SOURCE_} constant)
     */
    public CompletableFuture<GenericReply> call(String name, GenericData data) {
        Event event = bus.publish(EventType.GENERIC, null, data, Event.Routing.genericForCaller(name));
        List<Trigger> matching = new ArrayList<>();
        for (Trigger t : triggers.list()) {
            if (TriggerFilter.matches(t, event)) {
                matching.add(t);
            }
        }
        CompletableFuture<GenericReply> reply = new CompletableFuture<>();
        if (matching.isEmpty()) {
            reply.complete(new GenericReply.NoTrigger());
            return reply;
        }
        AtomicInteger pending = new AtomicInteger(matching.size());
        GenericReply.Failed[] firstFailure = new GenericReply.Failed[1];
        for (Trigger t : matching) {
            runner.submit(t, event).whenComplete((outcome, error) -> {
                synchronized (firstFailure) {
                    if (outcome != null && outcome.replied()) {
                        reply.complete(new GenericReply.Replied(t.name(), outcome.reply()));
                    } else if (firstFailure[0] == null && failed(outcome, error)) {
                        firstFailure[0] = failure(t, outcome, error);
                    }
                    if (pending.decrementAndGet() == 0) {
                        reply.complete(firstFailure[0] != null ? firstFailure[0] : new GenericReply.NoReply());
                    }
                }
            });
        }
        return reply;
    }

    private static boolean failed(RunOutcome outcome, Throwable error) {
        return error != null || outcome == null || !outcome.ok();
    }

    private static GenericReply.Failed failure(Trigger t, RunOutcome outcome, Throwable error) {
        if (outcome != null && outcome.problem() != null) {
            return new GenericReply.Failed(t.name(), outcome.problem().message(), outcome.problem().line());
        }
        return new GenericReply.Failed(t.name(), error != null ? String.valueOf(error.getMessage()) : "the run did not start", 0);
    }
}
