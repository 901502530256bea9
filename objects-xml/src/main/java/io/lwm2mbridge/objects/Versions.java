package io.lwm2mbridge.objects;

import java.util.Comparator;

/** Orders object versions numerically by dot-separated part, so "1.10" comes after "1.2". */
final class Versions {

    /** Missing parts count as 0, so "1" and "1.0" are the same version. */
    static final Comparator<String> ORDER = Versions::compare;

    private Versions() {}

    static int compare(String a, String b) {
        String[] left = a.strip().split("\\.", -1);
        String[] right = b.strip().split("\\.", -1);
        for (int i = 0; i < Math.max(left.length, right.length); i++) {
            String l = i < left.length ? left[i] : "0";
            String r = i < right.length ? right[i] : "0";
            int c = isNumber(l) && isNumber(r) ? compareNumbers(l, r) : l.compareTo(r);
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static boolean isNumber(String part) {
        return !part.isEmpty() && part.chars().allMatch(c -> c >= '0' && c <= '9');
    }

    /** Compares digit strings of any length without overflow. */
    private static int compareNumbers(String l, String r) {
        String a = l.replaceFirst("^0+(?=.)", "");
        String b = r.replaceFirst("^0+(?=.)", "");
        return a.length() != b.length() ? Integer.compare(a.length(), b.length()) : a.compareTo(b);
    }
}
