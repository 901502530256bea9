package io.lwm2mbridge.engine.lwm2m.json;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.eclipse.leshan.core.link.Link;
import org.eclipse.leshan.core.link.attributes.Attribute;
import org.eclipse.leshan.core.link.lwm2m.MixedLwM2mLink;
import org.eclipse.leshan.core.node.LwM2mPath;

/**
 * The {@code discovery} field of register and update events: the objects and instances a client
 * announced, as {@code {children: {"3": {children: {"0": {}}}}, attributes: {raw: "</3/0>,..."}}}.
 * Object-level attributes a client gives ({@code ver}) are kept under that object's {@code attributes}.
 */
public final class DiscoveryTree {

    private DiscoveryTree() {}

    public static Map<String, Object> of(Link[] links, String rootPath) {
        Map<String, Object> children = new LinkedHashMap<>();
        String root = rootPath == null || rootPath.isEmpty() ? "/" : rootPath;
        if (links != null) {
            for (Link link : links) {
                String[] ids = ids(link, root);
                if (ids.length == 0 || !digits(ids[0])) {
                    continue;
                }
                Map<String, Object> object = child(children, ids[0]);
                if (ids.length == 1) {
                    Map<String, Object> attributes = attributes(link);
                    if (!attributes.isEmpty()) {
                        object.put("attributes", attributes);
                    }
                } else if (digits(ids[1])) {
                    child(childrenOf(object), ids[1]);
                }
            }
        }
        Map<String, Object> tree = new LinkedHashMap<>();
        tree.put("children", children);
        Map<String, Object> attributes = new LinkedHashMap<>();
        attributes.put("raw", links == null ? "" : Stream.of(links).map(Link::toCoreLinkFormat).collect(Collectors.joining(",")));
        tree.put("attributes", attributes);
        return tree;
    }

    /** The object and instance ids a link names: from its LwM2M path when Leshan parsed one, else from its URI. */
    private static String[] ids(Link link, String root) {
        if (link instanceof MixedLwM2mLink lwm2m && lwm2m.getPath() != null) {
            LwM2mPath path = lwm2m.getPath();
            if (path.isRoot()) {
                return new String[0];
            }
            return path.getObjectInstanceId() == null
                    ? new String[] {path.getObjectId().toString()}
                    : new String[] {path.getObjectId().toString(), path.getObjectInstanceId().toString()};
        }
        String uri = link.getUriReference();
        if (uri == null || !uri.startsWith(root)) {
            return new String[0];
        }
        return Stream.of(uri.substring(root.length()).split("/")).filter(s -> !s.isEmpty()).toArray(String[]::new);
    }

    /** Whether the text is a non-empty run of ASCII digits (a regex here cost a compile per link). */
    private static boolean digits(String text) {
        if (text.isEmpty()) {
            return false;
        }
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> childrenOf(Map<String, Object> node) {
        return (Map<String, Object>) node.computeIfAbsent("children", k -> new LinkedHashMap<String, Object>());
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> child(Map<String, Object> children, String id) {
        return (Map<String, Object>) children.computeIfAbsent(id, k -> new LinkedHashMap<String, Object>());
    }

    private static Map<String, Object> attributes(Link link) {
        Map<String, Object> out = new LinkedHashMap<>();
        if (link.getAttributes() != null) {
            for (Attribute a : link.getAttributes()) {
                out.put(a.getName(), a.hasValue() ? a.getCoreLinkValue().replace("\"", "") : "");
            }
        }
        return out;
    }
}
