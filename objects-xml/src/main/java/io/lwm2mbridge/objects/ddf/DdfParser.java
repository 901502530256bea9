package io.lwm2mbridge.objects.ddf;

import io.lwm2mbridge.objects.ObjectDefinition;
import io.lwm2mbridge.objects.Operations;
import io.lwm2mbridge.objects.ddf.SafeXml.Element;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Parses OMA DDF XML (LwM2M 1.0, 1.1 and 1.2 schemas) into {@link ObjectDefinition}s, thread-safe and
 * never throwing for bad input: DOCTYPE, malformed XML, oversize or invalid documents become
 * {@link Problem}s with line and column.
 *
 * <p>Deliberately lenient where the published OMA registry is: an empty Type is accepted on any
 * resource (object 10482 resource 5 is readable with none), an executable resource may have a Type,
 * empty Operations means {@link Operations#NONE} (object 0), ObjectVersion and LWM2MVersion may be
 * absent or empty ("1.0"), RangeEnumeration, Units and ObjectURN may be absent, and names and values
 * are trimmed.
 */
public final class DdfParser {

    private static final Logger LOG = LoggerFactory.getLogger(DdfParser.class);

    /** The default size bound: 4 MiB, over a hundred times the largest object file in the OMA registry (34 KB). */
    public static final long DEFAULT_MAX_BYTES = 4L * 1024 * 1024;

    private final long maxBytes;

    /** A parser with the default size bound, {@link #DEFAULT_MAX_BYTES}. */
    public DdfParser() {
        this(DEFAULT_MAX_BYTES);
    }

    /** @param maxBytes the largest document accepted; more is a problem, found without reading it all */
    public DdfParser(long maxBytes) {
        if (maxBytes <= 0) {
            throw new IllegalArgumentException("maxBytes must be positive, was " + maxBytes);
        }
        this.maxBytes = maxBytes;
    }

    public long maxBytes() {
        return maxBytes;
    }

    /**
     * Parses one document holding an {@code <Object>} or several under {@code <LWM2M>}. Reads at most
     * {@link #maxBytes()} (plus one) bytes and does not close {@code in}.
     *
     * @param sourceName where the document came from, for logs
     */
    public ParseResult parse(InputStream in, String sourceName) {
        Objects.requireNonNull(in, "in");
        return parseOrSkip(in, sourceName).asResult();
    }

    /** As {@link #parse(InputStream, String)}, for a document already in memory. */
    public ParseResult parse(byte[] xml, String sourceName) {
        Objects.requireNonNull(xml, "xml");
        if (xml.length > maxBytes) {
            return ParseResult.failed(List.of(new Problem(1, 1,
                    "document is " + xml.length + " bytes, larger than the limit of " + limitText())));
        }
        return parse(new ByteArrayInputStream(xml), sourceName);
    }

    /** A parse that tells a document which is not an object definition at all (so may be skipped) from a bad one. */
    record Outcome(ParseResult result, Problem notADefinition) {
        ParseResult asResult() {
            return notADefinition != null ? ParseResult.failed(List.of(notADefinition)) : result;
        }
    }

    Outcome parseOrSkip(InputStream in, String sourceName) {
        SafeXml.Read read = SafeXml.read(in, maxBytes, limitText());
        if (read.problem() != null) {
            LOG.debug("{}: {}", sourceName, read.problem());
            return new Outcome(ParseResult.failed(List.of(read.problem())), null);
        }
        Element root = read.root();
        List<Element> objects = switch (root.name) {
            case "LWM2M" -> root.children.stream().filter(e -> e.name.equals("Object")).toList();
            case "Object" -> List.of(root);
            default -> null;
        };
        if (objects == null) {
            return new Outcome(null, new Problem(root.line, root.column, "root element <" + root.name
                    + "> is not an LwM2M object definition (expected <LWM2M> or <Object>)"));
        }
        if (objects.isEmpty()) {
            return new Outcome(ParseResult.failed(List.of(new Problem(root.line, root.column,
                    "no <Object> element inside <LWM2M>"))), null);
        }
        if (objects.stream().noneMatch(DdfParser::isDefinition)) {
            Element first = objects.getFirst();
            return new Outcome(null, new Problem(first.line, first.column, "ObjectType '"
                    + first.attributes.get("ObjectType") + "' is not an object definition (expected MODefinition)"));
        }
        List<Problem> problems = new ArrayList<>();
        List<ObjectDefinition> definitions = new ArrayList<>();
        Map<String, Element> seen = new HashMap<>();
        for (int i = 0; i < objects.size(); i++) {
            Element object = objects.get(i);
            if (!isDefinition(object)) {
                problems.add(new Problem(object.line, object.column, "object #" + (i + 1) + ": ObjectType '"
                        + object.attributes.get("ObjectType") + "' is not an object definition (expected MODefinition)"));
                continue;
            }
            ObjectDefinition definition = new ObjectReader(object, i + 1, problems).read();
            if (definition != null) {
                String key = definition.id() + "@" + definition.version();
                Element first = seen.putIfAbsent(key, object);
                if (first != null) {
                    problems.add(new Problem(object.line, object.column, "object " + definition.id() + " version "
                            + definition.version() + " is defined twice (first at line " + first.line + ")"));
                }
                definitions.add(definition);
            }
        }
        if (!problems.isEmpty()) {
            LOG.debug("{}: {} problem(s), first: {}", sourceName, problems.size(), problems.getFirst());
        }
        return new Outcome(new ParseResult(definitions, problems), null);
    }

    private static boolean isDefinition(Element object) {
        String type = object.attributes.get("ObjectType");
        return type == null || type.strip().equalsIgnoreCase("MODefinition");
    }

    private String limitText() {
        return maxBytes % (1024 * 1024) == 0 ? (maxBytes / (1024 * 1024)) + " MiB (" + maxBytes + " bytes)"
                : maxBytes + " bytes";
    }
}
