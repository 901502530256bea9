package io.lwm2mbridge.engine.api;

import io.lwm2mbridge.engine.objects.DdfFile;
import io.lwm2mbridge.engine.objects.LoadedObject;
import io.lwm2mbridge.engine.objects.ObjectCatalog;
import io.lwm2mbridge.engine.objects.UploadException;
import io.lwm2mbridge.engine.objects.api.ObjectsJson;
import io.lwm2mbridge.objects.ObjectDefinition;
import io.lwm2mbridge.objects.json.ObjectDefView;
import io.micronaut.core.annotation.Nullable;
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
import io.micronaut.http.exceptions.ContentLengthExceededException;
import io.micronaut.http.multipart.CompletedFileUpload;
import io.micronaut.http.multipart.CompletedPart;
import io.micronaut.http.server.multipart.MultipartBody;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.reactivestreams.Publisher;
import org.reactivestreams.Subscriber;
import org.reactivestreams.Subscription;

/**
 * Object definitions: list, read (as {@code lwm2m.getObjectDef}, or {@code ?format=xml}), upload DDF XML
 * (a plain XML body, or multipart files, all or nothing), and delete a custom definition.
 * {@code DELETE} of a built-in object with no custom definition is 409 Conflict.
 */
@Controller("/api/v1/objects")
public record ObjectController(ObjectCatalog catalog) {

    private static final MediaType XML_UTF8 = MediaType.of("application/xml;charset=UTF-8");

    @Get
    public HttpResponse<String> list() {
        return ApiJson.ok(Map.of("items", catalog.list().stream().map(ObjectsJson::entry).toList()));
    }

    @Get("/{id}")
    public HttpResponse<String> get(String id, @QueryValue @Nullable String format, @QueryValue @Nullable String version) {
        int objectId = objectId(id);
        ObjectDefinition definition = catalog.find(objectId, version).orElseThrow(() -> version == null
                ? ApiException.notFound("no definition of object " + objectId)
                : ApiException.notFound("object " + objectId + " has no version " + version
                        + (catalog.versions(objectId).isEmpty() ? "" : " (known: " + String.join(", ", catalog.versions(objectId)) + ")")));
        if (format == null || format.isBlank() || format.equalsIgnoreCase("json")) {
            return ApiJson.ok(ObjectDefView.toDef(definition));
        }
        if (format.equalsIgnoreCase("xml")) {
            return HttpResponse.ok(catalog.xml(definition)).contentType(XML_UTF8);
        }
        throw ApiException.badRequest("format must be 'json' or 'xml', not '" + format + "'");
    }

    /**
     * A DDF document as the body: one {@code <Object>}, or several under {@code <LWM2M>}. Streamed, so
     * at most the document limit is held in memory; a larger body is read to its end and answered 413.
     */
    @Post
    @Consumes({MediaType.APPLICATION_XML, MediaType.TEXT_XML})
    public CompletableFuture<HttpResponse<String>> upload(@Body @Nullable Publisher<byte[]> body) {
        CompletableFuture<BoundedBody.Result> read = new CompletableFuture<>();
        if (body == null) {
            read.complete(new BoundedBody.Result(new byte[0], 0));
        } else {
            body.subscribe(new BoundedBody(catalog.maxDocumentBytes(), read));
        }
        return read.handle((result, failure) -> {
            if (failure != null) {
                return unreadable(failure);
            }
            if (result.size() == 0) {
                return ApiErrors.response(HttpStatus.BAD_REQUEST,
                        "the request needs a DDF XML body (one <Object>, or several under <LWM2M>)", null);
            }
            if (result.content() == null) {
                return ApiErrors.response(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "the upload is too large (nothing was"
                        + " loaded): the document is " + result.size() + " bytes, larger than the limit of "
                        + catalog.maxDocumentBytes() + " bytes for one DDF document",
                        Map.of("size", result.size(), "limit", catalog.maxDocumentBytes()));
            }
            return respond(List.of(new DdfFile(null, result.content())));
        });
    }

