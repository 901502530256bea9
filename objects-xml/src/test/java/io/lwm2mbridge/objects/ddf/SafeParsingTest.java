package io.lwm2mbridge.objects.ddf;

import static io.lwm2mbridge.objects.TestDdf.parse;
import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import io.lwm2mbridge.objects.ObjectRegistry;
import io.lwm2mbridge.objects.TestDdf;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

class SafeParsingTest {

    private static final String OBJECT_TAIL = """
            <LWM2M><Object ObjectType="MODefinition"><Name>&e;</Name><ObjectID>9</ObjectID>
            <MultipleInstances>Single</MultipleInstances><Mandatory>Optional</Mandatory></Object></LWM2M>
            """;

    @Test
    void xxe_doctype_is_refused_before_any_entity_is_resolved() {
        String xml = "<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>\n" + OBJECT_TAIL;

        ParseResult result = parse(xml);

        assertThat(result.objects()).isEmpty();
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(2);
            assertThat(p.column()).isPositive();
            assertThat(p.message()).startsWith("DOCTYPE declarations are not allowed").doesNotContain("root:");
        });
    }

    @Test
    void external_dtd_is_refused_without_fetching_it() {
        String xml = "<!DOCTYPE LWM2M SYSTEM \"http://203.0.113.1/never.dtd\">\n" + OBJECT_TAIL.replace("&e;", "x");

        assertTimeoutPreemptively(Duration.ofSeconds(2), () ->
                assertThat(parse(xml).problems()).singleElement()
                        .satisfies(p -> assertThat(p.message()).startsWith("DOCTYPE declarations are not allowed")));
    }

    @Test
    void billion_laughs_is_refused_quickly() {
        StringBuilder dtd = new StringBuilder("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [\n<!ENTITY lol \"lol\">\n");
        for (int i = 1; i <= 9; i++) {
            dtd.append("<!ENTITY lol").append(i).append(" \"")
                    .append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">\n");
        }
        String xml = dtd.append("]>\n").append(OBJECT_TAIL.replace("&e;", "&lol9;")).toString();

        ParseResult result = assertTimeoutPreemptively(Duration.ofSeconds(2), () -> parse(xml));

        assertThat(result.objects()).isEmpty();
        assertThat(result.problems()).singleElement()
                .satisfies(p -> assertThat(p.message()).startsWith("DOCTYPE declarations are not allowed"));
    }

    @Test
    void undeclared_entity_is_a_problem() {
        assertThat(parse(OBJECT_TAIL).problems()).singleElement().satisfies(p -> {
            assertThat(p.line()).isEqualTo(1);
            assertThat(p.message()).contains("\"e\"");
        });
    }

    @Test
    void a_20_mb_array_is_rejected_by_the_size_bound_at_once() {
        byte[] huge = new byte[20 * 1024 * 1024];
        Arrays.fill(huge, (byte) ' ');

        ParseResult result = assertTimeoutPreemptively(Duration.ofSeconds(2),
                () -> new DdfParser().parse(huge, "huge"));

        assertThat(result.problems()).singleElement().satisfies(p -> assertThat(p.message())
                .isEqualTo("document is 20971520 bytes, larger than the limit of 4 MiB (4194304 bytes)"));
    }

    @Test
    void a_20_mb_stream_is_rejected_after_reading_no_more_than_the_bound() {
        CountingStream stream = new CountingStream(20L * 1024 * 1024);

        ParseResult result = assertTimeoutPreemptively(Duration.ofSeconds(5),
                () -> new DdfParser().parse(stream, "huge stream"));

        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).isEqualTo("document is larger than the limit of 4 MiB (4194304 bytes); reading stopped here");
            assertThat(p.line()).isPositive();
        });
        assertThat(stream.served).isLessThanOrEqualTo(DdfParser.DEFAULT_MAX_BYTES + 1);
    }

    @Test
    void a_document_of_exactly_the_bound_is_accepted() {
        byte[] xml = TestDdf.device().getBytes(StandardCharsets.UTF_8);

        assertThat(new DdfParser(xml.length).parse(xml, "exact").isOk()).isTrue();
        assertThat(new DdfParser(xml.length).parse(new java.io.ByteArrayInputStream(xml), "exact").isOk()).isTrue();
        assertThat(new DdfParser(xml.length - 1).parse(new java.io.ByteArrayInputStream(xml), "short").isOk()).isFalse();
    }

    @Test
    void refused_documents_leave_the_registry_unchanged() {
        ObjectRegistry registry = new ObjectRegistry(TestDdf.definitions(TestDdf.device()));
        long generation = registry.generation();
        String customDevice = TestDdf.object(3, "Device", "1.1", TestDdf.item(0, "Manufacturer", "R", "Opaque"));
        List<byte[]> bad = List.of(
                "<LWM2M><Object>".getBytes(StandardCharsets.UTF_8),
                ("<!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>" + OBJECT_TAIL).getBytes(StandardCharsets.UTF_8),
                ("<!DOCTYPE x [<!ENTITY a \"aaaaaaaaaa\"><!ENTITY b \"&a;&a;&a;&a;&a;&a;&a;&a;&a;&a;\">]>"
                        + OBJECT_TAIL.replace("&e;", "&b;")).getBytes(StandardCharsets.UTF_8),
                (customDevice.replace("</LWM2M>", "") + " ".repeat(5 * 1024 * 1024) + "</LWM2M>").getBytes(StandardCharsets.UTF_8),
                TestDdf.object(3, "Device", "1.1", TestDdf.item(0, "Manufacturer", "R", "Strin")).getBytes(StandardCharsets.UTF_8),
                TestDdf.object(3, "Device", "1.1", TestDdf.item(0, "A", "R", "String"), TestDdf.item(0, "B", "R", "String"))
                        .getBytes(StandardCharsets.UTF_8),
                customDevice.replace("<ObjectID>3</ObjectID>", "").getBytes(StandardCharsets.UTF_8));

        for (byte[] xml : bad) {
            ParseResult result = new DdfParser().parse(xml, "bad");
            assertThat(result.problems()).isNotEmpty().allSatisfy(p -> {
                assertThat(p.line()).isPositive();
                assertThat(p.column()).isPositive();
            });
            if (result.isOk()) {
                registry.putCustom(result.objects());
            }
        }
        assertThat(new DdfParser().parse(customDevice.getBytes(StandardCharsets.UTF_8), "good").isOk()).isTrue();

        assertThat(registry.generation()).isEqualTo(generation);
        assertThat(registry.isCustom(3)).isFalse();
        assertThat(registry.get(3).orElseThrow().resource(0).orElseThrow().type().ddfName()).isEqualTo("String");
    }

    /** Serves an opening tag and then spaces without holding them in memory, counting what it served. */
    private static final class CountingStream extends InputStream {
        private final byte[] head = "<LWM2M>".getBytes(StandardCharsets.US_ASCII);
        private final long size;
        long served;

        CountingStream(long size) {
            this.size = size;
        }

        @Override
        public int read() {
            if (served >= size) {
                return -1;
            }
            return served < head.length ? head[(int) served++] : (served++ % 80 == 0 ? '\n' : ' ');
        }

        @Override
        public int read(byte[] b, int off, int len) {
            if (served >= size) {
                return -1;
            }
            int n = (int) Math.min(len, size - served);
            for (int i = 0; i < n; i++) {
                b[off + i] = (byte) read();
            }
            return n;
        }
    }
}
