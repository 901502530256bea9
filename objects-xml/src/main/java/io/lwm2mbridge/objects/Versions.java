package io.lwm2mbridge.objects;

import java.util.Comparator;

/**
 * Orders object versions numerically by dot-separated part, so "1.10" comes after "1.2". Versions
 * are compared on every model lookup of every request, so the comparison walks the strings in place
 * instead of splitting them. Public for the built-in catalog and the engine, which order and match
 * versions the way the registry does.
 */
public final class Versions {

    /** Missing parts count as 0, so "1" and "1.0" are the same version. */
    public static final Comparator<String> ORDER = Versions::compare;

    private static final String ZERO = "0";

    private Versions() {}

    static int compare(String a, String b) {
        String l = a.strip();
        String r = b.strip();
        int lParts = parts(l);
        int rParts = parts(r);
        int li = 0;
        int ri = 0;
        for (int k = 0; k < Math.max(lParts, rParts); k++) {
            // a version with fewer parts reads as if its missing parts were "0"
            boolean lHas = k < lParts;
            boolean rHas = k < rParts;
            int le = lHas ? end(l, li) : 1;
            int re = rHas ? end(r, ri) : 1;
            int c = comparePart(lHas ? l : ZERO, lHas ? li : 0, le, rHas ? r : ZERO, rHas ? ri : 0, re);
            li = le + 1;
            ri = re + 1;
            if (c != 0) {
                return c;
            }
        }
        return 0;
    }

    private static int parts(String s) {
        int n = 1;
        for (int i = 0; i < s.length(); i++) {
            if (s.charAt(i) == '.') {
                n++;
            }
        }
        return n;
    }

    private static int end(String s, int from) {
        int dot = s.indexOf('.', from);
        return dot < 0 ? s.length() : dot;
    }

    /** Digit strings of any length compare as numbers, without overflow; anything else as text. */
    private static int comparePart(String l, int ls, int le, String r, int rs, int re) {
        if (isNumber(l, ls, le) && isNumber(r, rs, re)) {
            ls = skipZeros(l, ls, le);
            rs = skipZeros(r, rs, re);
            if (le - ls != re - rs) {
                return Integer.compare(le - ls, re - rs);
            }
        }
        int n = Math.min(le - ls, re - rs);
        for (int i = 0; i < n; i++) {
            int c = Character.compare(l.charAt(ls + i), r.charAt(rs + i));
            if (c != 0) {
                return c;
            }
        }
        return (le - ls) - (re - rs);
    }

    private static boolean isNumber(String s, int from, int to) {
        if (from == to) {
            return false;
        }
        for (int i = from; i < to; i++) {
            char c = s.charAt(i);
            if (c < '0' || c > '9') {
                return false;
            }
        }
        return true;
    }

    /** Leading zeros dropped, one digit always kept. */
    private static int skipZeros(String s, int from, int to) {
        while (from < to - 1 && s.charAt(from) == '0') {
            from++;
        }
        return from;
    }
}
