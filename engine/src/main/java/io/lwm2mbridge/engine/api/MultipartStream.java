package io.lwm2mbridge.engine.api;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads a {@code multipart/form-data} body (RFC 7578) part by part as it arrives, so a firmware upload
 * passes through with one small buffer instead of being held whole. Each part's content is an
 * {@link InputStream} that ends at the next boundary; moving to the next part skips what was left unread.
 * Not thread-safe: one reader, on the thread that reads the request body.
 */
final class MultipartStream {

    /** One part: its form field name, file name (null for a plain field), content type and content. */
    record Part(String name, String filename, String contentType, InputStream content) {

        /** The content as text, for plain fields; more than {@code max} bytes is an error. */
        String text(int max) throws IOException {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            byte[] chunk = new byte[1024];
            int n;
            while ((n = content.read(chunk)) >= 0) {
                out.write(chunk, 0, n);
                if (out.size() > max) {
                    throw new MalformedException("form field '" + name + "' is longer than " + max + " bytes");
                }
            }
            return out.toString(StandardCharsets.UTF_8);
        }
    }

    /** The body does not follow the multipart syntax. */
    static final class MalformedException extends IOException {
        private static final long serialVersionUID = 1L;

        MalformedException(String message) {
            super(message);
        }
    }

    private static final int BUFFER = 64 * 1024;
    private static final int MAX_HEADERS = 16 * 1024;
    private static final Pattern BOUNDARY = Pattern.compile("(?i)boundary=(\"([^\"]+)\"|([^;\\s]+))");
    private static final Pattern DISPOSITION_PARAM = Pattern.compile("(?i);\\s*([a-z*]+)=(\"((?:[^\"\\\\]|\\\\.)*)\"|([^;]*))");

    private final InputStream in;
    private final byte[] delimiter;
    private final byte[] buf;
    private int pos;
    private int limit;
    private boolean eof;
    private boolean finished;
    private PartStream current;

    private MultipartStream(InputStream in, String boundary) {
        this.in = in;
        this.delimiter = ("\r\n--" + boundary).getBytes(StandardCharsets.ISO_8859_1);
        this.buf = new byte[BUFFER + delimiter.length];
        // the first boundary has no line break before it: supply one, so every boundary looks the same
        buf[0] = '\r';
        buf[1] = '\n';
        limit = 2;
        current = new PartStream();
    }

    /**
     * A reader for a body of that content type.
     *
     * @throws MalformedException if the type is not multipart or names no boundary
     */
    static MultipartStream of(InputStream body, String contentType) throws MalformedException {
        if (contentType == null || !contentType.toLowerCase(Locale.ROOT).startsWith("multipart/")) {
            throw new MalformedException("the body is not multipart/form-data");
        }
        Matcher m = BOUNDARY.matcher(contentType);
        if (!m.find()) {
            throw new MalformedException("the multipart Content-Type names no boundary");
        }
        String boundary = m.group(2) != null ? m.group(2) : m.group(3);
        if (boundary.isEmpty() || boundary.length() > 70) {
            throw new MalformedException("the multipart boundary must be 1 to 70 characters");
        }
        return new MultipartStream(body, boundary);
    }

    /** The next part, or null after the closing boundary. */
    Part next() throws IOException {
        if (finished) {
            return null;
        }
        // skip the rest of the current part (the preamble, the first time)
        current.skipAll();
        // after a delimiter: "--" ends the body, otherwise (optional padding then) CRLF starts a part
        if (!fill(2)) {
            throw new MalformedException("the multipart body ended after a boundary");
        }
        if (buf[pos] == '-' && buf[pos + 1] == '-') {
            finished = true;
            return null;
        }
        String headers = readHeaders();
        String name = null;
        String filename = null;
        String type = null;
        for (String line : headers.split("\r\n")) {
            int colon = line.indexOf(':');
            if (colon < 0) {
                continue;
            }
            String header = line.substring(0, colon).trim().toLowerCase(Locale.ROOT);
            String value = line.substring(colon + 1).trim();
            if (header.equals("content-disposition")) {
                Matcher p = DISPOSITION_PARAM.matcher(value);
                while (p.find()) {
                    String v = p.group(3) != null ? p.group(3).replaceAll("\\\\(.)", "$1") : p.group(4).trim();
                    switch (p.group(1).toLowerCase(Locale.ROOT)) {
                        case "name" -> name = v;
                        case "filename" -> filename = v;
                        default -> { }
                    }
                }
            } else if (header.equals("content-type")) {
                type = value;
            }
        }
        if (name == null) {
            throw new MalformedException("a multipart part has no Content-Disposition name");
        }
        current = new PartStream();
        return new Part(name, filename, type, current);
    }

    /** Reads from after a delimiter to the blank line that ends the part's headers. */
    private String readHeaders() throws IOException {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        int matched = 0; // of "\r\n\r\n", counting the line break that ends the boundary line
        while (true) {
            if (!fill(1)) {
                throw new MalformedException("the multipart body ended inside the headers of a part");
            }
            byte b = buf[pos++];
            out.write(b);
            if (out.size() > MAX_HEADERS) {
                throw new MalformedException("the headers of a multipart part are longer than " + MAX_HEADERS + " bytes");
            }
            matched = (b == "\r\n\r\n".charAt(matched)) ? matched + 1 : (b == '\r' ? 1 : 0);
            if (matched == 4 || (matched == 2 && out.size() == 2)) {
                // "\r\n" right after the boundary is a part with no headers at all
                if (matched == 2) {
                    continue;
                }
                break;
            }
        }
        String text = out.toString(StandardCharsets.UTF_8);
        // drop transport padding and the line break after the boundary
        int start = text.indexOf("\r\n");
        return start < 0 ? "" : text.substring(start + 2).strip();
    }

    /** Makes at least {@code n} bytes available at {@code pos}; false if the body ends first. */
    private boolean fill(int n) throws IOException {
        if (limit - pos >= n) {
            return true;
        }
        if (pos > 0) {
            System.arraycopy(buf, pos, buf, 0, limit - pos);
            limit -= pos;
            pos = 0;
        }
        while (limit - pos < n && !eof) {
            int read = in.read(buf, limit, buf.length - limit);
            if (read < 0) {
                eof = true;
            } else {
                limit += read;
            }
        }
        return limit - pos >= n;
    }

    private int indexOfDelimiter() {
        outer:
        for (int i = pos; i <= limit - delimiter.length; i++) {
            for (int j = 0; j < delimiter.length; j++) {
                if (buf[i + j] != delimiter[j]) {
                    continue outer;
                }
            }
            return i;
        }
        return -1;
    }

    /** The content of one part: ends where the next delimiter starts, and steps over it. */
    private final class PartStream extends InputStream {
        private boolean ended;

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (ended || current != this) {
                return -1;
            }
            if (len == 0) {
                return 0;
            }
            while (true) {
                int at = indexOfDelimiter();
                if (at == pos) {
                    pos += delimiter.length;
                    ended = true;
                    return -1;
                }
                // bytes before a delimiter, or that cannot be the start of one, are content
                int safe = at >= 0 ? at : limit - (delimiter.length - 1);
                if (safe > pos) {
                    int n = Math.min(len, safe - pos);
                    System.arraycopy(buf, pos, b, off, n);
                    pos += n;
                    return n;
                }
                if (eof || !fill(Math.min(buf.length, limit - pos + 1))) {
                    throw new MalformedException("the multipart body ended before its closing boundary");
                }
            }
        }

        void skipAll() throws IOException {
            byte[] sink = new byte[8192];
            while (read(sink, 0, sink.length) >= 0) {
                // discard
            }
        }
    }
}
