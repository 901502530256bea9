package io.lwm2mbridge.engine.triggers;

import static org.assertj.core.api.Assertions.assertThat;

import io.lwm2mbridge.engine.mqtt.TopicFilter;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The subscriptions the mqtt-message triggers ask for: no filter that another one covers ({@link TriggerTopics}). */
class TriggerTopicsTest {

    @Test
    void a_filter_covers_what_it_matches_at_every_level() {
        assertThat(TopicFilter.covers("sensors/#", "sensors/+/temp")).isTrue();
        assertThat(TopicFilter.covers("sensors/#", "sensors")).isTrue();
        assertThat(TopicFilter.covers("sensors/+/temp", "sensors/a1/temp")).isTrue();
        assertThat(TopicFilter.covers("+/+/temp", "sensors/+/temp")).isTrue();
        assertThat(TopicFilter.covers("#", "a/b/#")).isTrue();
    }

    @Test
    void a_narrower_or_different_filter_does_not_cover() {
        assertThat(TopicFilter.covers("sensors/+/temp", "sensors/#")).isFalse();
        assertThat(TopicFilter.covers("sensors/a1/temp", "sensors/+/temp")).isFalse();
        assertThat(TopicFilter.covers("sensors/+", "sensors/+/temp")).isFalse();
        assertThat(TopicFilter.covers("sensors/+/temp", "sensors/a1")).isFalse();
        assertThat(TopicFilter.covers("sensors/+/#", "sensors")).isFalse();
        assertThat(TopicFilter.covers("other/#", "sensors/a1")).isFalse();
    }

    @Test
    void wildcards_in_front_do_not_cover_dollar_topics() {
        assertThat(TopicFilter.covers("#", "$SYS/broker/uptime")).isFalse();
        assertThat(TopicFilter.covers("+/broker/uptime", "$SYS/broker/uptime")).isFalse();
        assertThat(TopicFilter.covers("$SYS/#", "$SYS/broker/uptime")).isTrue();
    }

    @Test
    void covered_filters_are_left_out_and_the_others_kept() {
        assertThat(TopicFilter.withoutCovered(Set.of("sensors/#", "sensors/+/temp", "sensors/a1/temp", "cmd/+", "$SYS/x", "#")))
                .containsExactlyInAnyOrder("#", "$SYS/x");
        assertThat(TopicFilter.withoutCovered(Set.of("sensors/+/temp", "sensors/a1/#", "cmd/+")))
                .containsExactlyInAnyOrder("sensors/+/temp", "sensors/a1/#", "cmd/+");
    }
}
