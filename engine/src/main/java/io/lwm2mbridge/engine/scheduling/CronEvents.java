package io.lwm2mbridge.engine.scheduling;

import io.lwm2mbridge.engine.events.EventType;
import io.lwm2mbridge.engine.triggers.CronFilter;
import io.lwm2mbridge.engine.triggers.Trigger;
import java.time.Clock;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Fires {@code cron-event} for each started trigger whose {@code filterCron} comes due. Each
 * {@link #tick()} first brings the schedules in line with the triggers as they are now, so creating,
 * changing, stopping or deleting a trigger takes effect at the next tick with no listener to wire.
 * Fire times missed while the server was busy or stopped are not made up: a trigger fires at most
 * once per tick. Ticks run on the {@link Heartbeat} thread.
 */
public final class CronEvents {

    private record Schedule(String cron, CronFilter filter, Instant next) {}

    private final Supplier<List<Trigger>> triggers;
    private final Consumer<Trigger> fire;
    private final Clock clock;
    private final Map<String, Schedule> schedules = new HashMap<>();

    /**
     * @param triggers the current triggers
     * @param fire publishes the cron-event of one trigger; called on the ticking thread, must return quickly
     */
    public CronEvents(Supplier<List<Trigger>> triggers, Consumer<Trigger> fire, Clock clock) {
        this.triggers = triggers;
        this.fire = fire;
        this.clock = clock;
    }

    public synchronized void tick() {
        Instant now = clock.instant();
        Set<String> live = new HashSet<>();
        for (Trigger t : triggers.get()) {
            if (!isCron(t)) {
                continue;
            }
            String cron = t.filterCron();
            Schedule s = schedules.get(t.id());
            if (s == null || !s.cron().equals(cron)) {
                Optional<CronFilter> filter = parse(cron);
                if (filter.isEmpty()) {
                    continue; // stored before validation existed: never fires
                }
                s = new Schedule(cron, filter.get(), filter.get().nextAfter(now));
                schedules.put(t.id(), s);
            }
            live.add(t.id());
            if (s.next() != null && !now.isBefore(s.next())) {
                schedules.put(t.id(), new Schedule(cron, s.filter(), s.filter().nextAfter(now)));
                fire.accept(t);
            }
        }
        schedules.keySet().retainAll(live);
    }

    /** When the trigger fires next, if it is scheduled: for tests and the console. */
    public synchronized Optional<Instant> nextFire(String triggerId) {
        Schedule s = schedules.get(triggerId);
        return s == null ? Optional.empty() : Optional.ofNullable(s.next());
    }

    private static boolean isCron(Trigger t) {
        return t.enabled() && Trigger.TYPE_SCRIPT.equals(t.type())
                && EventType.parse(t.filterType()).orElse(null) == EventType.CRON_EVENT
                && t.filterCron() != null;
    }

    private static Optional<CronFilter> parse(String cron) {
        try {
            return Optional.of(CronFilter.parse(cron));
        } catch (IllegalArgumentException e) {
            return Optional.empty();
        }
    }
}
