package io.lwm2mbridge.objects.ddf;

import static org.assertj.core.api.Assertions.assertThat;

import io.lwm2mbridge.objects.TestDdf;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.Charset;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class EncodingTest {

    private static final String LATIN = TestDdf.object(9, "Température", "1.0", TestDdf.item(0, "Degré", "R", "Float"))
            .replace("encoding=\"UTF-8\"", "encoding=\"ISO-8859-1\"");

    private static ParseResult parse(byte[] xml) {
        return new DdfParser().parse(xml, "test");
    }

    @Test
    void the_encoding_of_the_xml_declaration_is_honoured() {
        ParseResult result = parse(LATIN.getBytes(StandardCharsets.ISO_8859_1));

        assertThat(result.problems()).isEmpty();
        assertThat(result.objects().getFirst().name()).isEqualTo("Température");
    }

    @Test
    void utf_16_with_byte_order_mark_parses() {
        byte[] xml = TestDdf.device().replace("encoding=\"UTF-8\"", "encoding=\"UTF-16\"")
                .getBytes(Charset.forName("UTF-16"));

        assertThat(parse(xml).problems()).isEmpty();
    }

    @Test
    void bytes_invalid_in_the_encoding_are_a_problem_at_their_position_and_print_nothing() {
        byte[] good = TestDdf.device().getBytes(StandardCharsets.UTF_8);
        String text = TestDdf.device();
        int at = text.indexOf("Manufacturer");
        byte[] bad = good.clone();
        bad[at] = (byte) 0xC3;
        bad[at + 1] = (byte) 0x28;
        PrintStream err = System.err;
        ByteArrayOutputStream printed = new ByteArrayOutputStream();
        ParseResult result;
        System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
        try {
            result = parse(bad);
        } finally {
            System.setErr(err);
        }

        assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
        assertThat(result.problems()).singleElement().satisfies(p -> {
            assertThat(p.message()).isEqualTo("malformed XML: bytes that are not valid UTF-8 (the document's encoding)");
            assertThat(p.line()).isEqualTo(DdfParserTest.lineOf(text, "Manufacturer"));
            assertThat(p.column()).isEqualTo(at - text.lastIndexOf('\n', at));
        });
    }

    @Test
    void an_unknown_encoding_is_a_problem() {
        assertThat(parse("<?xml version='1.0' encoding='klingon'?><a/>".getBytes(StandardCharsets.US_ASCII)).problems())
                .extracting(Problem::message).containsExactly("unsupported encoding 'klingon' in the XML declaration");
    }
}
