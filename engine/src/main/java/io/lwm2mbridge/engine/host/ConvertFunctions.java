package io.lwm2mbridge.engine.host;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.cbor.CBORFactory;
import io.lwm2mbridge.scripting.HostApi;
import io.lwm2mbridge.scripting.HostCallException;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.charset.CharacterCodingException;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The {@code convert} host object: hex and bytes ({@code hexToBin}, {@code binToHex}), Base64,
 * CBOR, {@code delimitedStringToObject(text, "a|b|c", ",")} and {@code mccmnc(mcc, mnc)}. Bytes are a
 * {@code Uint8Array} on the script side (what {@code lwm2m.write} takes for Opaque).
 */
public record ConvertFunctions(MobileNetworks networks) {

    /** Largest input decoded at once; scripts handle device payloads, not files. */
    static final int MAX_BYTES = 4 * 1024 * 1024;

    private static final ObjectMapper CBOR = new ObjectMapper(new CBORFactory());

    public void register(HostApi.Builder api) {
        api.add("convert.hexToBin", (run, list) -> {
            Args args = Args.of("convert.hexToBin", list);
            return hexToBytes(args, args.text(0, "the hex text"));
        });
        api.add("convert.binToHex", (run, list) -> {
            Args args = Args.of("convert.binToHex", list);
            return HexFormat.of().formatHex(bytes(args, 0, "the bytes"));
        });
        api.add("convert.base64Encode", (run, list) -> {
            Args args = Args.of("convert.base64Encode", list);
            Object v = args.get(0);
            byte[] data = v instanceof String s ? s.getBytes(StandardCharsets.UTF_8) : bytes(args, 0, "the input");
            return Base64.getEncoder().encodeToString(data);
        });
        api.add("convert.base64Decode", (run, list) -> {
            Args args = Args.of("convert.base64Decode", list);
            String text = args.text(0, "the Base64 text");
            byte[] data;
            try {
                String compact = text.replaceAll("\\s+", "");
                // the URL-safe alphabet is accepted too: devices and web services use both
                data = (compact.indexOf('-') >= 0 || compact.indexOf('_') >= 0 ? Base64.getUrlDecoder()
                        : Base64.getDecoder()).decode(compact);
            } catch (IllegalArgumentException e) {
                throw args.type("not Base64: " + e.getMessage());
            }
            String as = args.has(1) ? args.string(1, "the output ('string', 'bytes' or 'hex')") : "string";
            return switch (as) {
                case "bytes" -> data;
                case "hex" -> HexFormat.of().formatHex(data);
                case "string" -> utf8(args, data);
                default -> throw args.type("the output must be 'string', 'bytes' or 'hex', not '" + as + "'");
            };
        });
        api.add("convert.cborEncode", (run, list) -> {
            Args args = Args.of("convert.cborEncode", list);
            try {
                return CBOR.writeValueAsBytes(args.get(0));
            } catch (IOException e) {
                throw args.type("cannot be written as CBOR: " + e.getMessage());
            }
        });
        api.add("convert.cborDecode", (run, list) -> {
            Args args = Args.of("convert.cborDecode", list);
            Object v = args.get(0);
            byte[] data = v instanceof String s ? hexToBytes(args, s) : bytes(args, 0, "the CBOR bytes (or hex)");
            try {
                return CBOR.readValue(data, Object.class);
            } catch (IOException e) {
                throw args.type("not valid CBOR: " + firstLine(e.getMessage()));
            }
        });
        api.add("convert.delimitedStringToObject", (run, list) -> {
            Args args = Args.of("convert.delimitedStringToObject", list);
            String text = args.text(0, "the text");
            String names = args.string(1, "the field names ('a|b|c')");
            String delimiter = args.has(2) ? args.text(2, "the delimiter") : ",";
            if (delimiter.isEmpty()) {
                throw args.type("the delimiter must not be empty");
            }
            return delimited(text, names, delimiter);
        });
        api.add("convert.mccmnc", (run, list) -> {
            Args args = Args.of("convert.mccmnc", list);
            String mcc = code(args, 0, "mcc", 3, 3);
            String mnc = code(args, 1, "mnc", 2, 3);
            return networks.lookup(mcc, mnc).map(MobileNetworks.Network::toMap)
                    .orElseThrow(() -> args.error("unknown MCC/MNC pair " + mcc + "/" + mnc));
        });
    }

