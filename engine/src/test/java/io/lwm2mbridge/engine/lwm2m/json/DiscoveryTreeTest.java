package io.lwm2mbridge.engine.lwm2m.json;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.eclipse.leshan.core.link.Link;
import org.eclipse.leshan.core.link.lwm2m.DefaultLwM2mLinkParser;
import org.junit.jupiter.api.Test;

class DiscoveryTreeTest {

    private static Link[] parse(String text) throws Exception {
        return new DefaultLwM2mLinkParser().parseCoreLinkFormat(text.getBytes(StandardCharsets.UTF_8));
    }

    @Test
    void objects_and_instances_become_children_with_object_attributes_kept() throws Exception {
        Map<String, Object> tree = DiscoveryTree.of(parse("</>;rt=\"oma.lwm2m\",</1/0>,</2>,</3>;ver=1.2,</3/0>"), "/");
        assertThat(tree.get("children")).isEqualTo(Map.of(
                "1", Map.of("children", Map.of("0", Map.of())),
                "2", Map.of(),
                "3", Map.of("attributes", Map.of("ver", "1.2"), "children", Map.of("0", Map.of()))));
        assertThat(((Map<?, ?>) tree.get("attributes")).get("raw").toString()).contains("</1/0>").contains("</3>;ver=1.2");
    }

    @Test
    void a_root_path_other_than_slash_is_stripped() throws Exception {
        Map<String, Object> tree = DiscoveryTree.of(parse("</lwm2m>;rt=\"oma.lwm2m\",</lwm2m/3/0>"), "/lwm2m/");
        assertThat(tree.get("children")).isEqualTo(Map.of("3", Map.of("children", Map.of("0", Map.of()))));
    }
}
