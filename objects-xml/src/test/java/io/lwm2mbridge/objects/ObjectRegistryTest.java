package io.lwm2mbridge.objects;

import static io.lwm2mbridge.objects.TestDdf.item;
import static io.lwm2mbridge.objects.TestDdf.object;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ObjectRegistryTest {

    private final ObjectDefinition device = TestDdf.definition(TestDdf.device());
    private final ObjectDefinition temperature10 = TestDdf.definition(TestDdf.temperature("1.0"));
    private final ObjectDefinition temperature11 = TestDdf.definition(TestDdf.temperature("1.1"));
    private final ObjectDefinition temperature12 = TestDdf.definition(TestDdf.temperature("1.2"));
    private final ObjectRegistry registry = new ObjectRegistry(List.of(device, temperature10, temperature11));

    private static ObjectDefinition customDevice(String version) {
        return TestDdf.definition(object(3, "My Device", version, item(0, "Vendor", "R", "String")));
    }

    @Test
    void latest_version_is_the_numerically_highest() {
        ObjectDefinition v110 = TestDdf.definition(TestDdf.temperature("1.10"));
        ObjectRegistry r = new ObjectRegistry(List.of(v110, temperature12, temperature10));

        assertThat(r.get(3303)).contains(v110);
        assertThat(r.versions(3303)).extracting(ObjectDefinition::version).containsExactly("1.0", "1.2", "1.10");
    }

    @Test
    void the_version_a_client_announces_is_picked_when_known_else_the_latest() {
        assertThat(registry.get(3303, "1.0")).contains(temperature10);
        assertThat(registry.get(3303, "1.1")).contains(temperature11);
        assertThat(registry.get(3303, "1")).contains(temperature10);
        assertThat(registry.get(3303, "9.9")).contains(temperature11);
        assertThat(registry.get(3303, null)).contains(temperature11);
        assertThat(registry.get(4242, "1.0")).isEmpty();
    }

    @Test
    void all_lists_the_latest_of_each_object_by_id() {
        assertThat(registry.all()).containsExactly(device, temperature11);
    }

    @Test
    void custom_definition_overrides_the_built_in_of_its_id_and_version() {
        ObjectDefinition mine = customDevice("1.1");

        List<ObjectDefinition> replaced = registry.putCustom(List.of(mine));

        assertThat(replaced).containsExactly(device);
        assertThat(registry.get(3)).contains(mine);
        assertThat(registry.isCustom(3)).isTrue();
        assertThat(registry.isCustom(3303)).isFalse();
        assertThat(registry.customs()).containsExactly(mine);
        assertThat(registry.names(3, null).resourceKey(0, IdFormat.STRINGS)).isEqualTo("vendor");
        assertThat(registry.objectIdForKey("my_device")).contains(3);
        assertThat(registry.objectIdForKey("device")).isEmpty();
    }

    @Test
    void a_custom_older_version_does_not_hide_a_newer_built_in() {
        ObjectDefinition old = customDevice("1.0");

        assertThat(registry.putCustom(List.of(old))).isEmpty();

        assertThat(registry.get(3)).contains(device);
        assertThat(registry.get(3, "1.0")).contains(old);
        assertThat(registry.versions(3)).containsExactly(old, device);
    }

    @Test
    void remove_custom_restores_the_built_in() {
        registry.putCustom(List.of(customDevice("1.1"), customDevice("2.0")));

        assertThat(registry.removeCustom(3)).isTrue();

        assertThat(registry.get(3)).contains(device);
        assertThat(registry.versions(3)).containsExactly(device);
        assertThat(registry.isCustom(3)).isFalse();
        assertThat(registry.removeCustom(3)).isFalse();
    }

    @Test
    void a_custom_object_unknown_to_the_built_ins_disappears_when_removed() {
        ObjectDefinition vendor = TestDdf.definition(object(40000, "Vendor Thing", "1.0", item(1, "Speed", "R", "Float")));
        registry.putCustom(List.of(vendor));
        assertThat(registry.get(40000)).contains(vendor);

        registry.removeCustom(40000);

        assertThat(registry.get(40000)).isEmpty();
        assertThat(registry.names(40000, null).objectKey(IdFormat.COMBINED)).isEqualTo("40000");
    }

    @Test
    void put_custom_replaces_several_at_once_and_counts_one_generation() {
        long before = registry.generation();

        registry.putCustom(List.of(customDevice("1.1"), TestDdf.definition(TestDdf.temperature("1.1"))));

        assertThat(registry.generation()).isEqualTo(before + 1);
        assertThat(registry.isCustom(3)).isTrue();
        assertThat(registry.isCustom(3303)).isTrue();
    }

    @Test
    void two_different_definitions_of_one_id_and_version_are_refused() {
        assertThatThrownBy(() -> registry.putCustom(List.of(customDevice("1.1"),
                TestDdf.definition(object(3, "Other", "1.1")))))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("two different custom definitions of object 3 version 1.1");
        assertThat(registry.isCustom(3)).isFalse();
    }

    @Test
    void listeners_hear_the_changed_ids_on_the_changing_thread() {
        List<Set<Integer>> heard = new ArrayList<>();
        List<Thread> threads = new ArrayList<>();
        registry.addListener(ids -> {
            heard.add(ids);
            threads.add(Thread.currentThread());
        });
        registry.addListener(ids -> {
            throw new IllegalStateException("a broken listener must not stop the others");
        });

        registry.putCustom(List.of(customDevice("1.1"), temperature12));
        registry.removeCustom(3);
        registry.removeCustom(3);

        assertThat(heard).containsExactly(Set.of(3, 3303), Set.of(3));
        assertThat(threads).containsOnly(Thread.currentThread());
    }

    @Test
    void names_are_cached_per_definition_and_renewed_on_change() {
        NameTable first = registry.names(3, null);

        assertThat(registry.names(3, "1.1")).isSameAs(first);
        registry.putCustom(List.of(customDevice("1.1")));
        assertThat(registry.names(3, null)).isNotSameAs(first);
    }

    @Test
    void object_keys_are_found_in_every_format() {
        assertThat(registry.objectIdForKey("3")).contains(3);
        assertThat(registry.objectIdForKey("device")).contains(3);
        assertThat(registry.objectIdForKey("device_3")).contains(3);
        assertThat(registry.objectIdForKey("temperature_3303")).contains(3303);
        assertThat(registry.objectIdForKey("40000")).contains(40000);
        assertThat(registry.objectIdForKey("device_4")).isEmpty();
        assertThat(registry.objectIdForKey("nothing")).isEmpty();
    }

    @Test
    void objects_whose_names_collide_keep_the_plain_name_for_the_lower_id() {
        ObjectRegistry r = new ObjectRegistry(List.of(
                TestDdf.definition(object(3336, "Location", "2.0")), TestDdf.definition(object(6, "Location", "1.0"))));

        assertThat(r.names(6, null).objectKey(IdFormat.STRINGS)).isEqualTo("location");
        assertThat(r.names(3336, null).objectKey(IdFormat.STRINGS)).isEqualTo("location_3336");
        assertThat(r.names(3336, null).objectKey(IdFormat.COMBINED)).isEqualTo("location_3336");
        assertThat(r.objectIdForKey("location")).contains(6);
        assertThat(r.objectIdForKey("location_6")).contains(6);
        assertThat(r.objectIdForKey("location_3336")).contains(3336);
    }

    @Test
    void reads_during_concurrent_changes_always_see_a_whole_definition() throws Exception {
        ObjectDefinition mine = customDevice("1.1");
        AtomicBoolean stop = new AtomicBoolean();
        List<String> wrong = new CopyOnWriteArrayList<>();
        CountDownLatch started = new CountDownLatch(2);
        ExecutorService pool = Executors.newFixedThreadPool(2);
        try {
            List<Future<?>> readers = new ArrayList<>();
            for (int t = 0; t < 2; t++) {
                readers.add(pool.submit(() -> {
                    started.countDown();
                    while (!stop.get()) {
                        ObjectDefinition seen = registry.get(3).orElseThrow();
                        NameTable names = registry.names(3, null);
                        if (!seen.equals(device) && !seen.equals(mine)) {
                            wrong.add("unexpected definition " + seen.name());
                        }
                        if (registry.all().size() != 2) {
                            wrong.add("all() had " + registry.all().size());
                        }
                        if (!names.resourceKey(0, IdFormat.STRINGS).matches("manufacturer|vendor")) {
                            wrong.add("key " + names.resourceKey(0, IdFormat.STRINGS));
                        }
                    }
                }));
            }
            started.await(5, TimeUnit.SECONDS);
            for (int i = 0; i < 2000; i++) {
                registry.putCustom(List.of(mine));
                registry.removeCustom(3);
            }
            stop.set(true);
            for (Future<?> reader : readers) {
                reader.get(5, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(wrong).isEmpty();
        assertThat(registry.generation()).isEqualTo(4000);
        assertThat(registry.get(3)).contains(device);
    }
}
