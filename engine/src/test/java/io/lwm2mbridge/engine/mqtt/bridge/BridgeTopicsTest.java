package io.lwm2mbridge.engine.mqtt.bridge;

import static org.assertj.core.api.Assertions.assertThat;

import io.lwm2mbridge.engine.mqtt.TopicFilter;
import java.util.Optional;
import org.junit.jupiter.api.Test;

/** The bridge's topics: built from a prefix and an endpoint, request topics taken apart, endpoint levels encoded. */
class BridgeTopicsTest {

    private final BridgeTopics topics = new BridgeTopics("lwm2m");

    @Test
    void event_and_answer_topics_are_prefix_endpoint_up_kind() {
        assertThat(topics.up("dev1", "register")).isEqualTo("lwm2m/dev1/up/register");
        assertThat(topics.up("dev1", "firmware-update-status")).isEqualTo("lwm2m/dev1/up/firmware-update-status");
        assertThat(topics.response("urn:imei:4930")).isEqualTo("lwm2m/urn:imei:4930/up/resp");
        assertThat(new BridgeTopics("acme/site-2").up("dev1", "data")).isEqualTo("acme/site-2/dev1/up/data");
    }

    @Test
    void request_filter_takes_any_endpoint_and_op_under_the_prefix() {
        assertThat(topics.requestFilter()).isEqualTo("lwm2m/+/dn/+");
        assertThat(TopicFilter.matches(topics.requestFilter(), "lwm2m/dev1/dn/read")).isTrue();
        assertThat(TopicFilter.matches(topics.requestFilter(), "lwm2m/dev1/up/resp")).isFalse();
        assertThat(TopicFilter.filterProblem(new BridgeTopics("a/b").requestFilter())).isNull();
    }

    @Test
    void a_request_topic_gives_its_endpoint_and_op() {
        assertThat(topics.parse("lwm2m/dev1/dn/read")).contains(new BridgeTopics.Request("dev1", "read"));
        assertThat(topics.parse("lwm2m/dev1/dn/observe-cancel"))
                .contains(new BridgeTopics.Request("dev1", "observe-cancel"));
        // an unknown op is still a request: it is answered 400 rather than ignored
        assertThat(topics.parse("lwm2m/dev1/dn/reboot")).contains(new BridgeTopics.Request("dev1", "reboot"));
        assertThat(new BridgeTopics("acme/site-2").parse("acme/site-2/dev1/dn/write"))
                .contains(new BridgeTopics.Request("dev1", "write"));
    }

    @Test
    void topics_that_are_not_requests_under_the_prefix_give_nothing() {
        assertThat(topics.parse("lwm2m/dev1/up/resp")).isEmpty();
        assertThat(topics.parse("lwm2m/dev1/dn")).isEmpty();
        assertThat(topics.parse("lwm2m/dev1/dn/read/extra")).isEmpty();
        assertThat(topics.parse("lwm2m//dn/read")).isEmpty();
        assertThat(topics.parse("lwm2mx/dev1/dn/read")).isEmpty();
        assertThat(topics.parse("other/dev1/dn/read")).isEmpty();
        assertThat(topics.parse("lwm2m")).isEmpty();
        assertThat(topics.parse(null)).isEmpty();
    }

    @Test
    void endpoint_names_with_topic_characters_are_percent_encoded_and_decoded_back() {
        assertThat(BridgeTopics.encode("meter+7")).isEqualTo("meter%2B7");
        assertThat(BridgeTopics.encode("a/b#c%d")).isEqualTo("a%2Fb%23c%25d");
        assertThat(BridgeTopics.encode("nul\0")).isEqualTo("nul%00");
        assertThat(BridgeTopics.encode("urn:imei:123")).isEqualTo("urn:imei:123");
        assertThat(topics.up("meter+7", "register")).isEqualTo("lwm2m/meter%2B7/up/register");
        assertThat(TopicFilter.topicNameProblem(topics.up("a/b+c#d", "data"))).isNull();
        assertThat(topics.up("a/b+c#d", "data").split("/")).hasSize(4);

        for (String name : new String[] {"meter+7", "a/b#c%d", "nul\0", "ünïcødé-€", "x%2By"}) {
            assertThat(BridgeTopics.decode(BridgeTopics.encode(name))).isEqualTo(name);
            assertThat(topics.parse("lwm2m/" + BridgeTopics.encode(name) + "/dn/read"))
                    .contains(new BridgeTopics.Request(name, "read"));
        }
        assertThat(BridgeTopics.decode("meter%2b7")).isEqualTo("meter+7");
        assertThat(BridgeTopics.decode("%C3%BC")).isEqualTo("ü");
    }

    @Test
    void a_badly_encoded_endpoint_level_is_not_a_request() {
        assertThat(BridgeTopics.decode("100%")).isNull();
        assertThat(BridgeTopics.decode("a%2")).isNull();
        assertThat(BridgeTopics.decode("a%zz")).isNull();
        // Arabic-Indic digits are digits to Character.digit, not hex
        assertThat(BridgeTopics.decode("a%\u0663\u0663")).isNull();
        assertThat(BridgeTopics.decode("%FF")).as("not UTF-8").isNull();
        assertThat(topics.parse("lwm2m/a%zz/dn/read")).isEqualTo(Optional.empty());
        assertThat(topics.parse("lwm2m/%00/dn/read")).contains(new BridgeTopics.Request("\0", "read"));
    }
}