    /** {@code "1,2,3"} with {@code "a|b|c"} → {@code {a: "1", b: "2", c: "3"}}; names without a value are left out, extra values ignored. */
    static Map<String, Object> delimited(String text, String names, String delimiter) {
        String[] keys = names.split("\\|", -1);
        List<String> values = split(text, delimiter);
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keys.length && i < values.size(); i++) {
            out.put(keys[i], values.get(i));
        }
        return out;
    }

    private static List<String> split(String text, String delimiter) {
        List<String> out = new java.util.ArrayList<>();
        int from = 0;
        while (true) {
            int at = text.indexOf(delimiter, from);
            if (at < 0) {
                out.add(text.substring(from));
                return out;
            }
            out.add(text.substring(from, at));
            from = at + delimiter.length();
        }
    }

    /** An MCC or MNC as digits: a number or a string of digits. */
    private static String code(Args args, int i, String what, int minDigits, int maxDigits) throws HostCallException {
        Object v = args.get(i);
        String digits;
        if (v instanceof Number) {
            digits = JsonText.of(v);
            if (!digits.matches("\\d+")) {
                throw args.type(what + " must be digits, not " + digits);
            }
            while (digits.length() < minDigits) {
                digits = "0" + digits;
            }
        } else if (v instanceof String s) {
            digits = s.trim();
        } else {
            throw args.type(what + " must be a string or number of digits, not " + Args.describe(v));
        }
        if (!digits.matches("\\d{" + minDigits + "," + maxDigits + "}")) {
            throw args.type(what + " must be " + minDigits + (minDigits == maxDigits ? "" : " or " + maxDigits)
                    + " digits, not '" + digits + "'");
        }
        return digits;
    }

    private static byte[] hexToBytes(Args args, String hex) throws HostCallException {
        String clean = hex.startsWith("0x") || hex.startsWith("0X") ? hex.substring(2) : hex;
        clean = clean.replace(" ", "").replace(":", "");
        if (clean.length() / 2 > MAX_BYTES) {
            throw args.range("more than " + MAX_BYTES + " bytes");
        }
        try {
            return HexFormat.of().parseHex(clean);
        } catch (IllegalArgumentException e) {
            throw args.type("not hex: give an even number of digits 0-9, a-f, not '"
                    + (hex.length() > 40 ? hex.substring(0, 40) + "..." : hex) + "'");
        }
    }

    /** Bytes: a Uint8Array (arrives as byte[]) or an array of numbers 0..255. */
    private static byte[] bytes(Args args, int i, String what) throws HostCallException {
        Object v = args.get(i);
        if (v instanceof byte[] b) {
            return b;
        }
        if (v instanceof List<?> list) {
            byte[] out = new byte[list.size()];
            for (int k = 0; k < out.length; k++) {
                if (!(list.get(k) instanceof Number n) || n.doubleValue() != Math.rint(n.doubleValue())
                        || n.intValue() < 0 || n.intValue() > 255) {
                    throw args.type(what + " must be bytes: element " + k + " is " + Args.describe(list.get(k))
                            + ", not 0 to 255");
                }
                out[k] = (byte) n.intValue();
            }
            return out;
        }
        throw args.type(what + " must be bytes (a Uint8Array or an array of 0-255), not " + Args.describe(v));
    }

    private static String utf8(Args args, byte[] data) throws HostCallException {
        try {
            return StandardCharsets.UTF_8.newDecoder().onMalformedInput(CodingErrorAction.REPORT)
                    .onUnmappableCharacter(CodingErrorAction.REPORT).decode(ByteBuffer.wrap(data)).toString();
        } catch (CharacterCodingException e) {
            throw args.type("the decoded bytes are not UTF-8 text: ask for base64Decode(text, 'bytes') or 'hex'");
        }
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "";
        }
        int nl = message.indexOf('\n');
        return nl < 0 ? message : message.substring(0, nl);
    }
}
