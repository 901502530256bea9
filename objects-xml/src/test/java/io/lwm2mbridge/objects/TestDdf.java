package io.lwm2mbridge.objects;

import io.lwm2mbridge.objects.ddf.DdfParser;
import io.lwm2mbridge.objects.ddf.ParseResult;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/** Small DDF documents written for tests, and the way to the OMA registry beside the project. */
public final class TestDdf {

    private TestDdf() {}

    /** One resource {@code <Item>}. */
    public static String item(int id, String name, String operations, String type) {
        return item(id, name, operations, "Single", "Optional", type, "");
    }

    public static String item(int id, String name, String operations, String multiple, String mandatory,
            String type, String units) {
        return """
                      <Item ID="%d">
                        <Name>%s</Name>
                        <Operations>%s</Operations>
                        <MultipleInstances>%s</MultipleInstances>
                        <Mandatory>%s</Mandatory>
                        <Type>%s</Type>
                        <RangeEnumeration></RangeEnumeration>
                        <Units>%s</Units>
                        <Description>about %s</Description>
                      </Item>
                """.formatted(id, name, operations, multiple, mandatory, type, units, name);
    }

    /** One {@code <Object>} element, 1.1 layout. */
    public static String objectElement(int id, String name, String version, String... items) {
        return """
                  <Object ObjectType="MODefinition">
                    <Name>%s</Name>
                    <Description1>The %s object</Description1>
                    <ObjectID>%d</ObjectID>
                    <ObjectURN>urn:oma:lwm2m:oma:%d:%s</ObjectURN>
                    <LWM2MVersion>1.1</LWM2MVersion>
                    <ObjectVersion>%s</ObjectVersion>
                    <MultipleInstances>Multiple</MultipleInstances>
                    <Mandatory>Optional</Mandatory>
                    <Resources>
                %s    </Resources>
                    <Description2></Description2>
                  </Object>
                """.formatted(name, name, id, id, version, version, String.join("", items));
    }

    /** A whole document holding the given {@code <Object>} elements. */
    public static String document(String... objects) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<LWM2M>\n" + String.join("", objects) + "</LWM2M>\n";
    }

    public static String object(int id, String name, String version, String... items) {
        return document(objectElement(id, name, version, items));
    }

    /** A Device object (3) with a few of its real resources. */
    public static String device() {
        return object(3, "Device", "1.1",
                item(0, "Manufacturer", "R", "String"),
                item(1, "Model Number", "R", "String"),
                item(4, "Reboot", "E", ""),
                item(9, "Battery Level", "R", "Single", "Optional", "Integer", "%"),
                item(11, "Error Code", "R", "Multiple", "Mandatory", "Integer", ""),
                item(13, "Current Time", "RW", "Time"));
    }

    public static String temperature(String version) {
        return object(3303, "Temperature", version,
                item(5700, "Sensor Value", "R", "Single", "Mandatory", "Float", "Cel"),
                item(5701, "Sensor Units", "R", "String"));
    }

    public static ParseResult parse(String xml) {
        return new DdfParser().parse(xml.getBytes(StandardCharsets.UTF_8), "test");
    }

    /** Parses a document that must be fine. */
    public static List<ObjectDefinition> definitions(String xml) {
        ParseResult result = parse(xml);
        if (!result.isOk()) {
            throw new AssertionError("test document has problems: " + result.problems());
        }
        return result.objects();
    }

    public static ObjectDefinition definition(String xml) {
        return definitions(xml).getFirst();
    }

    /**
     * The OMA registry folder: from system property {@code shared.dir}, else {@code ../../shared}
     * relative to the module, else {@code /work/shared}; {@code null} when none of them has it.
     */
    public static Path omaRegistry() {
        String property = System.getProperty("shared.dir");
        return Stream.of(property == null ? null : Path.of(property), Path.of("../../shared"), Path.of("/work/shared"))
                .filter(p -> p != null)
                .map(p -> p.resolve("lwm2m-registry"))
                .filter(Files::isDirectory)
                .findFirst()
                .orElse(null);
    }
}
