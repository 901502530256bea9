package io.lwm2mbridge.objects;

import java.util.HashMap;
import java.util.HashSet;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The name translation of SCRIPTING.md ("Battery Level" becomes {@code battery_level}) and the
 * collision rule shared by object and resource keys.
 */
public final class Names {

    private Names() {}

    /**
     * Lower-cases {@code name} and turns every run of characters other than {@code [a-z0-9]} into
     * one {@code _}, trimming {@code _} at both ends: "Min. Period" gives {@code min_period}.
     *
     * @return the key, or "" when nothing is left (callers then use the id); "" for {@code null}
     */
    public static String normalize(String name) {
        if (name == null) {
            return "";
        }
        String lower = name.toLowerCase(Locale.ROOT);
        StringBuilder out = new StringBuilder(lower.length());
        boolean pendingSeparator = false;
        for (int i = 0; i < lower.length(); i++) {
            char c = lower.charAt(i);
            if ((c >= 'a' && c <= 'z') || (c >= '0' && c <= '9')) {
                if (pendingSeparator && !out.isEmpty()) {
                    out.append('_');
                }
                pendingSeparator = false;
                out.append(c);
            } else {
                pendingSeparator = true;
            }
        }
        return out.toString();
    }

    /**
     * Whether a normalised name can serve as a key: not empty and not all digits, because a decimal
     * key always means an id (the {@code numbers} format) and must never be read as a name.
     */
    static boolean usable(String normalized) {
        return !normalized.isEmpty() && !normalized.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** The {@code combined} key: {@code name_id}, or the bare id when the name is not usable. */
    static String combinedKey(String normalized, int id) {
        return usable(normalized) ? normalized + "_" + id : Integer.toString(id);
    }

    /**
     * Assigns {@code strings} keys to ids given their normalised names. The lowest id with a name
     * keeps it; each later id with the same name gets {@code name_<id>}. So that a key in any format
     * leads back to one id, a name that equals another id's combined key is suffixed the same way, and
     * {@code _<id>} is appended again in the unlikely case the suffixed key is taken too. An unusable
     * name gives the bare id. The result depends only on the input, so keys are stable.
     */
    static Map<Integer, String> stringsKeys(SortedMap<Integer, String> normalizedById) {
        Map<Integer, String> keys = new HashMap<>();
        Set<String> taken = new HashSet<>();
        Map<String, Integer> combinedOwners = new HashMap<>();
        normalizedById.forEach((id, name) -> combinedOwners.put(combinedKey(name, id), id));
        SortedMap<Integer, String> losers = new TreeMap<>();
        normalizedById.forEach((id, name) -> {
            if (!usable(name)) {
                keys.put(id, Integer.toString(id));
            } else if (id.equals(combinedOwners.getOrDefault(name, id)) && taken.add(name)) {
                keys.put(id, name);
            } else {
                losers.put(id, name);
            }
        });
        losers.forEach((id, name) -> {
            String candidate = name + "_" + id;
            while (taken.contains(candidate) || !id.equals(combinedOwners.getOrDefault(candidate, id))) {
                candidate = candidate + "_" + id;
            }
            taken.add(candidate);
            keys.put(id, candidate);
        });
        return keys;
    }
}
