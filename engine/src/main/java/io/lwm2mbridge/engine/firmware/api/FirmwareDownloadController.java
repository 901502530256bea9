package io.lwm2mbridge.engine.firmware.api;

import io.lwm2mbridge.engine.api.ApiErrors;
import io.lwm2mbridge.engine.firmware.FirmwareDownloads;
import io.lwm2mbridge.inventory.ByteRange;
import io.lwm2mbridge.inventory.FirmwareFile;
import io.lwm2mbridge.inventory.RangeHeader;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.NoSuchFileException;
import java.util.function.LongConsumer;

/**
 * Firmware downloads over HTTP for devices: {@code GET /fw/<download id>/<name>}, outside {@code /api/v1}
 * so no token is needed; the random id is what makes the URI private, and an unknown id, a stale one or a
 * name that is not the file's own is a plain 404. Honours {@code Range} (one range, 206; 416 when none
 * fits) so devices can resume, and streams from disk.
 */
@Controller("/fw")
public record FirmwareDownloadController(FirmwareDownloads downloads) {

    @Get("/{id}/{name}")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<?> download(String id, String name, HttpRequest<?> request) {
        FirmwareFile file = downloads.find(id, name).orElse(null);
        if (file == null) {
            return notFound();
        }
        FileChannel channel;
        try {
            channel = downloads.inventory().openChannel(name);
        } catch (NoSuchFileException e) {
            return notFound();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        try {
            // the size of the content actually opened, which a concurrent replacement cannot change
            long size = channel.size();
            RangeHeader.Result answer = RangeHeader.parse(request.getHeaders().get(HttpHeaders.RANGE), size);
            if (answer instanceof RangeHeader.Unsatisfiable unsatisfiable) {
                channel.close();
                return HttpResponse.status(HttpStatus.REQUESTED_RANGE_NOT_SATISFIABLE)
                        .header(HttpHeaders.CONTENT_RANGE, unsatisfiable.contentRange());
            }
            ByteRange range = answer instanceof RangeHeader.Satisfiable s ? s.range() : null;
            long start = range == null ? 0 : range.start();
            long length = range == null ? size : range.length();
            if (start == 0) {
                downloads.downloadStarted(file, request.getUri().getRawQuery());
            }
            channel.position(start);
            InputStream content = new Bounded(Channels.newInputStream(channel), start, length,
                    downloads.progressOf(file, request.getUri().getRawQuery(), start));
            MutableHttpResponse<StreamedFile> response = HttpResponse.<StreamedFile>status(
                            range == null ? HttpStatus.OK : HttpStatus.PARTIAL_CONTENT)
                    .body(new StreamedFile(content, MediaType.APPLICATION_OCTET_STREAM_TYPE, -1, length))
                    .header(HttpHeaders.ACCEPT_RANGES, "bytes")
                    .header(HttpHeaders.ETAG, "\"" + file.sha256() + "\"");
            if (range != null) {
                response.header(HttpHeaders.CONTENT_RANGE, range.contentRange());
            }
            return response;
        } catch (IOException | RuntimeException e) {
            try {
                channel.close();
            } catch (IOException closing) {
                e.addSuppressed(closing);
            }
            throw e instanceof IOException io ? new UncheckedIOException(io) : (RuntimeException) e;
        }
    }

    private static HttpResponse<?> notFound() {
        return ApiErrors.response(HttpStatus.NOT_FOUND, "not found", null);
    }

    /**
     * The first {@code remaining} bytes of a stream that starts at byte {@code position} of the file,
     * which it closes at the end; tells {@code progress} the position after each read.
     */
    private static final class Bounded extends InputStream {
        private final InputStream in;
        private final LongConsumer progress;
        private long position;
        private long remaining;

        Bounded(InputStream in, long position, long remaining, LongConsumer progress) {
            this.in = in;
            this.position = position;
            this.remaining = remaining;
            this.progress = progress;
        }

        @Override
        public int read() throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                remaining--;
                progress.accept(++position);
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (remaining <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, remaining));
            if (n > 0) {
                remaining -= n;
                position += n;
                progress.accept(position);
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
