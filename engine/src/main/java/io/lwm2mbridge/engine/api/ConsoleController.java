package io.lwm2mbridge.engine.api;

import io.micronaut.http.HttpHeaders;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MutableHttpResponse;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Get;
import io.micronaut.http.annotation.PathVariable;
import java.util.Map;

/**
 * The web console: {@code GET /} is its page, {@code GET /console/...} its scripts and styles, and
 * {@code GET /console/vendor/codemirror/...} the editor library from its WebJar. None of it needs the
 * token: the page signs in with the API token and then only calls {@code /api/v1}, so it can never do
 * more than the API. Every answer carries a content security policy that allows nothing but this origin
 * (no inline scripts, no frames), so a device name or log line shown on a page cannot run as script.
 */
@Controller
public final class ConsoleController {

    /** Where the console's own files are on the class path. */
    static final String ROOT = "console/";
    /** Where the CodeMirror WebJar keeps its files; the version comes from the jar's own Maven metadata. */
    static final String CODEMIRROR = "META-INF/resources/webjars/codemirror/";

    static final String POLICY = "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; "
            + "img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; "
            + "form-action 'self'; frame-ancestors 'none'";

    private final ConsoleFiles files = new ConsoleFiles(ConsoleController.class.getClassLoader(),
            Map.of("console", ROOT, "codemirror", CODEMIRROR + ConsoleFiles.webJarVersion("codemirror") + "/"));

    @Get("/")
    public HttpResponse<?> index(HttpRequest<?> request) {
        return answer(request, "console", "index.html");
    }

    @Get("/console/vendor/codemirror/{+path}")
    public HttpResponse<?> codemirror(@PathVariable String path, HttpRequest<?> request) {
        return answer(request, "codemirror", path);
    }

    @Get("/console/{+path}")
    public HttpResponse<?> file(@PathVariable String path, HttpRequest<?> request) {
        if (path.startsWith("vendor/")) {
            return notFound();
        }
        return answer(request, "console", path);
    }

    private HttpResponse<?> answer(HttpRequest<?> request, String root, String path) {
        ConsoleFiles.File file = files.find(root, path).orElse(null);
        if (file == null) {
            return notFound();
        }
        String tag = request.getHeaders().get(HttpHeaders.IF_NONE_MATCH);
        MutableHttpResponse<?> response = file.etag().equals(tag)
                ? HttpResponse.status(HttpStatus.NOT_MODIFIED)
                : HttpResponse.ok(file.content()).contentType(file.contentType());
        // revalidated on every load (a 304 is cheap), so an upgraded server is never half old, half new
        return secure(response.header(HttpHeaders.ETAG, file.etag()).header(HttpHeaders.CACHE_CONTROL, "no-cache"));
    }

    private static MutableHttpResponse<?> notFound() {
        return secure(HttpResponse.status(HttpStatus.NOT_FOUND).body("not found").contentType("text/plain"));
    }

    private static MutableHttpResponse<?> secure(MutableHttpResponse<?> response) {
        return response.header("Content-Security-Policy", POLICY)
                .header("X-Content-Type-Options", "nosniff")
                .header("Referrer-Policy", "no-referrer")
                .header("X-Frame-Options", "DENY");
    }
}
