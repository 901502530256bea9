package io.lwm2mbridge.engine.objects;

import io.lwm2mbridge.objects.ObjectDefinition;
import java.util.ArrayList;
import java.util.List;

/** Object versions compared the way the registry compares them: numerically by part, "1" being "1.0". */
final class ObjectVersions {

    private ObjectVersions() {}

    /** A canonical spelling: leading zeros and trailing ".0" parts dropped, at least "major.minor". */
    static String canonical(String version) {
        String v = version == null || version.isBlank() ? ObjectDefinition.DEFAULT_VERSION : version.strip();
        List<String> parts = new ArrayList<>();
        for (String part : v.split("\\.", -1)) {
            parts.add(part.matches("\\d+") ? part.replaceFirst("^0+(?=.)", "") : part);
        }
        while (parts.size() > 2 && parts.getLast().equals("0")) {
            parts.removeLast();
        }
        if (parts.size() == 1) {
            parts.add("0");
        }
        return String.join(".", parts);
    }

    static boolean same(String a, String b) {
        return canonical(a).equals(canonical(b));
    }

    /** The key of one object version in the store and in memory: "3303@1.1". */
    static String key(int id, String version) {
        return id + "@" + canonical(version);
    }
}
