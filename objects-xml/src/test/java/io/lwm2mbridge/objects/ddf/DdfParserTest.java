package io.lwm2mbridge.objects.ddf;

import static io.lwm2mbridge.objects.TestDdf.device;
import static io.lwm2mbridge.objects.TestDdf.document;
import static io.lwm2mbridge.objects.TestDdf.item;
import static io.lwm2mbridge.objects.TestDdf.object;
import static io.lwm2mbridge.objects.TestDdf.objectElement;
import static io.lwm2mbridge.objects.TestDdf.parse;
import static org.assertj.core.api.Assertions.assertThat;

import io.lwm2mbridge.objects.ObjectDefinition;
import io.lwm2mbridge.objects.Operations;
import io.lwm2mbridge.objects.ResourceDefinition;
import io.lwm2mbridge.objects.ResourceType;
import io.lwm2mbridge.objects.TestDdf;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class DdfParserTest {

    @Test
    void device_object_parses_with_every_field() {
        ObjectDefinition device = TestDdf.definition(device());

        assertThat(device.id()).isEqualTo(3);
        assertThat(device.name()).isEqualTo("Device");
        assertThat(device.description()).isEqualTo("The Device object");
        assertThat(device.version()).isEqualTo("1.1");
        assertThat(device.lwm2mVersion()).isEqualTo("1.1");
        assertThat(device.urn()).isEqualTo("urn:oma:lwm2m:oma:3:1.1");
        assertThat(device.multiple()).isTrue();
        assertThat(device.mandatory()).isFalse();
        assertThat(device.resources()).extracting(ResourceDefinition::id).containsExactly(0, 1, 4, 9, 11, 13);
        assertThat(device.resource(9)).contains(new ResourceDefinition(9, "Battery Level", Operations.R, false,
                false, ResourceType.INTEGER, "", "%", "about Battery Level"));
        assertThat(device.resource(4).orElseThrow().type()).isEqualTo(ResourceType.NONE);
        assertThat(device.resource(11).orElseThrow().multiple()).isTrue();
        assertThat(device.resource(11).orElseThrow().mandatory()).isTrue();
        assertThat(device.resource(2)).isEmpty();
    }

    @Test
    void resources_come_out_sorted_by_id_whatever_the_document_order() {
        ObjectDefinition o = TestDdf.definition(object(3392, "Sorted", "1.0",
                item(934, "Object Enabled", "RW", "Boolean"), item(924, "Object Enabled", "RW", "Boolean")));

        assertThat(o.resources()).extracting(ResourceDefinition::id).containsExactly(924, 934);
    }

    @Test
    void a_document_may_hold_several_objects() {
        String xml = document(objectElement(3303, "Temperature", "1.0", item(5700, "Sensor Value", "R", "Float")),
                objectElement(3304, "Humidity", "1.0", item(5700, "Sensor Value", "R", "Float")));

        assertThat(TestDdf.definitions(xml)).extracting(ObjectDefinition::id).containsExactly(3303, 3304);
    }

    @Test
    void a_bare_object_root_without_lwm2m_wrapper_parses() {
        String xml = objectElement(42, "Bare", "1.0", item(0, "Value", "R", "Integer"));

        assertThat(TestDdf.definition(xml).id()).isEqualTo(42);
    }

    @Test
    void lwm2m_1_0_layout_without_versions_defaults_both_to_1_0() {
        String xml = """
                <?xml version="1.0" encoding="utf-8"?>
                <LWM2M xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xsi:noNamespaceSchemaLocation="http://openmobilealliance.org/tech/profiles/LWM2M.xsd">
                  <Object ObjectType="MODefinition">
                    <Name>Device</Name>
                    <Description1><![CDATA[Device <info> & more]]></Description1>
                    <ObjectID>3</ObjectID>
                    <ObjectURN>urn:oma:lwm2m:oma:3</ObjectURN>
                    <MultipleInstances>Single</MultipleInstances>
                    <Mandatory>Mandatory</Mandatory>
                    <Resources>
                      <Item ID="4"><Name>Reboot</Name><Operations>E</Operations><MultipleInstances>Single</MultipleInstances>
                        <Mandatory>Mandatory</Mandatory><Type></Type><RangeEnumeration></RangeEnumeration><Units></Units>
                        <Description>Reboot the device</Description></Item>
                    </Resources>
                    <Description2></Description2>
                  </Object>
                </LWM2M>
                """;

        ObjectDefinition o = TestDdf.definition(xml);

        assertThat(o.version()).isEqualTo("1.0");
        assertThat(o.lwm2mVersion()).isEqualTo("1.0");
        assertThat(o.description()).isEqualTo("Device <info> & more");
        assertThat(o.multiple()).isFalse();
        assertThat(o.mandatory()).isTrue();
    }

    @Test
    void registry_quirks_are_accepted() {
        // byte-order mark, no XML declaration, tabs, odd case and padding, empty Operations (object 0),
        // an empty Type on a readable resource (object 10482), a Type on an executable one (10260 1.0),
        // Description before Type, no RangeEnumeration nor Units, empty ObjectVersion (12 1.0)
        String xml = "\uFEFF<LWM2M>\n\t<Object ObjectType=\"MODefinition\">\n"
                + "\t\t<Name> Quirky  </Name><ObjectID> 10482 </ObjectID><ObjectVersion></ObjectVersion>\n"
                + "\t\t<MultipleInstances> multiple </MultipleInstances><Mandatory>OPTIONAL</Mandatory>\n"
                + "\t\t<Resources>\n"
                + "\t\t\t<Item ID=\" 0 \"><Name>Secret</Name><Operations></Operations><MultipleInstances>Single</MultipleInstances>"
                + "<Mandatory>Mandatory</Mandatory><Type>Opaque</Type></Item>\n"
                + "\t\t\t<Item ID=\"5\"><Name>Read data </Name><Operations>R</Operations><MultipleInstances>Single</MultipleInstances>"
                + "<Mandatory>Optional</Mandatory><Description>Execute read operation</Description><Type></Type></Item>\n"
                + "\t\t\t<Item ID=\"6\"><Name>Run</Name><Operations> e </Operations><MultipleInstances>Single</MultipleInstances>"
                + "<Mandatory>Optional</Mandatory><Type>string</Type></Item>\n"
                + "\t\t\t<Item ID=\"7\"><Name>Count</Name><Operations>R</Operations><MultipleInstances>Single</MultipleInstances>"
                + "<Mandatory>Optional</Mandatory><Type>unsigned   integer</Type></Item>\n"
                + "\t\t</Resources>\n\t</Object>\n</LWM2M>";

        ParseResult result = new DdfParser().parse(xml.getBytes(StandardCharsets.UTF_8), "quirks");

        assertThat(result.problems()).isEmpty();
        ObjectDefinition o = result.objects().getFirst();
        assertThat(o.name()).isEqualTo("Quirky");
        assertThat(o.version()).isEqualTo("1.0");
        assertThat(o.multiple()).isTrue();
        assertThat(o.urn()).isEmpty();
        assertThat(o.resource(0).orElseThrow().operations()).isEqualTo(Operations.NONE);
        assertThat(o.resource(5).orElseThrow().type()).isEqualTo(ResourceType.NONE);
        assertThat(o.resource(5).orElseThrow().name()).isEqualTo("Read data");
        assertThat(o.resource(6).orElseThrow().type()).isEqualTo(ResourceType.STRING);
        assertThat(o.resource(7).orElseThrow().type()).isEqualTo(ResourceType.UNSIGNED_INTEGER);
    }

    @Test
    void an_input_stream_parses_like_bytes() {
        ParseResult result = new DdfParser().parse(
                new ByteArrayInputStream(device().getBytes(StandardCharsets.UTF_8)), "stream");

        assertThat(result.isOk()).isTrue();
        assertThat(result.objects()).containsExactlyElementsOf(TestDdf.definitions(device()));
    }

    @Test
    void malformed_xml_is_a_problem_with_line_and_column() {
        String xml = "<LWM2M>\n  <Object>\n    <Name>Broken</Nam>\n  </Object>\n</LWM2M>\n";

        ParseResult result = parse(xml);

        assertThat(result.isOk()).isFalse();
        assertThat(result.objects()).isEmpty();
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(3);
            assertThat(p.column()).isPositive();
            assertThat(p.message()).startsWith("malformed XML: ").contains("Name");
        });
    }

    @Test
    void empty_input_is_a_problem() {
        assertThat(parse("").problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("malformed XML"));
    }

    @Test
    void unknown_type_names_the_resource_the_object_and_the_accepted_types() {
        String xml = object(3303, "Temperature", "1.0", item(5, "Value", "R", "Strin"));

        Problem problem = parse(xml).problems().getFirst();

        assertThat(problem.message()).isEqualTo("resource 5 of object 3303: unknown Type 'Strin' (expected one of "
                + "String, Integer, Unsigned Integer, Float, Boolean, Opaque, Time, Objlnk, Corelnk, "
                + "or empty for executable resources)");
        assertThat(problem.line()).isEqualTo(lineOf(xml, "<Type>Strin"));
        assertThat(problem.toString()).startsWith("line " + problem.line() + ", column " + problem.column() + ": ");
    }

    @Test
    void duplicate_resource_ids_are_rejected_with_line() {
        String xml = object(3303, "Temperature", "1.0",
                item(5700, "Sensor Value", "R", "Float"), item(5700, "Other Value", "R", "Float"));

        ParseResult result = parse(xml);

        assertThat(result.objects()).isEmpty();
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).isEqualTo("object 3303: duplicate resource id 5700 (first defined at line "
                    + lineOf(xml, "<Item ID=\"5700\">") + ", column " + p.column() + ")");
            assertThat(p.line()).isEqualTo(lineOf(xml, "Other Value") - 1);
        });
    }

    @Test
    void object_with_no_object_id_is_rejected() {
        String xml = object(3303, "Temperature", "1.0", item(0, "Value", "R", "Float"))
                .replace("<ObjectID>3303</ObjectID>", "");

        assertThat(parse(xml).problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).isEqualTo("object #1: missing <ObjectID>");
            assertThat(p.line()).isEqualTo(lineOf(xml, "<Object "));
        });
    }

    @Test
    void object_id_must_be_an_integer_in_range() {
        assertThat(parse(object(3303, "T", "1.0").replace(">3303<", ">65536<")).problems())
                .extracting(Problem::message)
                .containsExactly("object #1: ObjectID '65536' is not an integer in 0..65535");
        assertThat(parse(object(3303, "T", "1.0").replace(">3303<", ">x3<")).problems())
                .extracting(Problem::message)
                .containsExactly("object #1: ObjectID 'x3' is not an integer in 0..65535");
    }

    @Test
    void resource_id_out_of_range_is_rejected() {
        assertThat(parse(object(9, "T", "1.0", item(70000, "Big", "R", "Integer"))).problems())
                .extracting(Problem::message)
                .containsExactly("object 9: resource ID '70000' is not an integer in 0..65535");
    }

    @Test
    void resource_without_id_attribute_is_rejected() {
        String xml = object(9, "T", "1.0", item(1, "Value", "R", "Integer")).replace(" ID=\"1\"", "");

        assertThat(parse(xml).problems()).extracting(Problem::message)
                .containsExactly("object 9: resource <Item> without an ID attribute");
    }

    @Test
    void unknown_operations_is_rejected() {
        assertThat(parse(object(9, "T", "1.0", item(1, "Value", "RWX", "Integer"))).problems())
                .extracting(Problem::message)
                .containsExactly("resource 1 of object 9: unknown Operations 'RWX' (expected R, W, RW, E or empty)");
    }

    @Test
    void unrecognised_multiple_instances_and_mandatory_are_rejected() {
        String xml = object(9, "T", "1.0", item(1, "Value", "R", "Several", "Required", "Integer", ""))
                .replace("<Mandatory>Optional</Mandatory>", "<Mandatory>Sometimes</Mandatory>");

        assertThat(parse(xml).problems()).extracting(Problem::message).containsExactly(
                "object 9: Mandatory 'Sometimes' not recognised (expected Mandatory or Optional)",
                "resource 1 of object 9: MultipleInstances 'Several' not recognised (expected Multiple or Single)",
                "resource 1 of object 9: Mandatory 'Required' not recognised (expected Mandatory or Optional)");
    }

    @Test
    void type_none_spelled_out_is_only_for_executable_resources() {
        assertThat(parse(object(9, "T", "1.0", item(1, "Value", "R", "none"))).problems())
                .extracting(Problem::message)
                .containsExactly("resource 1 of object 9: Type 'none' is only for executable resources (Operations E);"
                        + " give the type of the value (String, Integer, Unsigned Integer, Float, Boolean, Opaque,"
                        + " Time, Objlnk, Corelnk)");
        assertThat(parse(object(9, "T", "1.0", item(1, "Go", "E", "none"))).isOk()).isTrue();
    }

    @Test
    void missing_or_empty_names_are_rejected() {
        String xml = object(9, "T", "1.0", item(1, " ", "R", "Integer")).replace("<Name>T</Name>", "");

        assertThat(parse(xml).problems()).extracting(Problem::message)
                .containsExactly("object 9: missing <Name>", "resource 1 of object 9: empty <Name>");
    }

    @Test
    void a_bad_version_is_rejected() {
        assertThat(parse(object(9, "T", "one")).problems()).extracting(Problem::message)
                .containsExactly("object 9: ObjectVersion 'one' is not a version such as 1.0 or 1.1");
    }

    @Test
    void a_field_given_twice_is_rejected() {
        String xml = object(9, "T", "1.0").replace("<Name>T</Name>", "<Name>T</Name><Name>U</Name>");

        assertThat(parse(xml).problems()).extracting(Problem::message)
                .containsExactly("object 9: <Name> given twice (first at line " + lineOf(xml, "<Name>T") + ")");
    }

    @Test
    void the_same_object_version_twice_in_one_document_is_rejected() {
        String xml = document(objectElement(9, "T", "1.0"), objectElement(9, "T", "1.0"));

        assertThat(parse(xml).problems()).extracting(Problem::message)
                .containsExactly("object 9 version 1.0 is defined twice (first at line 3)");
    }

    @Test
    void one_bad_object_keeps_the_whole_document_out() {
        String xml = document(objectElement(9, "Good", "1.0", item(0, "A", "R", "Integer")),
                objectElement(10, "Bad", "1.0", item(0, "A", "R", "Bogus")));

        ParseResult result = parse(xml);

        assertThat(result.objects()).isEmpty();
        assertThat(result.problems()).hasSize(1);
    }

    @Test
    void every_problem_of_a_document_is_reported_at_once() {
        String xml = object(9, "T", "1.0", item(0, "A", "R", "Bogus"), item(1, "B", "Q", "Integer"),
                item(1, "C", "R", "Integer"));

        assertThat(parse(xml).problems()).hasSize(3);
    }

    @Test
    void documents_that_are_not_object_definitions_say_so() {
        assertThat(parse("<units><title>x</title></units>").problems()).extracting(Problem::message)
                .containsExactly("root element <units> is not an LwM2M object definition (expected <LWM2M> or <Object>)");
        assertThat(parse("<LWM2M><Object ObjectType=\"CommonResources\"><Resources/></Object></LWM2M>").problems())
                .extracting(Problem::message)
                .containsExactly("ObjectType 'CommonResources' is not an object definition (expected MODefinition)");
        assertThat(parse("<LWM2M></LWM2M>").problems()).extracting(Problem::message)
                .containsExactly("no <Object> element inside <LWM2M>");
    }

    @Test
    void bad_input_never_throws() {
        for (String xml : new String[] {"", "<", "<a>", "\u0000", "<LWM2M><Object/></LWM2M>", "<?xml version=\"9\"?><a/>",
                "<LWM2M xmlns:p=\"u\"><p:Object/></LWM2M>", "<x:a/>"}) {
            assertThat(parse(xml).isOk()).as(xml).isFalse();
        }
    }

    static int lineOf(String xml, String text) {
        int at = xml.indexOf(text);
        if (at < 0) {
            throw new AssertionError("not in document: " + text);
        }
        return (int) xml.substring(0, at).chars().filter(c -> c == '\n').count() + 1;
    }
}
