package io.lwm2mbridge.engine.api;

import io.lwm2mbridge.engine.firmware.FirmwareDownloads;
import io.lwm2mbridge.engine.store.DataDirectory;
import io.lwm2mbridge.inventory.FileInUseException;
import io.lwm2mbridge.inventory.FileTooLargeException;
import io.lwm2mbridge.inventory.FirmwareFile;
import io.lwm2mbridge.inventory.FirmwareInventory;
import io.lwm2mbridge.inventory.FirmwareName;
import io.lwm2mbridge.inventory.InvalidNameException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.Map;

/**
 * The firmware inventory: {@code GET /inventory}, {@code POST /inventory} (multipart {@code file} with
 * {@code name}, {@code version}, {@code description}; or {@code application/octet-stream} with
 * {@code ?name=}), {@code GET/DELETE /inventory/{name}}, {@code GET /inventory/{name}/content}.
 *
 * <p>Uploads are streamed on a blocking worker, never held whole in memory: a raw body goes straight into
 * the inventory; a multipart file is spooled to a temporary file first (0600, in the data folder's
 * {@code tmp}, never the system's temporary folder), because its name, version and description may come
 * after it in the form. Above the inventory's 16 MiB the answer is 413 and nothing
 * is stored; a name that is not a plain file name is 400; deleting a file a running update uses is 409.
 */
@Controller("/api/v1/inventory")
public final class InventoryController {

    private static final int MAX_FIELD = 4096;

    private final FirmwareInventory inventory;
    private final DataDirectory data;

    public InventoryController(FirmwareDownloads downloads, DataDirectory data) {
        this.inventory = downloads.inventory();
        this.data = data;
    }

    @Get
    public HttpResponse<String> list() {
        return ApiJson.ok(Map.of("items", inventory.list().stream().map(FirmwareDownloads::view).toList()));
    }

    @Get("/{name}")
    public HttpResponse<String> get(String name) {
        return ApiJson.ok(FirmwareDownloads.view(find(name)));
    }

    @Get("/{name}/content")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<StreamedFile> content(String name) {
        FirmwareFile file = find(name);
        try {
            InputStream in = inventory.open(name);
            return HttpResponse.ok(new StreamedFile(in, MediaType.APPLICATION_OCTET_STREAM_TYPE,
                            file.updated().toEpochMilli(), file.size()))
                    .header(HttpHeaders.CONTENT_DISPOSITION, "attachment; filename=\"" + name + "\"")
                    .header(HttpHeaders.ETAG, "\"" + file.sha256() + "\"");
        } catch (NoSuchFileException e) {
            throw ApiException.notFound("no file named '" + name + "' in the inventory");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Delete("/{name}")
    public HttpResponse<?> delete(String name) {
        try {
            if (!inventory.delete(name)) {
                throw ApiException.notFound("no file named '" + name + "' in the inventory");
            }
        } catch (FileInUseException e) {
            throw new ApiException(HttpStatus.CONFLICT, e.getMessage() + "; cancel it or wait for it to end");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return HttpResponse.noContent();
    }

    /** The body is the file itself; {@code ?name=} names it. */
    @Post
    @Consumes(MediaType.APPLICATION_OCTET_STREAM)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<String> upload(@QueryValue @Nullable String name, @QueryValue @Nullable String version,
            @QueryValue @Nullable String description, @Body InputStream body) {
        if (name == null || name.isBlank()) {
            throw ApiException.badRequest("an application/octet-stream upload needs ?name=<file name>");
        }
        return store(checkedName(name), body, version, description);
    }

    /** A form with a {@code file} part and optional {@code name}, {@code version}, {@code description} fields. */
    @Post
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<String> uploadForm(HttpRequest<?> request, @QueryValue @Nullable String name,
            @QueryValue @Nullable String version, @QueryValue @Nullable String description, @Body InputStream body) {
        String contentType = request.getHeaders().get(HttpHeaders.CONTENT_TYPE);
        Path spool = null;
        try {
            MultipartStream parts = MultipartStream.of(body, contentType);
            String fileName = null;
            MultipartStream.Part part;
            while ((part = parts.next()) != null) {
                switch (part.name()) {
                    case "name" -> name = part.text(MAX_FIELD).trim();
                    case "version" -> version = part.text(MAX_FIELD);
                    case "description" -> description = part.text(MAX_FIELD);
                    case "file" -> {
                        if (spool != null) {
                            throw ApiException.badRequest("the form holds more than one 'file' part; upload one file at a time");
                        }
                        fileName = part.filename();
                        if (name != null && !name.isBlank()) {
                            checkedName(name); // a bad name is refused before the upload is read
                        }
                        spool = data.newSpoolFile("upload-", ".part");
                        spoolLimited(part.content(), spool, name != null ? name : fileName);
                    }
                    default -> part.text(MAX_FIELD); // unknown fields are ignored, within reason
                }
            }
            if (spool == null) {
                throw ApiException.badRequest("the form has no 'file' part");
            }
            String target = name != null && !name.isBlank() ? name : fileName;
            if (target == null || target.isBlank()) {
                throw ApiException.badRequest("name the file: a 'name' field, ?name=, or a filename on the 'file' part");
            }
            try (InputStream in = Files.newInputStream(spool)) {
                return store(checkedName(target), in, version, description);
            }
        } catch (FileTooLargeException e) {
            throw tooLarge(e);
        } catch (MultipartStream.MalformedException e) {
            throw ApiException.badRequest("the multipart upload could not be read (nothing was stored): " + e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        } finally {
            if (spool != null) {
                try {
                    Files.deleteIfExists(spool);
                } catch (IOException e) {
                    // in the data folder's spool, which the next start empties
                }
            }
        }
    }

    private HttpResponse<String> store(String name, InputStream content, String version, String description) {
        try {
            FirmwareFile stored = inventory.store(name, content, version, description);
            return ApiJson.status(HttpStatus.CREATED, FirmwareDownloads.view(stored));
        } catch (FileTooLargeException e) {
            throw tooLarge(e);
        } catch (InvalidNameException e) {
            throw ApiException.badRequest(e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Copies at most the inventory's limit; one byte more is {@link FileTooLargeException}. */
    private void spoolLimited(InputStream in, Path spool, String name) throws IOException {
        long max = inventory.maxBytes();
        long total = 0;
        byte[] chunk = new byte[64 * 1024];
        try (OutputStream out = Files.newOutputStream(spool)) {
            int n;
            while ((n = in.read(chunk, 0, (int) Math.min(chunk.length, max + 1 - total))) > 0) {
                total += n;
                if (total > max) {
                    throw new FileTooLargeException(name == null ? "upload" : name, max);
                }
                out.write(chunk, 0, n);
            }
        }
    }

    private static ApiException tooLarge(FileTooLargeException e) {
        return new ApiException(HttpStatus.REQUEST_ENTITY_TOO_LARGE, e.getMessage() + " (nothing was stored)",
                Map.of("maxBytes", e.maxBytes()));
    }

    private static String checkedName(String name) {
        try {
            return FirmwareName.requireValid(name.trim());
        } catch (InvalidNameException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }

    private FirmwareFile find(String name) {
        return inventory.get(name).orElseThrow(() -> ApiException.notFound("no file named '" + name + "' in the inventory"));
    }
}
