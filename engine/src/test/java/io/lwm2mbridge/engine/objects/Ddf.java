package io.lwm2mbridge.engine.objects;

import java.nio.file.Files;
import java.nio.file.Path;

/** Small DDF documents for tests (LwM2M 1.1 layout, which Leshan's own schema check accepts too). */
final class Ddf {

    private Ddf() {}

    static String item(int id, String name, String operations, String type) {
        return """
                      <Item ID="%d">
                        <Name>%s</Name>
                        <Operations>%s</Operations>
                        <MultipleInstances>Single</MultipleInstances>
                        <Mandatory>Optional</Mandatory>
                        <Type>%s</Type>
                        <RangeEnumeration></RangeEnumeration>
                        <Units></Units>
                        <Description>about %s</Description>
                      </Item>
                """.formatted(id, name, operations, type, name);
    }

    static String objectElement(int id, String name, String version, String... items) {
        return """
                  <Object ObjectType="MODefinition">
                    <Name>%s</Name>
                    <Description1>The %s object</Description1>
                    <ObjectID>%d</ObjectID>
                    <ObjectURN>urn:oma:lwm2m:x:%d:%s</ObjectURN>
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

    static String document(String... objects) {
        return "<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"
                + "<LWM2M xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\""
                + " xsi:noNamespaceSchemaLocation=\"http://openmobilealliance.org/tech/profiles/LWM2M-v1_1.xsd\">\n"
                + String.join("", objects) + "</LWM2M>\n";
    }

    static String object(int id, String name, String version, String... items) {
        return document(objectElement(id, name, version, items));
    }

    /** A small custom object with one resource of each common type. */
    static String widget(int id, String levelName) {
        return object(id, "Acme Widget", "1.0",
                item(0, "Widget Name", "R", "String"),
                item(1, levelName, "R", "Integer"),
                item(2, "Temperature Reading", "R", "Float"),
                item(3, "Enabled", "RW", "Boolean"));
    }

    /** The OMA registry checkout beside the project, or null when it is absent. */
    static Path omaRegistry() {
        Path shared = Path.of(System.getProperty("shared.dir", "/work/shared"));
        Path registry = shared.resolve("lwm2m-registry");
        return Files.isDirectory(registry) ? registry : null;
    }
}
