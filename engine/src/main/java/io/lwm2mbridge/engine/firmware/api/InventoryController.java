package io.lwm2mbridge.engine.firmware.api;

import io.lwm2mbridge.engine.api.ApiException;
import io.lwm2mbridge.engine.api.ApiJson;
import io.lwm2mbridge.engine.firmware.FirmwareDownloads;
import io.lwm2mbridge.inventory.FileInUseException;
import io.lwm2mbridge.inventory.FileTooLargeException;
import io.lwm2mbridge.inventory.FirmwareFile;
import io.lwm2mbridge.inventory.FirmwareName;
import io.lwm2mbridge.inventory.InvalidNameException;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Delete;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.Part;
import io.micronaut.http.annotation.Post;
import io.micronaut.http.annotation.QueryValue;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.http.server.types.files.StreamedFile;
import io.micronaut.scheduling.TaskExecutors;
import io.micronaut.scheduling.annotation.ExecuteOn;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.NoSuchFileException;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The firmware inventory: {@code GET /inventory}, {@code POST /inventory} (multipart {@code file} with
 * {@code name}, {@code version}, {@code description}; or {@code application/octet-stream} with
 * {@code ?name=}), {@code GET/DELETE /inventory/{name}}, {@code GET /inventory/{name}/content}.
 *
 * <p>Uploads are stored on a blocking worker, never held whole in memory: a raw body goes straight into
 * the inventory; a multipart file is put by Micronaut's decoder in a temporary file first (0600, in the data
 * folder's {@code tmp}, never the system's temporary folder; see {@code HttpApi}), because its name, version
 * and description may come after it in the form. Above the inventory's 16 MiB the answer is 413 and nothing
 * is stored; a name that is not a plain file name is 400; deleting a file a running update uses is 409.
 */
@Controller("/api/v1/inventory")
public record InventoryController(FirmwareDownloads downloads) {

    private static final int MAX_FIELD = 4096;

    @Get
    public HttpResponse<String> list() {
        return ApiJson.ok(Map.of("items",
                downloads.inventory().list().stream().map(InventoryController::view).toList()));
    }

    @Get("/{name}")
    public HttpResponse<String> get(String name) {
        return ApiJson.ok(view(find(name)));
    }

    @Get("/{name}/content")
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<StreamedFile> content(String name) {
        FirmwareFile file = find(name);
        try {
            InputStream in = downloads.inventory().open(name);
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
            if (!downloads.inventory().delete(name)) {
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

    /**
     * A form with a {@code file} part and optional {@code name}, {@code version}, {@code description} fields, in
     * any order: Micronaut's multipart decoder gathers the parts (a file above the multipart threshold goes to
     * the spool folder, not the heap) and calls this once the form is complete. A form field wins over the
     * query parameter of the same name; without a name in either, the file part's filename names the file.
     * Of several {@code file} parts Micronaut binds the first.
     */
    @Post
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    @ExecuteOn(TaskExecutors.BLOCKING)
    public HttpResponse<String> uploadForm(@Part("file") @Nullable CompletedFileUpload file,
            @Part("name") @Nullable String formName, @Part("version") @Nullable String formVersion,
            @Part("description") @Nullable String formDescription, @QueryValue("name") @Nullable String name,
            @QueryValue("version") @Nullable String version, @QueryValue("description") @Nullable String description) {
        String target = firstGiven(field("name", formName), name);
        if (target != null) {
            checkedName(target); // a bad name is refused before the upload is looked at
        }
        if (file == null) {
            throw ApiException.badRequest("the form has no 'file' part");
        }
        target = firstGiven(target, file.getFilename());
        if (target == null) {
            throw ApiException.badRequest("name the file: a 'name' field, ?name=, or a filename on the 'file' part");
        }
        try (InputStream in = file.getInputStream()) {
            return store(checkedName(target), in, formVersion != null ? field("version", formVersion) : version,
                    formDescription != null ? field("description", formDescription) : description);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A form field's value, refused above {@value #MAX_FIELD} bytes. */
    private static String field(String name, String value) {
        if (value != null && value.getBytes(StandardCharsets.UTF_8).length > MAX_FIELD) {
            throw ApiException.badRequest("the multipart upload could not be read (nothing was stored): form field '"
                    + name + "' is longer than " + MAX_FIELD + " bytes");
        }
        return value;
    }

    private static String firstGiven(String first, String second) {
        return first != null && !first.isBlank() ? first : second != null && !second.isBlank() ? second : null;
    }

    private HttpResponse<String> store(String name, InputStream content, String version, String description) {
        try {
            FirmwareFile stored = downloads.inventory().store(name, content, version, description);
            return ApiJson.status(HttpStatus.CREATED, view(stored));
        } catch (FileTooLargeException e) {
            throw tooLarge(e);
        } catch (InvalidNameException e) {
            throw ApiException.badRequest(e.getMessage());
        } catch (IOException e) {
            throw new UncheckedIOException(e);
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
        return downloads.inventory().get(name)
                .orElseThrow(() -> ApiException.notFound("no file named '" + name + "' in the inventory"));
    }

    /** The metadata the API shows: name, size, sha256, version, description, dates and the download path. */
    static Map<String, Object> view(FirmwareFile f) {
        Map<String, Object> m = new LinkedHashMap<>();
        m.put("name", f.name());
        m.put("size", f.size());
        m.put("sha256", f.sha256());
        m.put("version", f.version());
        m.put("description", f.description());
        m.put("created", f.created().toString());
        m.put("updated", f.updated().toString());
        m.put("downloadPath", f.downloadPath());
        return m;
    }
}
