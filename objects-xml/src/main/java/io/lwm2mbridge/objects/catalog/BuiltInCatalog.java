package io.lwm2mbridge.objects.catalog;

import io.lwm2mbridge.objects.ObjectDefinition;
import io.lwm2mbridge.objects.Operations;
import io.lwm2mbridge.objects.ResourceDefinition;
import io.lwm2mbridge.objects.ResourceType;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * The object definitions shipped with the server: every object version of the OMA LwM2M registry, read
 * from the catalog resource {@value #RESOURCE} that {@code tools/make-catalog} generates. Descriptions
 * are empty strings. Reading is one pass over the text; equal strings (types, units, versions, common
 * names) and equal resources (the same resource in several versions or objects) are shared, so the
 * definitions hold little more than their distinct facts.
 */
public final class BuiltInCatalog {

    /** The class-path resource holding the catalog. */
    public static final String RESOURCE = "/io/lwm2mbridge/objects/catalog/oma-objects.txt";

    private static final Map<String, Operations> OPERATIONS = new HashMap<>();
    private static final Map<String, ResourceType> TYPES = new HashMap<>();

    static {
        for (Operations o : Operations.values()) {
            OPERATIONS.put(o.ddfName(), o);
        }
        for (ResourceType t : ResourceType.values()) {
            TYPES.put(CatalogFormat.type(t), t);
        }
    }

    private BuiltInCatalog() {}

    /**
     * Reads the shipped catalog, by id then version.
     *
     * @throws CatalogException if the resource is missing or not a whole, valid catalog
     */
    public static List<ObjectDefinition> load() {
        return load(RESOURCE);
    }

    /** As {@link #load()}, from another class-path resource (tests). */
    static List<ObjectDefinition> load(String resource) {
        byte[] bytes;
        try (InputStream in = BuiltInCatalog.class.getResourceAsStream(resource)) {
            if (in == null) {
                throw new CatalogException("the built-in object catalog " + resource + " is not on the class path:"
                        + " the objects-xml jar is incomplete (rebuild it; tools/make-catalog regenerates the file)");
            }
            bytes = in.readAllBytes();
        } catch (IOException e) {
            throw new CatalogException("cannot read the built-in object catalog " + resource + ": " + e.getMessage(), e);
        }
        return read(bytes, resource);
    }

    /**
     * Reads a catalog from its bytes.
     *
     * @param source where the bytes came from, for messages
     * @throws CatalogException if they are not a whole, valid catalog; nothing is returned partly
     */
    public static List<ObjectDefinition> read(byte[] bytes, String source) {
        return new Reader(bytes, source).read();
    }

    /** One pass over one catalog; keeps the tables that share equal strings and resources. */
    private static final class Reader {
        private final byte[] bytes;
        private final String source;
        private final Map<String, String> strings = new HashMap<>(4096);
        /** Resources by their line: equal lines are equal resources, so each is made once and shared. */
        private final Map<String, ResourceDefinition> resources = new HashMap<>(4096);
        private final String[] fields = new String[8];
        private int lineNumber;

        Reader(byte[] bytes, String source) {
            this.bytes = bytes;
            this.source = source;
        }

        List<ObjectDefinition> read() {
            int endLine = lastLineStart();
            String trailer = new String(bytes, endLine, bytes.length - 1 - endLine, StandardCharsets.UTF_8);
            String[] end = trailer.split("\t", -1);
            if (end.length != 4 || !end[0].equals(CatalogFormat.END)) {
                throw corrupt("its last line is not the end line (the file is truncated)");
            }
            CRC32 crc = new CRC32();
            crc.update(bytes, 0, endLine);
            if (!String.format("%08x", crc.getValue()).equals(end[3])) {
                throw corrupt("its checksum does not match (the file was changed after it was generated)");
            }
            String text = new String(bytes, 0, endLine, StandardCharsets.UTF_8);
            List<ObjectDefinition> objects = new ArrayList<>(512);
            int resourceCount = 0;
            String[] object = null;
            int objectLine = 0;
            List<ResourceDefinition> objectResources = new ArrayList<>();
            int pos = 0;
            while (pos < text.length()) {
                int eol = text.indexOf('\n', pos);
                String line = text.substring(pos, eol < 0 ? text.length() : eol);
                pos = eol < 0 ? text.length() : eol + 1;
                lineNumber++;
                if (lineNumber == 1) {
                    if (!line.equals(CatalogFormat.MAGIC)) {
                        throw corrupt("its first line is not '" + CatalogFormat.MAGIC + "'");
                    }
                    continue;
                }
                if (line.startsWith("#")) {
                    continue;
                }
                try {
                    // half the resource lines repeat an earlier one (the same resource in several versions
                    // or objects): those take the definition already made, without splitting the line (only
                    // resource lines that followed an object line are in the table)
                    ResourceDefinition seen = resources.get(line);
                    if (seen != null) {
                        objectResources.add(seen);
                        resourceCount++;
                        continue;
                    }
                    int n = split(line);
                    switch (fields[0]) {
                        case CatalogFormat.OBJECT -> {
                            expect(n, 7);
                            if (object != null) {
                                objects.add(object(object, objectResources, objectLine));
                            }
                            object = fields.clone();
                            objectLine = lineNumber;
                            objectResources = new ArrayList<>();
                        }
                        case CatalogFormat.RESOURCE -> {
                            expect(n, 8);
                            if (object == null) {
                                throw new IllegalArgumentException("resource line before any object line");
                            }
                            objectResources.add(resource(line));
                            resourceCount++;
                        }
                        default -> throw new IllegalArgumentException("unknown record '" + fields[0] + "'");
                    }
                } catch (IllegalArgumentException e) {
                    throw corrupt("line " + lineNumber + ": " + e.getMessage());
                }
            }
            if (object != null) {
                objects.add(object(object, objectResources, objectLine));
            }
            if (!end[1].equals(Integer.toString(objects.size())) || !end[2].equals(Integer.toString(resourceCount))) {
                throw corrupt("it holds " + objects.size() + " objects and " + resourceCount + " resources, its end"
                        + " line says " + end[1] + " and " + end[2]);
            }
            return List.copyOf(objects);
        }

        /** Where the last line starts; the file must end with a line feed. */
        private int lastLineStart() {
            if (bytes.length < 2 || bytes[bytes.length - 1] != '\n') {
                throw corrupt(bytes.length == 0 ? "it is empty" : "it does not end with a line feed (the file is truncated)");
            }
            int i = bytes.length - 2;
            while (i >= 0 && bytes[i] != '\n') {
                i--;
            }
            return i + 1;
        }

        /** Splits on tabs into {@link #fields}, unescaped and shared; the number of fields. */
        private int split(String line) {
            int n = 0;
            int start = 0;
            while (true) {
                int tab = line.indexOf(CatalogFormat.SEPARATOR, start);
                String field = line.substring(start, tab < 0 ? line.length() : tab);
                if (n == fields.length) {
                    throw new IllegalArgumentException("more than " + fields.length + " fields");
                }
                fields[n++] = share(CatalogFormat.unescape(field));
                if (tab < 0) {
                    return n;
                }
                start = tab + 1;
            }
        }

        private String share(String s) {
            if (s.isEmpty()) {
                return "";
            }
            String known = strings.putIfAbsent(s, s);
            return known == null ? s : known;
        }

        /** The object of the line {@code f} read at {@code line}, once its resources are read. */
        private ObjectDefinition object(String[] f, List<ResourceDefinition> objectResources, int line) {
            try {
                return new ObjectDefinition(number(f[1]), f[5], "", f[2], f[3], f[6], multiple(f[4]), mandatory(f[4]),
                        objectResources);
            } catch (IllegalArgumentException e) {
                throw corrupt("line " + line + ": " + e.getMessage());
            }
        }

        private ResourceDefinition resource(String line) {
            Operations operations = OPERATIONS.get(fields[2]);
            if (operations == null) {
                throw new IllegalArgumentException("unknown operations '" + fields[2] + "'");
            }
            ResourceType type = TYPES.get(fields[4]);
            if (type == null) {
                throw new IllegalArgumentException("unknown type '" + fields[4] + "'");
            }
            ResourceDefinition r = new ResourceDefinition(number(fields[1]), fields[5], operations, multiple(fields[3]),
                    mandatory(fields[3]), type, fields[6], fields[7], "");
            resources.put(line, r);
            return r;
        }

        private static void expect(int n, int wanted) {
            if (n != wanted) {
                throw new IllegalArgumentException(n + " fields where " + wanted + " belong");
            }
        }

        private static int number(String s) {
            try {
                return Integer.parseInt(s);
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + s + "' is not an id");
            }
        }

        private static boolean multiple(String flags) {
            checkFlags(flags);
            return flags.charAt(0) == 'M';
        }

        private static boolean mandatory(String flags) {
            checkFlags(flags);
            return flags.charAt(1) == 'm';
        }

        private static void checkFlags(String flags) {
            if (flags.length() != 2 || "SM".indexOf(flags.charAt(0)) < 0 || "mo".indexOf(flags.charAt(1)) < 0) {
                throw new IllegalArgumentException("flags '" + flags + "' are not S|M then m|o");
            }
        }

        private CatalogException corrupt(String why) {
            return new CatalogException("the built-in object catalog " + source + " is corrupt: " + why
                    + "; regenerate it with tools/make-catalog");
        }
    }
}
