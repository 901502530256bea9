package io.lwm2mbridge.engine.lwm2m;

import static org.assertj.core.api.Assertions.assertThat;

import io.lwm2mbridge.engine.testing.LeshanCoreModels;
import io.lwm2mbridge.objects.IdFormat;
import io.lwm2mbridge.objects.ObjectDefinition;
import io.lwm2mbridge.objects.ObjectRegistry;
import io.lwm2mbridge.objects.ResourceDefinition;
import io.lwm2mbridge.objects.catalog.BuiltInCatalog;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

/**
 * The built-in set is the shipped catalog; it must hold every object version Leshan ships (so clients'
 * core objects are always known), and the two are checked to agree, so a Leshan upgrade that changes
 * or adds a core model shows here.
 */
class BuiltInSetTest {

    private final List<ObjectDefinition> catalog = BuiltInCatalog.load();
    private final List<ObjectDefinition> leshan = LeshanCoreModels.definitions();

    private static String key(ObjectDefinition d) {
        return d.id() + "@" + d.version();
    }

    @Test
    void built_ins_know_every_registry_object_and_every_leshan_model_by_name() {
        ObjectRegistry registry = new ObjectRegistry(LeshanModels.builtIns());

        assertThat(registry.all()).hasSizeGreaterThan(300);
        for (ObjectDefinition d : leshan) {
            assertThat(registry.get(d.id(), d.version())).as(key(d))
                    .hasValueSatisfying(found -> assertThat(found.version()).isEqualTo(d.version()));
        }
        assertThat(registry.names(3303, "1.1").objectKey(IdFormat.COMBINED)).isEqualTo("temperature_3303");
        assertThat(registry.names(3303, "1.1").resourceKey(5700, IdFormat.COMBINED)).isEqualTo("sensor_value_5700");
    }

    @Test
    void leshan_core_models_agree_with_the_registry_except_the_unit_leshan_lacks_on_object_4_version_1_3() {
        Map<String, ObjectDefinition> byKey = catalog.stream().collect(Collectors.toMap(BuiltInSetTest::key, d -> d));
        Map<String, List<String>> differences = new TreeMap<>();
        for (ObjectDefinition l : leshan) {
            ObjectDefinition c = byKey.get(key(l));
            assertThat(c).as("Leshan's %s is in the catalog", key(l)).isNotNull();
            List<String> diff = differences(c, l);
            if (!diff.isEmpty()) {
                differences.put(key(l), diff);
            }
        }

        assertThat(leshan).hasSizeGreaterThan(15);
        assertThat(differences).containsExactly(Map.entry("4@1.3",
                List.of("resource 2 units: catalog 'dBm', Leshan ''")));
    }

    @Test
    void the_built_in_set_is_the_catalog_with_the_registrys_facts() {
        List<ObjectDefinition> builtIns = LeshanModels.builtIns();
        ObjectRegistry registry = new ObjectRegistry(builtIns);

        ObjectDefinition connectivity = registry.get(4, "1.3").orElseThrow();
        assertThat(connectivity.resource(2).orElseThrow().units()).isEqualTo("dBm");
        assertThat(connectivity.description()).isEmpty();
        assertThat(builtIns).containsExactlyElementsOf(catalog);
    }

    /** What differs between two definitions of one object version, descriptions aside. */
    private static List<String> differences(ObjectDefinition c, ObjectDefinition l) {
        List<String> out = new ArrayList<>();
        field(out, "name", c.name(), l.name());
        field(out, "LwM2M version", c.lwm2mVersion(), l.lwm2mVersion());
        field(out, "urn", c.urn(), l.urn());
        field(out, "multiple", c.multiple(), l.multiple());
        field(out, "mandatory", c.mandatory(), l.mandatory());
        for (ResourceDefinition cr : c.resources()) {
            ResourceDefinition lr = l.resource(cr.id()).orElse(null);
            if (lr == null) {
                out.add("resource " + cr.id() + " only in the catalog");
                continue;
            }
            String r = "resource " + cr.id() + " ";
            field(out, r + "name", cr.name(), lr.name());
            field(out, r + "operations", cr.operations(), lr.operations());
            field(out, r + "multiple", cr.multiple(), lr.multiple());
            field(out, r + "mandatory", cr.mandatory(), lr.mandatory());
            field(out, r + "type", cr.type(), lr.type());
            field(out, r + "range", cr.rangeEnumeration(), lr.rangeEnumeration());
            field(out, r + "units", cr.units(), lr.units());
        }
        l.resources().stream().filter(lr -> c.resource(lr.id()).isEmpty())
                .forEach(lr -> out.add("resource " + lr.id() + " only in Leshan"));
        return out;
    }

    private static void field(List<String> out, String what, Object catalog, Object leshan) {
        if (!catalog.equals(leshan)) {
            out.add(what + ": catalog '" + catalog + "', Leshan '" + leshan + "'");
        }
    }
}
