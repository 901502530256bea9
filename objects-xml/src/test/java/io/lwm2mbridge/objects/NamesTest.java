package io.lwm2mbridge.objects;

import static io.lwm2mbridge.objects.TestDdf.item;
import static io.lwm2mbridge.objects.TestDdf.object;
import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class NamesTest {

    private final NameTable device = NameTable.of(TestDdf.definition(TestDdf.device()));

    @Test
    void names_are_lower_case_with_runs_of_other_characters_as_one_underscore() {
        assertThat(Names.normalize("Battery Level")).isEqualTo("battery_level");
        assertThat(Names.normalize("Min. Period")).isEqualTo("min_period");
        assertThat(Names.normalize("X-Value")).isEqualTo("x_value");
        assertThat(Names.normalize("  SMS Binding Secret Key(s) ")).isEqualTo("sms_binding_secret_key_s");
        assertThat(Names.normalize("LWM2M  Server URI")).isEqualTo("lwm2m_server_uri");
        assertThat(Names.normalize("Group\u00a0 Address")).isEqualTo("group_address");
        assertThat(Names.normalize("Température")).isEqualTo("temp_rature");
        assertThat(Names.normalize("--")).isEmpty();
        assertThat(Names.normalize(null)).isEmpty();
    }

    @Test
    void device_keys_in_the_three_formats() {
        assertThat(device.objectKey(IdFormat.NUMBERS)).isEqualTo("3");
        assertThat(device.objectKey(IdFormat.STRINGS)).isEqualTo("device");
        assertThat(device.objectKey(IdFormat.COMBINED)).isEqualTo("device_3");
        assertThat(device.resourceKey(0, IdFormat.NUMBERS)).isEqualTo("0");
        assertThat(device.resourceKey(0, IdFormat.STRINGS)).isEqualTo("manufacturer");
        assertThat(device.resourceKey(0, IdFormat.COMBINED)).isEqualTo("manufacturer_0");
        assertThat(device.resourceKey(9, IdFormat.STRINGS)).isEqualTo("battery_level");
    }

    @Test
    void unknown_resource_ids_are_numbers_in_every_format() {
        for (IdFormat format : IdFormat.values()) {
            assertThat(device.resourceKey(777, format)).isEqualTo("777");
        }
    }

    @Test
    void any_spelling_of_a_resource_key_leads_back_to_its_id() {
        assertThat(device.resourceId("0")).contains(0);
        assertThat(device.resourceId("manufacturer")).contains(0);
        assertThat(device.resourceId("manufacturer_0")).contains(0);
        assertThat(device.resourceId("777")).contains(777);
        assertThat(device.resourceId("manufacturer_1")).isEmpty();
        assertThat(device.resourceId("Manufacturer")).isEmpty();
        assertThat(device.resourceId("70000")).isEmpty();
        assertThat(device.resourceId(null)).isEmpty();
    }

    @Test
    void colliding_names_keep_the_plain_name_for_the_lower_id_and_suffix_the_rest() {
        NameTable names = NameTable.of(TestDdf.definition(object(3392, "Collide", "1.0",
                item(934, "Object Enabled", "RW", "Boolean"),
                item(924, "Object-Enabled", "RW", "Boolean"),
                item(950, "object enabled!", "RW", "Boolean"))));

        assertThat(names.resourceKey(924, IdFormat.STRINGS)).isEqualTo("object_enabled");
        assertThat(names.resourceKey(934, IdFormat.STRINGS)).isEqualTo("object_enabled_934");
        assertThat(names.resourceKey(950, IdFormat.STRINGS)).isEqualTo("object_enabled_950");
        assertThat(names.resourceKey(934, IdFormat.COMBINED)).isEqualTo("object_enabled_934");
        assertThat(names.resourceKey(924, IdFormat.COMBINED)).isEqualTo("object_enabled_924");
        assertThat(names.resourceId("object_enabled")).contains(924);
        assertThat(names.resourceId("object_enabled_934")).contains(934);
        assertThat(names.resourceId("object_enabled_924")).contains(924);
    }

    @Test
    void a_suffixed_name_never_takes_a_key_that_another_resource_owns() {
        NameTable names = NameTable.of(TestDdf.definition(object(9, "Tricky", "1.0",
                item(1, "Foo", "R", "Integer"), item(5, "Foo", "R", "Integer"), item(7, "Foo 5", "R", "Integer"))));

        assertThat(names.resourceKey(5, IdFormat.STRINGS)).isEqualTo("foo_5");
        assertThat(names.resourceKey(7, IdFormat.STRINGS)).isEqualTo("foo_5_7");
        for (int id : new int[] {1, 5, 7}) {
            for (IdFormat format : IdFormat.values()) {
                assertThat(names.resourceId(names.resourceKey(id, format))).as("%d %s", id, format).contains(id);
            }
        }
    }

    @Test
    void a_name_that_normalises_to_nothing_or_digits_uses_the_id() {
        NameTable names = NameTable.of(TestDdf.definition(object(9, "***", "1.0",
                item(1, "%%", "R", "Integer"), item(2, "42", "R", "Integer"))));

        assertThat(names.objectKey(IdFormat.STRINGS)).isEqualTo("9");
        assertThat(names.objectKey(IdFormat.COMBINED)).isEqualTo("9");
        assertThat(names.resourceKey(1, IdFormat.STRINGS)).isEqualTo("1");
        assertThat(names.resourceKey(1, IdFormat.COMBINED)).isEqualTo("1");
        assertThat(names.resourceKey(2, IdFormat.STRINGS)).isEqualTo("2");
        assertThat(names.resourceId("42")).contains(42);
    }

    @Test
    void an_object_without_definition_is_numbers_everywhere() {
        NameTable unknown = NameTable.unknown(40001);

        assertThat(unknown.objectKey(IdFormat.COMBINED)).isEqualTo("40001");
        assertThat(unknown.resourceKey(3, IdFormat.STRINGS)).isEqualTo("3");
        assertThat(unknown.resourceId("3")).contains(3);
    }
}
