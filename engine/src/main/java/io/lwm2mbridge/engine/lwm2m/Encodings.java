package io.lwm2mbridge.engine.lwm2m;

import io.lwm2mbridge.objects.ObjectDefinition;
import io.lwm2mbridge.objects.ObjectRegistry;
import io.lwm2mbridge.objects.ResourceDefinition;
import io.lwm2mbridge.objects.ResourceType;
import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.eclipse.leshan.core.LwM2m;
import org.eclipse.leshan.core.ResponseCode;
import org.eclipse.leshan.core.link.Link;
import org.eclipse.leshan.core.link.attributes.Attribute;
import org.eclipse.leshan.core.link.attributes.Attributes;
import org.eclipse.leshan.core.link.attributes.ResourceTypeAttribute;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.CreateRequest;
import org.eclipse.leshan.core.request.DownlinkRequest;
import org.eclipse.leshan.core.request.ObserveCompositeRequest;
import org.eclipse.leshan.core.request.ObserveRequest;
import org.eclipse.leshan.core.request.ReadCompositeRequest;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.request.WriteCompositeRequest;
import org.eclipse.leshan.core.request.WriteRequest;
import org.eclipse.leshan.server.registration.Registration;

/**
 * The content format of a request whose caller named none ({@code encoding} option absent), chosen
 * from what the device said it speaks: the {@code ct=} of its registration (LwM2M 1.1), plus what its
 * LwM2M version makes mandatory (TLV in 1.0; plain text and opaque in 1.1), which Leshan folds into
 * {@link Registration#getSupportedContentFormats()}. A format the device never announced is never
 * chosen: a stock Wakaama 1.1 client built without TLV answers 5.00 to a read that asks for nothing
 * and 4.06 to a TLV write. When a device still refuses a format, {@link #explain} says which one and
 * what the device announced. Stateless apart from the registry; safe on any thread.
 */
public final class Encodings {

    /**
     * For a tree (object, instance, multiple resource), in order of preference: TLV first, which every
     * 1.0 client speaks and constrained devices parse most cheaply; then the 1.1 SenML formats, binary
     * first; the deprecated LwM2M JSON last.
     */
    static final List<ContentFormat> TREES =
            List.of(ContentFormat.TLV, ContentFormat.SENML_CBOR, ContentFormat.SENML_JSON, ContentFormat.JSON);

    /** Composite operations need a format that carries paths: SenML, binary first. */
    static final List<ContentFormat> COMPOSITE = List.of(ContentFormat.SENML_CBOR, ContentFormat.SENML_JSON);

    /** The words and the {@code encoding} option name of each format, for errors. */
    private static final Map<Integer, String[]> NAMES = Map.of(
            ContentFormat.TLV_CODE, new String[] {"TLV", "tlv"},
            ContentFormat.SENML_CBOR_CODE, new String[] {"SenML-CBOR", "senml_cbor"},
            ContentFormat.SENML_JSON_CODE, new String[] {"SenML-JSON", "senml_json"},
            ContentFormat.JSON_CODE, new String[] {"LwM2M JSON", "json"},
            ContentFormat.TEXT_CODE, new String[] {"plain text", "text"},
            ContentFormat.OPAQUE_CODE, new String[] {"opaque", "opaque"},
            ContentFormat.CBOR_CODE, new String[] {"CBOR", "cbor"},
            ContentFormat.LINK_CODE, new String[] {"CoRE link format", null});

    private final ObjectRegistry registry;

    /** @param registry where resource types come from (a lone Opaque resource is read and written as opaque) */
    public Encodings(ObjectRegistry registry) {
        this.registry = registry;
    }

    /**
     * The Accept format of a Read or Observe of one path. {@code null} (no Accept option: the device
     * answers in its own default) only when the device announced no tree format and the path is not a
     * lone resource of a known type.
     */
    public ContentFormat read(Registration reg, LwM2mPath path, ContentFormat asked) {
        return asked != null ? asked : announcedOrTyped(reg, path);
    }

    /** The format of a Write or Create payload; never null, as Leshan needs one to encode with. */
    public ContentFormat write(Registration reg, LwM2mPath path, ContentFormat asked) {
        if (asked != null) {
            return asked;
        }
        ContentFormat chosen = announcedOrTyped(reg, path);
        if (chosen != null) {
            return chosen;
        }
        if (path.isResourceInstance()) {
            return ContentFormat.TEXT; // one value of a resource nobody defined: text carries any
        }
        // no announced format carries a tree: TLV is what LwM2M 1.0 required of every client
        return ContentFormat.TLV;
    }

    /**
     * The first tree format the device announced, else the plain format of a lone resource of a known
     * type; null when neither applies (Read and Write differ only in what they do then).
     */
    private ContentFormat announcedOrTyped(Registration reg, LwM2mPath path) {
        ContentFormat tree = first(reg, TREES);
        if (tree != null) {
            return tree;
        }
        ResourceDefinition single = singleValue(reg, path);
        return single == null ? null : plain(single.type());
    }

    /** The format of a Read-, Observe- or Write-Composite. */
    public ContentFormat composite(Registration reg, ContentFormat asked) {
        if (asked != null) {
            return asked;
        }
        ContentFormat f = first(reg, COMPOSITE);
        return f != null ? f : ContentFormat.SENML_CBOR;
    }