    /** One or several DDF files as multipart/form-data; loaded only if every file is sound. */
    @Post
    @Consumes(MediaType.MULTIPART_FORM_DATA)
    public CompletableFuture<HttpResponse<String>> uploadFiles(@Body MultipartBody body) {
        CompletableFuture<List<DdfFile>> files = new CompletableFuture<>();
        body.subscribe(new Collector(files));
        return files.handle((list, failure) -> {
            if (failure != null) {
                return unreadable(failure);
            }
            if (list.isEmpty()) {
                return ApiErrors.response(HttpStatus.BAD_REQUEST,
                        "the multipart upload holds no file; send each DDF document as a file part", null);
            }
            return respond(list);
        });
    }

    /** The answer to an upload, errors included, for the asynchronous paths where throwing would not reach the handler. */
    private HttpResponse<String> respond(List<DdfFile> files) {
        try {
            return load(files);
        } catch (ApiException e) {
            return ApiErrors.response(e.status(), e.getMessage(), e.details());
        }
    }

    private static HttpResponse<String> unreadable(Throwable failure) {
        Throwable cause = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
        if (cause instanceof ContentLengthExceededException) {
            return ApiErrors.response(HttpStatus.REQUEST_ENTITY_TOO_LARGE, "the upload is too large"
                    + " (nothing was loaded): " + cause.getMessage(), null);
        }
        return ApiErrors.response(HttpStatus.BAD_REQUEST, "the upload could not be read (nothing was loaded): "
                + cause.getMessage(), null);
    }

    private HttpResponse<String> load(List<DdfFile> files) {
        try {
            List<LoadedObject> loaded = catalog.upload(files);
            return ApiJson.status(HttpStatus.CREATED, Map.of("items", loaded));
        } catch (UploadException e) {
            HttpStatus status = e.tooLarge() ? HttpStatus.REQUEST_ENTITY_TOO_LARGE : HttpStatus.BAD_REQUEST;
            throw new ApiException(status, e.getMessage(),
                    Map.of("problems", e.problems().stream().map(ObjectsJson::problem).toList()));
        }
    }

    @Delete("/{id}")
    public HttpResponse<?> delete(String id) {
        int objectId = objectId(id);
        return switch (catalog.delete(objectId)) {
            case REMOVED -> HttpResponse.noContent();
            case BUILT_IN_ONLY -> throw new ApiException(HttpStatus.CONFLICT, "object " + objectId
                    + " is built in and has no custom definition to delete");
            case UNKNOWN -> throw ApiException.notFound("no definition of object " + objectId);
        };
    }

    private static int objectId(String text) {
        try {
            int id = Integer.parseInt(text.trim());
            if (id >= 0 && id <= ObjectDefinition.MAX_ID) {
                return id;
            }
        } catch (NumberFormatException e) {
            // answered below
        }
        throw ApiException.badRequest("the object id must be a number from 0 to 65535, not '" + text + "'");
    }

    /**
     * Gathers the file parts of a multipart body. Called on the Netty event loop as parts complete; copies
     * each part's bytes at once because Micronaut releases them afterwards.
     */
    private static final class Collector implements Subscriber<CompletedPart> {
        private final CompletableFuture<List<DdfFile>> done;
        private final List<DdfFile> files = new ArrayList<>();

        Collector(CompletableFuture<List<DdfFile>> done) {
            this.done = done;
        }

        @Override
        public void onSubscribe(Subscription s) {
            s.request(Long.MAX_VALUE);
        }

        @Override
        public void onNext(CompletedPart part) {
            if (!(part instanceof CompletedFileUpload file)) {
                return;
            }
            try {
                String name = file.getFilename() == null || file.getFilename().isBlank() ? file.getName() : file.getFilename();
                files.add(new DdfFile(name, file.getBytes()));
            } catch (IOException e) {
                done.completeExceptionally(e);
            }
        }

        @Override
        public void onError(Throwable t) {
            done.completeExceptionally(t);
        }

        @Override
        public void onComplete() {
            done.complete(List.copyOf(files));
        }
    }
}
