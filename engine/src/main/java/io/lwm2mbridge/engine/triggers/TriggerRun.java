package io.lwm2mbridge.engine.triggers;

import io.lwm2mbridge.engine.events.Event;

/**
 * What host functions know about the run calling them: which trigger, on which event, and whether it
 * is a dry run.
 *
 * @param dryRun null for a real run; for a dry run ({@code POST /triggers/{id}/try}), where host
 *     functions record what they would do instead of doing it
 */
public record TriggerRun(Trigger trigger, Event event, DryRun dryRun) {

    /** A real run. */
    public TriggerRun(Trigger trigger, Event event) {
        this(trigger, event, null);
    }

    /** The endpoint key of the event, or null. */
    public String endpointKey() {
        return event.endpoint() == null ? null : event.endpoint().key();
    }

    /** The dry run of the script calling a host function, or null when it runs for real. */
    public static DryRun dryRunOf(Object attachment) {
        return attachment instanceof TriggerRun tr ? tr.dryRun() : null;
    }
}
