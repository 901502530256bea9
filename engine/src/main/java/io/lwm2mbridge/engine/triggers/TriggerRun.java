package io.lwm2mbridge.engine.triggers;

import io.lwm2mbridge.engine.events.Event;

/** What host functions know about the run calling them: which trigger, on which event. */
public record TriggerRun(Trigger trigger, Event event) {

    /** The endpoint key of the event, or null. */
    public String endpointKey() {
        return event.endpoint() == null ? null : event.endpoint().key();
    }
}
