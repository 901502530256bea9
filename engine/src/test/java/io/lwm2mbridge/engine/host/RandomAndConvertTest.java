package io.lwm2mbridge.engine.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.lwm2mbridge.engine.testing.Scripts;
import io.lwm2mbridge.engine.testing.TestBed;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** {@code random.*} and {@code convert.*} as scripts call them: results, bytes as Uint8Array, and errors. */
class RandomAndConvertTest {

    @RegisterExtension
    static final TestBed bed = new TestBed();
    private static Scripts scripts;

    @BeforeAll
    static void start() {
        scripts = new Scripts(bed.server());
    }

    @Test
    @SuppressWarnings("unchecked")
    void random_values_have_the_asked_length_alphabet_and_range() {
        Map<String, Object> out = (Map<String, Object>) scripts.value("""
                var ints = [];
                for (var i = 0; i < 300; i++) { ints.push(random.integer(-2, 2)); }
                return {s: random.string(24), h: random.hex(16), ints: ints, one: random.integer(7, 7),
                        empty: random.string(0)};
                """);
        assertThat((String) out.get("s")).hasSize(24).matches("[A-Za-z0-9]+");
        assertThat((String) out.get("h")).hasSize(16).matches("[0-9a-f]+");
        assertThat((List<Integer>) out.get("ints")).allMatch(i -> i >= -2 && i <= 2).contains(-2, 2);
        assertThat(out.get("one")).isEqualTo(7);
        assertThat(out.get("empty")).isEqualTo("");
    }

    @Test
    void random_refuses_bad_arguments() {
        assertThat(scripts.error("random.string('8');")).isEqualTo(Map.of("name", "TypeError",
                "message", "random.string: the length must be a whole number, not '8'"));
        assertThat(scripts.error("random.hex(-1);")).isEqualTo(Map.of("name", "RangeError",
                "message", "random.hex: the number of hex digits must be between 0 and 10000, not -1"));
        assertThat(scripts.error("random.integer(5, 1);")).isEqualTo(Map.of("name", "RangeError",
                "message", "random.integer: min (5) must not be greater than max (1)"));
        assertThat(scripts.error("random.integer(1.5, 3);")).isEqualTo(Map.of("name", "TypeError",
                "message", "random.integer: min must be a whole number, not 1.5"));
    }

    @Test
    void hex_bytes_and_base64_round_trip_and_bytes_are_uint8_arrays() {
        Object out = scripts.value("""
                var b = convert.hexToBin('00ff10');
                return {isBytes: b instanceof Uint8Array, len: b.length, second: b[1], back: convert.binToHex(b),
                        fromArray: convert.binToHex([1, 2, 255]), b64: convert.base64Encode('hello'),
                        b64bytes: convert.base64Encode(b), text: convert.base64Decode('aGVsbG8='),
                        hex: convert.base64Decode('AP8Q', 'hex'), raw: convert.base64Decode('AP8Q', 'bytes') instanceof Uint8Array,
                        urlSafe: convert.base64Decode('-_8', 'hex')};
                """);
        assertThat(out).isEqualTo(Map.ofEntries(Map.entry("isBytes", true), Map.entry("len", 3), Map.entry("second", 255),
                Map.entry("back", "00ff10"), Map.entry("fromArray", "0102ff"), Map.entry("b64", "aGVsbG8="),
                Map.entry("b64bytes", "AP8Q"), Map.entry("text", "hello"), Map.entry("hex", "00ff10"),
                Map.entry("raw", true), Map.entry("urlSafe", "fbff")));
    }

    @Test
    void cbor_round_trips_objects_and_decodes_from_bytes_or_hex() {
        Object out = scripts.value("""
                var enc = convert.cborEncode({a: 1, b: [true, 'x'], c: 2.5});
                return {isBytes: enc instanceof Uint8Array, dec: convert.cborDecode(enc),
                        fromHex: convert.cborDecode('a1616101'), int: convert.cborDecode('1864')};
                """);
        assertThat(out).isEqualTo(Map.of("isBytes", true, "dec", Map.of("a", 1, "b", List.of(true, "x"), "c", 2.5),
                "fromHex", Map.of("a", 1), "int", 100));
    }

    @Test
    void delimited_string_becomes_an_object_by_field_names() {
        assertThat(scripts.value("return convert.delimitedStringToObject('1,2,3', 'a|b|c', ',');"))
                .isEqualTo(Map.of("a", "1", "b", "2", "c", "3"));
        assertThat(scripts.value("return convert.delimitedStringToObject('x;;z;extra', 'a|b|c', ';');"))
                .isEqualTo(Map.of("a", "x", "b", "", "c", "z"));
        assertThat(scripts.value("return convert.delimitedStringToObject('only', 'a|b');")).isEqualTo(Map.of("a", "only"));
        assertThat(scripts.value("return convert.delimitedStringToObject('1::2', 'a|b', '::');"))
                .isEqualTo(Map.of("a", "1", "b", "2"));
    }

    @Test
    void mccmnc_names_country_and_operator_and_throws_for_an_unknown_pair() {
        assertThat(scripts.value("return convert.mccmnc('310', '410');")).isEqualTo(Map.of("mcc", "310", "mnc", "410",
                "country", "US", "operator", "AT&T"));
        assertThat(scripts.value("return convert.mccmnc(262, 1).operator;")).isEqualTo("Telekom");
        assertThat(scripts.value("return convert.mccmnc('234', '015').country;")).isEqualTo("GB");
        assertThat(scripts.error("convert.mccmnc('999', '99');")).isEqualTo(Map.of("name", "Error",
                "message", "convert.mccmnc: unknown MCC/MNC pair 999/99"));
        assertThat(scripts.error("convert.mccmnc('31', '410');")).isEqualTo(Map.of("name", "TypeError",
                "message", "convert.mccmnc: mcc must be 3 digits, not '31'"));
        assertThat(MobileNetworks.builtIn().size()).isGreaterThan(40);
    }

    @Test
    void convert_refuses_what_it_cannot_convert() {
        assertThat(scripts.error("convert.hexToBin('abc');")).isEqualTo(Map.of("name", "TypeError",
                "message", "convert.hexToBin: not hex: give an even number of digits 0-9, a-f, not 'abc'"));
        assertThat(scripts.error("convert.hexToBin({});").get("message"))
                .isEqualTo("convert.hexToBin: the hex text must be a string, not an object");
        assertThat(scripts.error("convert.binToHex('00ff');")).isEqualTo(Map.of("name", "TypeError",
                "message", "convert.binToHex: the bytes must be bytes (a Uint8Array or an array of 0-255), not '00ff'"));
        assertThat(scripts.error("convert.binToHex([1, 300]);").get("message"))
                .isEqualTo("convert.binToHex: the bytes must be bytes: element 1 is 300, not 0 to 255");
        assertThat(scripts.error("convert.base64Decode('***');").get("name")).isEqualTo("TypeError");
        assertThat(scripts.error("convert.base64Decode('//8=');").get("message"))
                .isEqualTo("convert.base64Decode: the decoded bytes are not UTF-8 text: ask for base64Decode(text, 'bytes') or 'hex'");
        assertThat(scripts.error("convert.cborDecode('a16161');").get("message")).asString()
                .startsWith("convert.cborDecode: not valid CBOR: ");
        assertThat(scripts.error("convert.delimitedStringToObject('1,2', 'a|b', '');").get("message"))
                .isEqualTo("convert.delimitedStringToObject: the delimiter must not be empty");
    }
}
