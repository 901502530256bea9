package io.lwm2mbridge.objects.ddf;

import io.lwm2mbridge.objects.ObjectDefinition;
import io.lwm2mbridge.objects.ResourceDefinition;
import io.lwm2mbridge.objects.ResourceType;
import java.util.List;

/**
 * Writes object definitions as DDF XML in the LwM2M 1.1 schema layout, which {@link DdfParser} reads
 * back to equal definitions. Stateless; the methods are static so no instance is needed.
 */
public final class DdfWriter {

    private static final String SCHEMA = "http://www.openmobilealliance.org/tech/profiles/LWM2M-v1_1.xsd";

    /** One {@code <Object>} inside {@code <LWM2M>}. */
    public static String toXml(ObjectDefinition definition) {
        return toXml(List.of(definition));
    }

    /**
     * Several {@code <Object>}s inside one {@code <LWM2M>}.
     *
     * @throws IllegalArgumentException if a text holds a character XML 1.0 cannot carry (a control
     *     character), which only definitions built in code can contain
     */
    public static String toXml(List<ObjectDefinition> definitions) {
        StringBuilder out = new StringBuilder(4096);
        out.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n");
        out.append("<LWM2M xmlns:xsi=\"http://www.w3.org/2001/XMLSchema-instance\"")
                .append(" xsi:noNamespaceSchemaLocation=\"").append(SCHEMA).append("\">\n");
        for (ObjectDefinition definition : definitions) {
            object(out, definition);
        }
        return out.append("</LWM2M>\n").toString();
    }

    private static void object(StringBuilder out, ObjectDefinition d) {
        out.append("  <Object ObjectType=\"MODefinition\">\n");
        field(out, 4, "Name", d.name());
        field(out, 4, "Description1", d.description());
        field(out, 4, "ObjectID", Integer.toString(d.id()));
        field(out, 4, "ObjectURN", d.urn());
        field(out, 4, "LWM2MVersion", d.lwm2mVersion());
        field(out, 4, "ObjectVersion", d.version());
        field(out, 4, "MultipleInstances", d.multiple() ? "Multiple" : "Single");
        field(out, 4, "Mandatory", d.mandatory() ? "Mandatory" : "Optional");
        out.append("    <Resources>\n");
        for (ResourceDefinition r : d.resources()) {
            out.append("      <Item ID=\"").append(r.id()).append("\">\n");
            field(out, 8, "Name", r.name());
            field(out, 8, "Operations", r.operations().ddfName());
            field(out, 8, "MultipleInstances", r.multiple() ? "Multiple" : "Single");
            field(out, 8, "Mandatory", r.mandatory() ? "Mandatory" : "Optional");
            // the schemas spell "no type" as an empty element, not "none"
            field(out, 8, "Type", r.type() == ResourceType.NONE ? "" : r.type().ddfName());
            field(out, 8, "RangeEnumeration", r.rangeEnumeration());
            field(out, 8, "Units", r.units());
            field(out, 8, "Description", r.description());
            out.append("      </Item>\n");
        }
        out.append("    </Resources>\n");
        field(out, 4, "Description2", "");
        out.append("  </Object>\n");
    }

    private static void field(StringBuilder out, int indent, String name, String value) {
        out.repeat(' ', indent).append('<').append(name).append('>');
        escape(out, value);
        out.append("</").append(name).append(">\n");
    }

    private static void escape(StringBuilder out, String text) {
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            switch (c) {
                case '<' -> out.append("&lt;");
                case '>' -> out.append("&gt;");
                case '&' -> out.append("&amp;");
                // a parser turns a literal CR into LF; a reference keeps it
                case '\r' -> out.append("&#13;");
                default -> {
                    if (c < 0x20 && c != '\n' && c != '\t' || c == 0xFFFE || c == 0xFFFF) {
                        throw new IllegalArgumentException(String.format(
                                "character U+%04X cannot be written in XML 1.0", (int) c));
                    }
                    out.append(c);
                }
            }
        }
    }
}
