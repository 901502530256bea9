package io.lwm2mbridge.objects.ddf;

import io.lwm2mbridge.objects.ObjectDefinition;
import io.lwm2mbridge.objects.Operations;
import io.lwm2mbridge.objects.ResourceDefinition;
import io.lwm2mbridge.objects.ResourceType;
import io.lwm2mbridge.objects.ddf.SafeXml.Element;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/** Reads and checks one {@code <Object>} element, adding every problem rather than stopping at the first. */
final class ObjectReader {

    private static final Pattern ID = Pattern.compile("\\d{1,5}");
    private static final Pattern VERSION = Pattern.compile("\\d{1,9}(\\.\\d{1,9}){0,3}");

    private final Element object;
    private final int ordinal;
    private final List<Problem> problems;
    private final int problemsBefore;
    private String label;

    ObjectReader(Element object, int ordinal, List<Problem> problems) {
        this.object = object;
        this.ordinal = ordinal;
        this.problems = problems;
        this.problemsBefore = problems.size();
    }

    ObjectDefinition read() {
        Fields fields = new Fields(object, problems);
        label = "object #" + ordinal;
        Element idElement = fields.get("ObjectID");
        Integer id = null;
        if (idElement == null) {
            problem(object, "missing <ObjectID>");
        } else {
            id = parseId(idElement.text());
            if (id == null) {
                problem(idElement, "ObjectID '" + idElement.text().strip() + "' is not an integer in 0..65535");
            } else {
                label = "object " + id;
            }
        }
        fields.reportDuplicates(label);
        String name = required(fields, "Name", object);
        String version = version(fields, "ObjectVersion");
        String lwm2mVersion = version(fields, "LWM2MVersion");
        Boolean multiple = choice(fields, object, "MultipleInstances", "Multiple", "Single");
        Boolean mandatory = choice(fields, object, "Mandatory", "Mandatory", "Optional");
        List<ResourceDefinition> resources = resources(fields.get("Resources"));
        if (problems.size() > problemsBefore) {
            return null;
        }
        return new ObjectDefinition(id, name, fields.text("Description1"), version, lwm2mVersion,
                fields.text("ObjectURN"), multiple, mandatory, resources);
    }

    private List<ResourceDefinition> resources(Element container) {
        List<ResourceDefinition> resources = new ArrayList<>();
        if (container == null) {
            return resources;
        }
        Map<Integer, Element> seen = new HashMap<>();
        for (Element item : container.children) {
            if (!item.name.equals("Item")) {
                continue;
            }
            String idText = item.attributes.get("ID");
            Integer id = idText == null ? null : parseId(idText);
            if (idText == null) {
                problem(item, "resource <Item> without an ID attribute");
                continue;
            }
            if (id == null) {
                problem(item, "resource ID '" + idText.strip() + "' is not an integer in 0..65535");
                continue;
            }
            Element first = seen.putIfAbsent(id, item);
            if (first != null) {
                problem(item, "duplicate resource id " + id + " (first defined at line " + first.line
                        + ", column " + first.column + ")");
                continue;
            }
            ResourceDefinition resource = resource(item, id);
            if (resource != null) {
                resources.add(resource);
            }
        }
        return resources;
    }

    private ResourceDefinition resource(Element item, int id) {
        String outer = label;
        label = "resource " + id + " of " + outer;
        try {
            int before = problems.size();
            Fields fields = new Fields(item, problems);
            fields.reportDuplicates(label);
            String name = required(fields, "Name", item);
            Operations operations = null;
            Element opsElement = fields.get("Operations");
            if (opsElement == null) {
                problem(item, "missing <Operations> (R, W, RW, E or empty)");
            } else {
                try {
                    operations = Operations.fromDdf(opsElement.text());
                } catch (IllegalArgumentException e) {
                    problem(opsElement, e.getMessage());
                }
            }
            Boolean multiple = choice(fields, item, "MultipleInstances", "Multiple", "Single");
            Boolean mandatory = choice(fields, item, "Mandatory", "Mandatory", "Optional");
            ResourceType type = null;
            Element typeElement = fields.get("Type");
            String typeText = typeElement == null ? "" : typeElement.text().strip();
            try {
                type = ResourceType.fromDdf(typeText);
                // an empty Type on a readable resource is tolerated (the OMA registry has one);
                // spelling out "none" there is a mistake worth reporting
                if (type == ResourceType.NONE && !typeText.isEmpty() && operations != null
                        && operations != Operations.E && operations != Operations.NONE) {
                    problem(typeElement, "Type 'none' is only for executable resources (Operations E);"
                            + " give the type of the value (" + expectedTypes() + ")");
                }
            } catch (IllegalArgumentException e) {
                problem(typeElement, e.getMessage());
            }
            if (problems.size() > before) {
                return null;
            }
            return new ResourceDefinition(id, name, operations, multiple, mandatory, type,
                    fields.text("RangeEnumeration"), fields.text("Units"), fields.text("Description"));
        } finally {
            label = outer;
        }
    }

