package io.lwm2mbridge.engine.scheduling;

import io.lwm2mbridge.engine.triggers.json.TriggerJson;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lwm2mbridge.engine.triggers.CronFilter;
import io.lwm2mbridge.engine.triggers.Trigger;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cron schedules on a clock the test moves: due times, following trigger changes, no catch-up storms. */
class CronEventsTest {

    private final MutableClock clock = new MutableClock(Instant.parse("2024-05-01T10:00:00Z"));
    private final List<Trigger> triggers = new ArrayList<>();
    private final List<String> fired = new ArrayList<>();
    private final CronEvents cron = new CronEvents(() -> List.copyOf(triggers), t -> fired.add(t.name()), clock);

    private static Trigger trigger(String id, String cron, boolean enabled) {
        Map<String, Object> f = new LinkedHashMap<>();
        f.put("id", id);
        f.put("name", "t-" + id);
        f.put("type", "script");
        f.put("filterType", "cron.event");
        f.put("filterCron", cron);
        f.put("enabled", enabled);
        return TriggerJson.parse(f);
    }

    @Test
    void fires_when_due_and_then_at_the_next_time_only() {
        triggers.add(trigger("1", "0 0/5 * * * ?", true)); // every 5 minutes
        cron.tick();
        assertThat(cron.nextFire("1")).contains(Instant.parse("2024-05-01T10:05:00Z"));
        clock.advance(Duration.ofMinutes(4));
        cron.tick();
        assertThat(fired).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        cron.tick();
        cron.tick();
        assertThat(fired).containsExactly("t-1");
        assertThat(cron.nextFire("1")).contains(Instant.parse("2024-05-01T10:10:00Z"));
    }

    @Test
    void missed_fire_times_are_not_made_up() {
        triggers.add(trigger("1", "* * * * * ?", true)); // every second
        cron.tick();
        clock.advance(Duration.ofHours(1));
        cron.tick();
        assertThat(fired).hasSize(1);
    }

    @Test
    void schedules_follow_trigger_changes_stop_and_delete() {
        triggers.add(trigger("1", "0 0 * * * ?", true)); // hourly
        cron.tick();
        triggers.set(0, trigger("1", "0 0/1 * * * ?", true)); // edited: every minute
        cron.tick();
        assertThat(cron.nextFire("1")).contains(Instant.parse("2024-05-01T10:01:00Z"));
        triggers.set(0, trigger("1", "0 0/1 * * * ?", false)); // stopped
        clock.advance(Duration.ofMinutes(2));
        cron.tick();
        assertThat(fired).isEmpty();
        assertThat(cron.nextFire("1")).isEmpty();
        triggers.set(0, trigger("1", "0 0/1 * * * ?", true)); // started again: from now on
        cron.tick();
        assertThat(fired).isEmpty();
        clock.advance(Duration.ofMinutes(1));
        cron.tick();
        assertThat(fired).containsExactly("t-1");
        triggers.clear(); // deleted
        clock.advance(Duration.ofMinutes(5));
        cron.tick();
        assertThat(fired).containsExactly("t-1");
        assertThat(cron.nextFire("1")).isEmpty();
    }

    @Test
    void triggers_of_other_types_are_not_scheduled() {
        Map<String, Object> f = new LinkedHashMap<>(TriggerJson.fields(trigger("2", "* * * * * ?", true)));
        f.put("filterType", "generic");
        triggers.add(TriggerJson.parse(f));
        cron.tick();
        clock.advance(Duration.ofSeconds(5));
        cron.tick();
        assertThat(fired).isEmpty();
    }

    @Test
    void cron_text_is_checked_with_a_clear_message() {
        assertThat(CronFilter.parse("0 15 10 ? * MON-FRI").nextAfter(Instant.parse("2024-05-03T10:16:00Z")))
                .isEqualTo(Instant.parse("2024-05-06T10:15:00Z")); // Friday after 10:15 UTC: next is Monday
        assertThatThrownBy(() -> CronFilter.parse("every minute")).isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("filterCron 'every minute' is not a valid Quartz cron expression: ");
        assertThatThrownBy(() -> CronFilter.parse("* * * * *")).hasMessageContaining("is not a valid Quartz cron");
        assertThatThrownBy(() -> CronFilter.parse(null)).hasMessageStartingWith("a cron-event trigger needs filterCron");
    }
}