    /**
     * The error of a refused request in words: the device's response code, and for a refusal that
     * may come from the format (4.06, 4.15; 5.00 when the format was not one the device announced),
     * which format the request used and which ones the device announced.
     */
    public static String explain(Registration reg, DownlinkRequest<?> request, ResponseCode code) {
        String base = DeviceFailure.ErrorCode.words(code);
        boolean formatCode = code.getCode() == ResponseCode.NOT_ACCEPTABLE_CODE
                || code.getCode() == ResponseCode.UNSUPPORTED_CONTENT_FORMAT_CODE;
        if (!formatCode && code.getCode() != ResponseCode.INTERNAL_SERVER_ERROR_CODE) {
            return base;
        }
        ContentFormat used = formatOf(request);
        if (!formatCode && (used == null ? !carriesFormat(request) : reg.getSupportedContentFormats().contains(used))) {
            return base;
        }
        String what = used == null ? "the request named no format (the device chose its own)"
                : "the device refused " + describe(used);
        return base + " (" + what + "; " + announced(reg) + ")";
    }

    /** "it announced ct=110 (SenML-JSON) as a LwM2M 1.1 client", or what its version implies when it announced none. */
    static String announced(Registration reg) {
        Collection<ContentFormat> ct = announcedFormats(reg);
        String version = reg.getLwM2mVersion().toString();
        if (ct == null || ct.isEmpty()) {
            Set<ContentFormat> implied = reg.getSupportedContentFormats();
            return "it announced no ct= as a LwM2M " + version + " client, which implies "
                    + implied.stream().sorted((a, b) -> Integer.compare(a.getCode(), b.getCode()))
                            .map(Encodings::describe).collect(Collectors.joining(", "));
        }
        return "it announced ct=" + ct.stream().map(f -> String.valueOf(f.getCode())).collect(Collectors.joining(" "))
                + " (" + ct.stream().map(Encodings::name).collect(Collectors.joining(", ")) + ") as a LwM2M "
                + version + " client";
    }

    /** "SenML-JSON (encoding 'senml_json', ct 110)". */
    static String describe(ContentFormat f) {
        String[] names = NAMES.get(f.getCode());
        if (names == null) {
            return f.getName().toLowerCase(Locale.ROOT) + " (ct " + f.getCode() + ")";
        }
        return names[0] + (names[1] == null ? "" : " (encoding '" + names[1] + "', ct " + f.getCode() + ")");
    }

    private static String name(ContentFormat f) {
        String[] names = NAMES.get(f.getCode());
        return names == null ? f.getName() : names[0];
    }

    /** The formats of the {@code ct} attribute of the registration's root link, or null when it has none. */
    private static Collection<ContentFormat> announcedFormats(Registration reg) {
        Link[] links = reg.getObjectLinks();
        if (links == null) {
            return null;
        }
        for (Link link : links) {
            if (isRoot(link)) {
                Attribute ct = link.getAttributes().get(Attributes.CT);
                if (ct != null && ct.getValue() instanceof Collection<?> formats) {
                    return formats.stream().filter(ContentFormat.class::isInstance).map(ContentFormat.class::cast)
                            .toList();
                }
                return null;
            }
        }
        return null;
    }

    private static boolean isRoot(Link link) {
        Attribute rt = link.getAttributes().get(Attributes.RT);
        if (rt instanceof ResourceTypeAttribute r && r.getValue().contains("oma.lwm2m")) {
            return true;
        }
        return "/".equals(link.getUriReference());
    }

    private static ContentFormat first(Registration reg, List<ContentFormat> preference) {
        Set<ContentFormat> supported = reg.getSupportedContentFormats();
        for (ContentFormat f : preference) {
            if (supported.contains(f)) {
                return f;
            }
        }
        return null;
    }

    /** Plain text, or opaque for an Opaque resource: the single-value formats LwM2M 1.1 makes mandatory. */
    private static ContentFormat plain(ResourceType type) {
        return type == ResourceType.OPAQUE ? ContentFormat.OPAQUE : ContentFormat.TEXT;
    }

    /** The definition of a lone value at that path (a single resource or one resource instance), or null. */
    private ResourceDefinition singleValue(Registration reg, LwM2mPath path) {
        if (!path.isResource() && !path.isResourceInstance()) {
            return null;
        }
        LwM2m.Version version = reg.getSupportedVersion(path.getObjectId());
        ObjectDefinition def = registry.get(path.getObjectId(), version == null ? null : version.toString()).orElse(null);
        ResourceDefinition r = def == null ? null : def.resource(path.getResourceId()).orElse(null);
        if (r == null || (r.multiple() && !path.isResourceInstance()) || r.type() == ResourceType.NONE) {
            return null;
        }
        return r;
    }

    private static ContentFormat formatOf(DownlinkRequest<?> request) {
        return switch (request) {
            case ReadRequest r -> r.getContentFormat();
            case ObserveRequest r -> r.getContentFormat();
            case WriteRequest r -> r.getContentFormat();
            case CreateRequest r -> r.getContentFormat();
            case ReadCompositeRequest r -> r.getResponseContentFormat();
            case ObserveCompositeRequest r -> r.getResponseContentFormat();
            case WriteCompositeRequest r -> r.getContentFormat();
            default -> null;
        };
    }

    /** Whether a request of this kind carries data whose format matters (so a 5.00 may be about it). */
    private static boolean carriesFormat(DownlinkRequest<?> request) {
        return request instanceof ReadRequest || request instanceof ObserveRequest;
    }
}