    private String required(Fields fields, String field, Element parent) {
        Element element = fields.get(field);
        if (element == null) {
            problem(parent, "missing <" + field + ">");
            return null;
        }
        String text = element.text().strip();
        if (text.isEmpty()) {
            problem(element, "empty <" + field + ">");
            return null;
        }
        return text;
    }

    private String version(Fields fields, String field) {
        Element element = fields.get(field);
        String text = element == null ? "" : element.text().strip();
        if (text.isEmpty()) {
            return ObjectDefinition.DEFAULT_VERSION;
        }
        if (!VERSION.matcher(text).matches()) {
            problem(element, field + " '" + text + "' is not a version such as 1.0 or 1.1");
        }
        return text;
    }

    private Boolean choice(Fields fields, Element parent, String field, String yes, String no) {
        Element element = fields.get(field);
        if (element == null) {
            problem(parent, "missing <" + field + "> (" + yes + " or " + no + ")");
            return null;
        }
        String text = element.text().strip();
        if (text.equalsIgnoreCase(yes)) {
            return true;
        }
        if (text.equalsIgnoreCase(no)) {
            return false;
        }
        problem(element, field + " '" + text + "' not recognised (expected " + yes + " or " + no + ")");
        return null;
    }

    private void problem(Element at, String message) {
        problems.add(new Problem(at.line, at.column, label + ": " + message));
    }

private static String expectedTypes() {
        StringBuilder out = new StringBuilder();
        for (ResourceType type : ResourceType.values()) {
            if (type != ResourceType.NONE) {
                out.append(out.isEmpty() ? "" : ", ").append(type.ddfName());
            }
        }
        return out.toString();
    }

    private static Integer parseId(String text) {
        String trimmed = text.strip();
        if (!ID.matcher(trimmed).matches()) {
            return null;
        }
        int id = Integer.parseInt(trimmed);
        return id <= ObjectDefinition.MAX_ID ? id : null;
    }

    /** The known child elements of an Object or Item, first occurrence kept, repeats remembered. */
    private static final class Fields {
        /** Only these may not repeat; unknown children (Description2, Submitter, TS...) are ignored. */
        private static final Set<String> KNOWN = Set.of("Name", "Description1", "ObjectID",
                "ObjectURN", "LWM2MVersion", "ObjectVersion", "MultipleInstances", "Mandatory", "Resources",
                "Operations", "Type", "RangeEnumeration", "Units", "Description");
        private final Map<String, Element> first = new HashMap<>();
        private final List<Element> repeats = new ArrayList<>();
        private final List<Problem> problems;

        Fields(Element parent, List<Problem> problems) {
            this.problems = problems;
            for (Element child : parent.children) {
                if (first.putIfAbsent(child.name, child) != null && KNOWN.contains(child.name)) {
                    repeats.add(child);
                }
            }
        }

        Element get(String name) {
            return first.get(name);
        }

        String text(String name) {
            Element element = first.get(name);
            return element == null ? "" : element.text().strip();
        }

        void reportDuplicates(String label) {
            for (Element repeat : repeats) {
                Element original = first.get(repeat.name);
                problems.add(new Problem(repeat.line, repeat.column, label + ": <" + repeat.name
                        + "> given twice (first at line " + original.line + ")"));
            }
        }
    }
}
