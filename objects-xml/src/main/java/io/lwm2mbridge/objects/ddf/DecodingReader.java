package io.lwm2mbridge.objects.ddf;

import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.Reader;
import java.nio.ByteBuffer;
import java.nio.CharBuffer;
import java.nio.charset.CharsetDecoder;
import java.nio.charset.CoderResult;
import java.nio.charset.Charset;
import java.nio.charset.CodingErrorAction;
import java.nio.charset.IllegalCharsetNameException;
import java.nio.charset.StandardCharsets;
import java.nio.charset.UnsupportedCharsetException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Turns XML bytes into characters ourselves (byte-order mark, else the XML declaration, else UTF-8),
 * so that undecodable bytes become a Problem with a position instead of the JDK parser's message
 * printed on System.err; counts lines and columns of what it has handed out for that position.
 */
final class DecodingReader extends Reader {

    private static final int SNIFF = 1024;
    private static final Pattern DECLARED = Pattern.compile(
            "^\\s*<\\?xml[^>]*?\\sencoding\\s*=\\s*[\"']([^\"']*)[\"']");

    private final InputStream in;
    private final CharsetDecoder decoder;
    private final String charset;
    private final ByteBuffer bytes = ByteBuffer.allocate(8192).flip();
    private boolean endOfInput;
    private boolean flushed;
    private CoderResult pendingError;
    private int pendingChar = -1;
    private int line = 1;
    private int column = 1;
    private boolean afterCr;
    /** Set when bytes could not be decoded; a problem at the current line and column. */
    String badBytes;

    private DecodingReader(InputStream in, CharsetDecoder decoder) {
        this.in = in;
        this.decoder = decoder;
        this.charset = decoder.charset().name();
    }

    /** An encoding the document names that Java does not know. */
    static final class UnknownEncoding extends IOException {
        UnknownEncoding(String name) {
            super("unsupported encoding '" + name + "' in the XML declaration");
        }
    }

    static DecodingReader open(InputStream raw) throws IOException {
        BufferedInputStream in = new BufferedInputStream(raw, SNIFF * 8);
        in.mark(SNIFF);
        byte[] head = in.readNBytes(SNIFF);
        in.reset();
        Charset charset;
        int skip = 0;
        if (startsWith(head, 0xEF, 0xBB, 0xBF)) {
            charset = StandardCharsets.UTF_8;
            skip = 3;
        } else if (startsWith(head, 0xFE, 0xFF)) {
            charset = StandardCharsets.UTF_16BE;
            skip = 2;
        } else if (startsWith(head, 0xFF, 0xFE)) {
            charset = StandardCharsets.UTF_16LE;
            skip = 2;
        } else if (startsWith(head, 0x00, 0x3C, 0x00, 0x3F)) {
            charset = StandardCharsets.UTF_16BE;
        } else if (startsWith(head, 0x3C, 0x00, 0x3F, 0x00)) {
            charset = StandardCharsets.UTF_16LE;
        } else {
            charset = declared(new String(head, StandardCharsets.ISO_8859_1));
        }
        in.skipNBytes(skip);
        CharsetDecoder decoder = charset.newDecoder()
                .onMalformedInput(CodingErrorAction.REPORT)
                .onUnmappableCharacter(CodingErrorAction.REPORT);
        return new DecodingReader(in, decoder);
    }

    private static Charset declared(String head) throws UnknownEncoding {
        Matcher m = DECLARED.matcher(head);
        if (!m.find()) {
            return StandardCharsets.UTF_8;
        }
        String name = m.group(1).strip();
        try {
            return Charset.forName(name);
        } catch (IllegalCharsetNameException | UnsupportedCharsetException e) {
            throw new UnknownEncoding(name);
        }
    }

    private static boolean startsWith(byte[] head, int... prefix) {
        if (head.length < prefix.length) {
            return false;
        }
        for (int i = 0; i < prefix.length; i++) {
            if ((head[i] & 0xff) != prefix[i]) {
                return false;
            }
        }
        return true;
    }

    int line() {
        return line;
    }

    int column() {
        return column;
    }

    /**
     * Decodes by hand rather than through InputStreamReader so that the characters before a bad byte
     * are handed out first and the line and column point at the bad byte itself.
     */
    @Override
    public int read(char[] buffer, int offset, int length) throws IOException {
        if (length == 0) {
            return 0;
        }
        CharBuffer out = CharBuffer.wrap(buffer, offset, length);
        if (pendingChar >= 0) {
            out.put((char) pendingChar);
            pendingChar = -1;
        }
        while (out.position() == offset) {
            if (pendingError != null) {
                fail(pendingError);
            }
            CoderResult result = endOfInput && !bytes.hasRemaining() && flushed ? null
                    : decoder.decode(bytes, out, endOfInput);
            if (result == null) {
                return -1;
            }
            if (result.isError()) {
                if (out.position() > offset) {
                    pendingError = result;
                    break;
                }
                fail(result);
            }
            if (out.position() > offset) {
                break;
            }
            if (result.isOverflow()) {
                // a surrogate pair into a one-char buffer: decode into a pair, keep the second half
                CharBuffer pair = CharBuffer.allocate(2);
                CoderResult r = decoder.decode(bytes, pair, endOfInput);
                if (r.isError()) {
                    fail(r);
                }
                pair.flip();
                out.put(pair.get());
                if (pair.hasRemaining()) {
                    pendingChar = pair.get();
                }
                break;
            }
            if (endOfInput) {
                decoder.flush(out);
                flushed = true;
                continue;
            }
            bytes.compact();
            int n = in.read(bytes.array(), bytes.position(), bytes.remaining());
            if (n < 0) {
                endOfInput = true;
            } else {
                bytes.position(bytes.position() + n);
            }
            bytes.flip();
        }
        int n = out.position() - offset;
        count(buffer, offset, n);
        return n;
    }

    private void fail(CoderResult result) throws IOException {
        badBytes = "bytes that are not valid " + charset + " (the document's encoding)";
        result.throwException();
    }

    private void count(char[] buffer, int offset, int n) {
        for (int i = offset; i < offset + n; i++) {
            char c = buffer[i];
            if (c == '\n' && afterCr) {
                afterCr = false;
            } else if (c == '\n' || c == '\r') {
                line++;
                column = 1;
                afterCr = c == '\r';
            } else {
                column++;
                afterCr = false;
            }
        }
    }

    @Override
    public void close() throws IOException {
        // the caller owns the underlying stream
    }
}
