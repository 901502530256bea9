package io.lwm2mbridge.engine.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** The streaming multipart reader the inventory upload uses. */
class MultipartStreamTest {

    private static final String TYPE = "multipart/form-data; boundary=XyZ";

    @Test
    void reads_fields_and_a_large_file_that_contains_near_boundaries_whatever_the_read_sizes() throws IOException {
        byte[] file = new byte[200_000];
        new Random(1).nextBytes(file);
        // almost-delimiters, one straddling the reader's 64 KiB buffer
        byte[] near = "\r\n--XyQ\r\n--Xy".getBytes(StandardCharsets.ISO_8859_1);
        System.arraycopy(near, 0, file, 65_530, near.length);
        System.arraycopy(near, 0, file, 199_990, near.length - 4);
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        write(body, "preamble to ignore\r\n--XyZ\r\nContent-Disposition: form-data; name=\"name\"\r\n\r\nfw.bin\r\n");
        write(body, "--XyZ  \r\ncontent-disposition: form-data; name=\"file\"; filename=\"a \\\"b\\\".bin\"\r\n"
                + "Content-Type: application/octet-stream\r\n\r\n");
        body.write(file);
        write(body, "\r\n--XyZ--\r\nepilogue");

        MultipartStream parts = MultipartStream.of(new Trickle(new ByteArrayInputStream(body.toByteArray())), TYPE);
        MultipartStream.Part name = parts.next();
        assertThat(name.name()).isEqualTo("name");
        assertThat(name.filename()).isNull();
        assertThat(name.text(100)).isEqualTo("fw.bin");
        MultipartStream.Part content = parts.next();
        assertThat(content.name()).isEqualTo("file");
        assertThat(content.filename()).isEqualTo("a \"b\".bin");
        assertThat(content.contentType()).isEqualTo("application/octet-stream");
        assertThat(content.content().readAllBytes()).isEqualTo(file);
        assertThat(parts.next()).isNull();
        assertThat(parts.next()).isNull();
    }

    @Test
    void unread_parts_are_skipped_and_an_empty_part_is_empty() throws IOException {
        String body = "--XyZ\r\nContent-Disposition: form-data; name=\"a\"\r\n\r\nskipped\r\n"
                + "--XyZ\r\nContent-Disposition: form-data; name=\"b\"\r\n\r\n\r\n--XyZ--";
        MultipartStream parts = MultipartStream.of(stream(body), "multipart/form-data; boundary=\"XyZ\"");
        assertThat(parts.next().name()).isEqualTo("a");
        MultipartStream.Part b = parts.next();
        assertThat(b.name()).isEqualTo("b");
        assertThat(b.text(10)).isEmpty();
        assertThat(parts.next()).isNull();
    }

    @Test
    void malformed_bodies_are_refused_with_the_reason() throws IOException {
        assertThatThrownBy(() -> MultipartStream.of(stream(""), "application/json"))
                .hasMessageContaining("not multipart/form-data");
        assertThatThrownBy(() -> MultipartStream.of(stream(""), "multipart/form-data"))
                .hasMessageContaining("names no boundary");
        MultipartStream cut = MultipartStream.of(stream("--XyZ\r\nContent-Disposition: form-data; name=\"f\"\r\n\r\nabc"), TYPE);
        MultipartStream.Part f = cut.next();
        assertThatThrownBy(() -> f.content().readAllBytes()).hasMessageContaining("ended before its closing boundary");
        MultipartStream nameless = MultipartStream.of(stream("--XyZ\r\nContent-Type: text/plain\r\n\r\nx\r\n--XyZ--"), TYPE);
        assertThatThrownBy(nameless::next).hasMessageContaining("no Content-Disposition name");
        MultipartStream longField = MultipartStream.of(stream("--XyZ\r\nContent-Disposition: form-data; name=\"n\"\r\n\r\n"
                + "x".repeat(50) + "\r\n--XyZ--"), TYPE);
        MultipartStream.Part n = longField.next();
        assertThatThrownBy(() -> n.text(10)).hasMessageContaining("longer than 10 bytes");
    }

    private static InputStream stream(String s) {
        return new ByteArrayInputStream(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    private static void write(ByteArrayOutputStream out, String s) {
        out.writeBytes(s.getBytes(StandardCharsets.ISO_8859_1));
    }

    /** Hands out 1 to 13 bytes per read, as a slow network does. */
    private static final class Trickle extends FilterInputStream {
        private final Random random = new Random(2);

        Trickle(InputStream in) {
            super(in);
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            return super.read(b, off, Math.min(len, 1 + random.nextInt(13)));
        }
    }
}
