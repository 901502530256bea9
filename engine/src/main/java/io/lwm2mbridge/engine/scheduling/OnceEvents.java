package io.lwm2mbridge.engine.scheduling;

import io.lwm2mbridge.engine.events.EventType;
import io.lwm2mbridge.engine.triggers.Trigger;
import java.util.List;
import java.util.function.Consumer;

/**
 * Fires {@code once-event} for a trigger of that type when it is started: created enabled, started
 * over the API, and, since a server start starts every enabled trigger, when the server starts.
 */
public final class OnceEvents {

    private final Consumer<Trigger> fire;

    /** @param fire publishes the once-event of one trigger; must return quickly */
    public OnceEvents(Consumer<Trigger> fire) {
        this.fire = fire;
    }

    /** For {@code TriggerService.onStarted}: called on the thread that started the trigger. */
    public void started(Trigger t) {
        if (t.enabled() && Trigger.TYPE_SCRIPT.equals(t.type())
                && EventType.parse(t.filterType()).orElse(null) == EventType.ONCE_EVENT) {
            fire.accept(t);
        }
    }

    /** At server start: every enabled once-event trigger. */
    public void serverStarted(List<Trigger> triggers) {
        triggers.forEach(this::started);
    }
}
