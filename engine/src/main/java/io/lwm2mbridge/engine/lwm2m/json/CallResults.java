package io.lwm2mbridge.engine.lwm2m.json;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.leshan.core.link.attributes.Attribute;
import org.eclipse.leshan.core.link.lwm2m.LwM2mLink;
import org.eclipse.leshan.core.node.LwM2mPath;

/**
 * What a successful device operation gives back beyond success, as scripts and {@code lwm2m-result} events
 * see it: the links of a Discover, the instance a Create made, the tokens of an Observe, the observations
 * a cancel ended.
 */
public final class CallResults {

    private CallResults() {}

    /** A Discover's result: {@code {links: [{path: "3/0/1", attributes: {dim: 2}}]}}. */
    public static Map<String, Object> links(LwM2mLink[] links) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("links", linkList(links));
        return result;
    }

    /** A Create's result: {@code {instanceId, location: "19/1"}}; both null when the device did not say. */
    public static Map<String, Object> created(int objectId, Integer instanceId) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("instanceId", instanceId);
        result.put("location", instanceId == null ? null : objectId + "/" + instanceId);
        return result;
    }

    /** An Observe's result: {@code {tokens: {path or "composite": token}}}. */
    public static Map<String, Object> tokens(Map<String, String> byPath) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("tokens", byPath);
        return result;
    }

    /** A read's result with {@code return: "value"}: {@code {value}}, the one value read. */
    public static Map<String, Object> value(Object value) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("value", value);
        return result;
    }

    /** A cancellation's result: {@code cancelled}, the tokens of the observations it ended. */
    public static Map<String, Object> cancelled(List<String> tokens) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("cancelled", tokens);
        return result;
    }

    /** Links as scripts see them: {@code [{path: "3/0/1", attributes: {dim: 2}}]}. */
    private static List<Map<String, Object>> linkList(LwM2mLink[] links) {
        List<Map<String, Object>> out = new ArrayList<>();
        if (links == null) {
            return out;
        }
        for (LwM2mLink link : links) {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("path", link.getPath() == null ? link.getUriReference() : text(link.getPath()));
            Map<String, Object> attributes = new LinkedHashMap<>();
            if (link.getAttributes() != null) {
                for (Attribute a : link.getAttributes()) {
                    attributes.put(a.getName(), attributeValue(a));
                }
            }
            m.put("attributes", attributes);
            out.add(m);
        }
        return out;
    }

    private static Object attributeValue(Attribute a) {
        if (!a.hasValue()) {
            return null;
        }
        Object v = a.getValue();
        if (v instanceof Number || v instanceof Boolean || v instanceof String) {
            return v;
        }
        return a.getCoreLinkValue().replace("\"", "");
    }

    /** "3/0/1": a path as scripts write it, without the leading slash. */
    private static String text(LwM2mPath path) {
        String s = path.toString();
        return s.startsWith("/") ? s.substring(1) : s;
    }
}
