package io.lwm2mbridge.engine.mqtt;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Topic filters as MQTT 5 section 4.7 has them: levels, {@code +}, {@code #}, {@code $} topics, bad filters. */
class TopicFilterTest {

    @Test
    void a_filter_without_wildcards_matches_only_the_same_topic() {
        assertThat(TopicFilter.matches("sensors/1/temp", "sensors/1/temp")).isTrue();
        assertThat(TopicFilter.matches("sensors/1/temp", "sensors/1/temp/x")).isFalse();
        assertThat(TopicFilter.matches("sensors/1/temp", "sensors/1")).isFalse();
        assertThat(TopicFilter.matches("sensors/1/temp", "Sensors/1/temp")).as("case counts").isFalse();
    }

    @Test
    void plus_matches_exactly_one_level_even_an_empty_one() {
        assertThat(TopicFilter.matches("sensors/+/temp", "sensors/a1/temp")).isTrue();
        assertThat(TopicFilter.matches("sensors/+/temp", "sensors//temp")).isTrue();
        assertThat(TopicFilter.matches("sensors/+/temp", "sensors/a/b/temp")).isFalse();
        assertThat(TopicFilter.matches("sensors/+/temp", "sensors/a1/humidity")).isFalse();
        assertThat(TopicFilter.matches("sensors/+", "sensors")).isFalse();
        assertThat(TopicFilter.matches("+/+", "/x")).isTrue();
        assertThat(TopicFilter.matches("+", "a/b")).isFalse();
    }

    @Test
    void hash_matches_the_parent_level_and_everything_below() {
        assertThat(TopicFilter.matches("sensors/#", "sensors")).isTrue();
        assertThat(TopicFilter.matches("sensors/#", "sensors/a")).isTrue();
        assertThat(TopicFilter.matches("sensors/#", "sensors/a/b/c")).isTrue();
        assertThat(TopicFilter.matches("sensors/#", "other/a")).isFalse();
        assertThat(TopicFilter.matches("#", "anything/at/all")).isTrue();
        assertThat(TopicFilter.matches("sensors/+/#", "sensors/a")).isTrue();
    }

    @Test
    void wildcards_at_the_start_do_not_match_dollar_topics() {
        assertThat(TopicFilter.matches("#", "$SYS/broker/uptime")).isFalse();
        assertThat(TopicFilter.matches("+/broker/uptime", "$SYS/broker/uptime")).isFalse();
        assertThat(TopicFilter.matches("$SYS/#", "$SYS/broker/uptime")).isTrue();
        assertThat(TopicFilter.matches("$SYS/+/uptime", "$SYS/broker/uptime")).isTrue();
    }

    @Test
    void invalid_filters_are_named_with_their_problem() {
        assertThat(TopicFilter.filterProblem("sensors/+/temp")).isNull();
        assertThat(TopicFilter.filterProblem("#")).isNull();
        assertThat(TopicFilter.filterProblem("a/#/b")).contains("'#'").contains("last");
        assertThat(TopicFilter.filterProblem("a/b#")).contains("'#'");
        assertThat(TopicFilter.filterProblem("a/b+/c")).contains("'+'").contains("whole level");
        assertThat(TopicFilter.filterProblem("")).contains("empty");
        assertThat(TopicFilter.filterProblem(null)).contains("empty");
        assertThat(TopicFilter.filterProblem("a\0b")).contains("NUL");
        assertThat(TopicFilter.filterProblem("a".repeat(TopicFilter.MAX_BYTES + 1))).contains("longer");
    }

    @Test
    void a_topic_name_to_publish_to_has_no_wildcards() {
        assertThat(TopicFilter.topicNameProblem("sensors/1/temp")).isNull();
        assertThat(TopicFilter.topicNameProblem("sensors/+/temp")).contains("wildcard");
        assertThat(TopicFilter.topicNameProblem("sensors/#")).contains("wildcard");
        assertThat(TopicFilter.topicNameProblem("")).contains("empty");
    }
}
