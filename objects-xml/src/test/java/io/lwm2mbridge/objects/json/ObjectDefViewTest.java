package io.lwm2mbridge.objects.json;

import static org.assertj.core.api.Assertions.assertThat;

import io.lwm2mbridge.objects.TestDdf;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ObjectDefViewTest {

    @Test
    void object_def_has_the_script_shape_in_stable_order() {
        Map<String, Object> def = ObjectDefView.toDef(TestDdf.definition(TestDdf.device()));

        assertThat(def.keySet()).containsExactly("id", "name", "version", "multiInstance", "resources");
        assertThat(def).containsEntry("id", 3).containsEntry("name", "Device").containsEntry("version", "1.1")
                .containsEntry("multiInstance", true);
        List<?> resources = (List<?>) def.get("resources");
        assertThat(resources).hasSize(6);
        @SuppressWarnings("unchecked")
        Map<String, Object> battery = (Map<String, Object>) resources.get(3);
        assertThat(battery.keySet()).containsExactly("id", "name", "type", "multiInstance", "mandatory",
                "allowRead", "allowWrite", "allowExec", "units");
        assertThat(battery.get("id")).isEqualTo(Integer.valueOf(9));
        assertThat(battery).containsEntry("name", "Battery Level").containsEntry("type", "Integer")
                .containsEntry("multiInstance", false).containsEntry("mandatory", false)
                .containsEntry("allowRead", true).containsEntry("allowWrite", false)
                .containsEntry("allowExec", false).containsEntry("units", "%");
        @SuppressWarnings("unchecked")
        Map<String, Object> reboot = (Map<String, Object>) resources.get(2);
        assertThat(reboot).containsEntry("type", "none").containsEntry("allowExec", true);
    }
}
