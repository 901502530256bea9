package io.lwm2mbridge.objects.catalog;

import io.lwm2mbridge.objects.ObjectDefinition;
import io.lwm2mbridge.objects.ResourceDefinition;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.zip.CRC32;

/** Helpers for catalog tests: definitions as the catalog keeps them, hand-written catalog texts. */
final class Catalogs {

    private Catalogs() {}

    /** The definition with every description emptied: what a catalog gives back for it. */
    static ObjectDefinition withoutDescriptions(ObjectDefinition d) {
        List<ResourceDefinition> resources = d.resources().stream()
                .map(r -> new ResourceDefinition(r.id(), r.name(), r.operations(), r.multiple(), r.mandatory(), r.type(),
                        r.rangeEnumeration(), r.units(), ""))
                .toList();
        return new ObjectDefinition(d.id(), d.name(), "", d.version(), d.lwm2mVersion(), d.urn(), d.multiple(),
                d.mandatory(), resources);
    }

    static List<ObjectDefinition> withoutDescriptions(List<ObjectDefinition> all) {
        return all.stream().map(Catalogs::withoutDescriptions).toList();
    }

    /** The catalog with its end line's checksum made right again after an edit. */
    static byte[] resealed(byte[] catalog) {
        String text = new String(catalog, StandardCharsets.UTF_8);
        String body = text.substring(0, text.lastIndexOf("end\t"));
        String[] end = text.substring(body.length()).strip().split("\t");
        CRC32 crc = new CRC32();
        crc.update(body.getBytes(StandardCharsets.UTF_8));
        return (body + "end\t" + end[1] + "\t" + end[2] + "\t" + String.format("%08x", crc.getValue()) + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }

    /** A catalog of these body lines (no trailing newline needed) with a correct end line. */
    static byte[] sealed(String body, int objects, int resources) {
        String text = CatalogFormat.MAGIC + "\n" + body + (body.endsWith("\n") ? "" : "\n");
        byte[] bytes = text.getBytes(StandardCharsets.UTF_8);
        CRC32 crc = new CRC32();
        crc.update(bytes);
        return (text + "end\t" + objects + "\t" + resources + "\t" + String.format("%08x", crc.getValue()) + "\n")
                .getBytes(StandardCharsets.UTF_8);
    }
}
