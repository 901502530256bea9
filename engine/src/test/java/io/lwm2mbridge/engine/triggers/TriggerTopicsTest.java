package io.lwm2mbridge.engine.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import org.junit.jupiter.api.Test;

/** The subscriptions the mqtt-message triggers ask for: no filter that another one covers ({@link TriggerTopics}). */
class TriggerTopicsTest {

    @Test
    void a_filter_covers_what_it_matches_at_every_level() {
        assertThat(TriggerTopics.covers("sensors/#", "sensors/+/temp")).isTrue();
        assertThat(TriggerTopics.covers("sensors/#", "sensors")).isTrue();
        assertThat(TriggerTopics.covers("sensors/+/temp", "sensors/a1/temp")).isTrue();
        assertThat(TriggerTopics.covers("+/+/temp", "sensors/+/temp")).isTrue();
        assertThat(TriggerTopics.covers("#", "a/b/#")).isTrue();
    }

    @Test
    void a_narrower_or_different_filter_does_not_cover() {
        assertThat(TriggerTopics.covers("sensors/+/temp", "sensors/#")).isFalse();
        assertThat(TriggerTopics.covers("sensors/a1/temp", "sensors/+/temp")).isFalse();
        assertThat(TriggerTopics.covers("sensors/+", "sensors/+/temp")).isFalse();
        assertThat(TriggerTopics.covers("sensors/+/temp", "sensors/a1")).isFalse();
        assertThat(TriggerTopics.covers("sensors/+/#", "sensors")).isFalse();
        assertThat(TriggerTopics.covers("other/#", "sensors/a1")).isFalse();
    }

    @Test
    void wildcards_in_front_do_not_cover_dollar_topics() {
        assertThat(TriggerTopics.covers("#", "$SYS/broker/uptime")).isFalse();
        assertThat(TriggerTopics.covers("+/broker/uptime", "$SYS/broker/uptime")).isFalse();
        assertThat(TriggerTopics.covers("$SYS/#", "$SYS/broker/uptime")).isTrue();
    }

    @Test
    void covered_filters_are_left_out_and_the_others_kept() {
        assertThat(TriggerTopics.withoutCovered(Set.of("sensors/#", "sensors/+/temp", "sensors/a1/temp", "cmd/+", "$SYS/x", "#")))
                .containsExactlyInAnyOrder("#", "$SYS/x");
        assertThat(TriggerTopics.withoutCovered(Set.of("sensors/+/temp", "sensors/a1/#", "cmd/+")))
                .containsExactlyInAnyOrder("sensors/+/temp", "sensors/a1/#", "cmd/+");
    }
}
