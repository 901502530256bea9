package io.lwm2mbridge.engine.lwm2m;

import static org.assertj.core.api.Assertions.assertThat;

import io.lwm2mbridge.objects.ObjectRegistry;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.Set;
import org.eclipse.leshan.core.LwM2m.LwM2mVersion;
import org.eclipse.leshan.core.ResponseCode;
import org.eclipse.leshan.core.link.Link;
import org.eclipse.leshan.core.link.attributes.ContentFormatAttribute;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.peer.IpPeer;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.request.WriteRequest;
import org.eclipse.leshan.server.registration.Registration;
import org.junit.jupiter.api.Test;

/**
 * Which format a call that names none goes out in, for each kind of client; the registrations are built
 * as Leshan builds them (announced {@code ct=} plus what the client's LwM2M version makes mandatory).
 */
class EncodingsTest {

    private final Encodings encodings = new Encodings(new ObjectRegistry(LeshanModels.builtIns()));

    private static Registration client(LwM2mVersion version, Set<ContentFormat> supported, ContentFormat... ct) {
        Link root = ct.length == 0 ? new Link("/") : new Link("/", new ContentFormatAttribute(ct));
        return new Registration.Builder("reg-1", "ep", new IpPeer(new InetSocketAddress("127.0.0.1", 5683)),
                URI.create("coap://127.0.0.1:5683")).lwM2mVersion(version)
                .objectLinks(new Link[] {root, new Link("/3/0"), new Link("/5/0")})
                .supportedContentFormats(supported).build();
    }

    private static final LwM2mPath DEVICE = new LwM2mPath(3, 0);
    private static final LwM2mPath MANUFACTURER = new LwM2mPath(3, 0, 0);
    private static final LwM2mPath PACKAGE = new LwM2mPath(5, 0, 0); // Opaque
    private static final LwM2mPath ERROR_CODES = new LwM2mPath(3, 0, 11); // multiple Integer

    @Test
    void a_1_0_client_gets_tlv_for_everything() {
        Registration reg = client(LwM2mVersion.V1_0, Set.of(ContentFormat.TLV));
        assertThat(encodings.read(reg, DEVICE, null)).isEqualTo(ContentFormat.TLV);
        assertThat(encodings.read(reg, MANUFACTURER, null)).isEqualTo(ContentFormat.TLV);
        assertThat(encodings.write(reg, DEVICE, null)).isEqualTo(ContentFormat.TLV);
        assertThat(Encodings.announced(reg)).isEqualTo("it announced no ct= as a LwM2M 1.0 client, which implies"
                + " TLV (encoding 'tlv', ct 11542)");
    }

    @Test
    void a_1_1_client_that_announced_senml_json_only_gets_senml_json() {
        Registration reg = client(LwM2mVersion.V1_1, Set.of(ContentFormat.SENML_JSON, ContentFormat.TEXT,
                ContentFormat.OPAQUE, ContentFormat.LINK), ContentFormat.SENML_JSON);
        assertThat(encodings.read(reg, DEVICE, null)).isEqualTo(ContentFormat.SENML_JSON);
        assertThat(encodings.write(reg, MANUFACTURER, null)).isEqualTo(ContentFormat.SENML_JSON);
        assertThat(encodings.composite(reg, null)).isEqualTo(ContentFormat.SENML_JSON);
        // what the caller names always wins
        assertThat(encodings.read(reg, DEVICE, ContentFormat.TLV)).isEqualTo(ContentFormat.TLV);
    }

    @Test
    void a_1_1_client_announcing_cbor_and_tlv_gets_tlv_for_trees_and_senml_cbor_for_composites() {
        Registration reg = client(LwM2mVersion.V1_1, Set.of(ContentFormat.TLV, ContentFormat.SENML_CBOR,
                ContentFormat.TEXT, ContentFormat.OPAQUE), ContentFormat.TLV, ContentFormat.SENML_CBOR);
        assertThat(encodings.read(reg, DEVICE, null)).isEqualTo(ContentFormat.TLV);
        assertThat(encodings.composite(reg, null)).isEqualTo(ContentFormat.SENML_CBOR);
    }

    @Test
    void a_1_1_client_that_announced_nothing_gets_its_mandatory_single_value_formats() {
        Registration reg = client(LwM2mVersion.V1_1, Set.of(ContentFormat.TEXT, ContentFormat.OPAQUE, ContentFormat.LINK));
        assertThat(encodings.read(reg, MANUFACTURER, null)).isEqualTo(ContentFormat.TEXT);
        assertThat(encodings.read(reg, PACKAGE, null)).isEqualTo(ContentFormat.OPAQUE);
        assertThat(encodings.write(reg, MANUFACTURER, null)).isEqualTo(ContentFormat.TEXT);
        assertThat(encodings.read(reg, new LwM2mPath(3, 0, 11, 0), null)).isEqualTo(ContentFormat.TEXT);
        // a tree, or a multiple resource, has no mandatory format: the device picks for a read, TLV is the guess for a write
        assertThat(encodings.read(reg, DEVICE, null)).isNull();
        assertThat(encodings.read(reg, ERROR_CODES, null)).isNull();
        assertThat(encodings.write(reg, DEVICE, null)).isEqualTo(ContentFormat.TLV);
    }

    @Test
    void refusals_name_the_format_and_what_was_announced_and_other_errors_stay_as_they_are() {
        Registration reg = client(LwM2mVersion.V1_1, Set.of(ContentFormat.SENML_JSON, ContentFormat.TEXT,
                ContentFormat.OPAQUE), ContentFormat.SENML_JSON);
        ReadRequest tlvRead = new ReadRequest(ContentFormat.TLV, DEVICE, null);
        assertThat(Encodings.explain(reg, tlvRead, ResponseCode.NOT_ACCEPTABLE)).isEqualTo("coap: not acceptable"
                + " (the device refused TLV (encoding 'tlv', ct 11542); it announced ct=110 (SenML-JSON) as a LwM2M 1.1 client)");
        WriteRequest tlvWrite = new WriteRequest(ContentFormat.TLV, 3, 0, 14, "+01:00");
        assertThat(Encodings.explain(reg, tlvWrite, ResponseCode.UNSUPPORTED_CONTENT_FORMAT))
                .startsWith("coap: unsupported content format (the device refused TLV");
        // a 5.00 is only about the format when the format was not one the device announced
        assertThat(Encodings.explain(reg, tlvRead, ResponseCode.INTERNAL_SERVER_ERROR)).contains("refused TLV");
        assertThat(Encodings.explain(reg, new ReadRequest(ContentFormat.SENML_JSON, DEVICE, null),
                ResponseCode.INTERNAL_SERVER_ERROR)).isEqualTo("coap: internal server error");
        assertThat(Encodings.explain(reg, tlvRead, ResponseCode.NOT_FOUND)).isEqualTo("coap: not found");
    }
}
