package io.lwm2mbridge.objects.catalog;

import io.lwm2mbridge.objects.Operations;
import io.lwm2mbridge.objects.ResourceType;

/**
 * The catalog's text format, shared by writer and reader. UTF-8, LF line ends, tab-separated fields:
 *
 * <pre>
 * lwm2m-bridge object catalog 1                                   (first line: format and its version)
 * # comment                                                       (any number, anywhere before "end")
 * O  id  version  lwm2mVersion  flags  name  urn                  (one object version)
 * R  id  operations  flags  type  name  rangeEnumeration  units   (its resources follow it, by id)
 * end  objects  resources  crc32                                  (last line)
 * </pre>
 *
 * {@code flags} is two letters: {@code S} or {@code M} (single or multiple instances), then {@code m}
 * or {@code o} (mandatory or optional). Operations and type are DDF spellings, empty for
 * {@link Operations#NONE} and {@link ResourceType#NONE}. Inside a field backslash, tab, LF and CR are
 * written {@code \\ \t \n \r}. The {@code end} line counts the object and resource lines and carries
 * the CRC-32 (8 lower-case hex digits) of every byte before it, so a truncated or edited file is
 * refused as a whole instead of loading partly.
 */
final class CatalogFormat {

    static final String MAGIC = "lwm2m-bridge object catalog 1";
    static final String OBJECT = "O";
    static final String RESOURCE = "R";
    static final String END = "end";
    static final char SEPARATOR = '\t';

    private CatalogFormat() {}

    static String flags(boolean multiple, boolean mandatory) {
        return (multiple ? "M" : "S") + (mandatory ? "m" : "o");
    }

    static String type(ResourceType type) {
        return type == ResourceType.NONE ? "" : type.ddfName();
    }

    static String escape(String s) {
        if (s.indexOf('\\') < 0 && s.indexOf('\t') < 0 && s.indexOf('\n') < 0 && s.indexOf('\r') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length() + 8);
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '\\' -> b.append("\\\\");
                case '\t' -> b.append("\\t");
                case '\n' -> b.append("\\n");
                case '\r' -> b.append("\\r");
                default -> b.append(c);
            }
        }
        return b.toString();
    }

    /** @throws IllegalArgumentException for a backslash not followed by one of {@code \ t n r} */
    static String unescape(String s) {
        if (s.indexOf('\\') < 0) {
            return s;
        }
        StringBuilder b = new StringBuilder(s.length());
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (c != '\\') {
                b.append(c);
                continue;
            }
            char next = i + 1 < s.length() ? s.charAt(++i) : 0;
            b.append(switch (next) {
                case '\\' -> '\\';
                case 't' -> '\t';
                case 'n' -> '\n';
                case 'r' -> '\r';
                default -> throw new IllegalArgumentException("bad escape in '" + s + "'");
            });
        }
        return b.toString();
    }
}
