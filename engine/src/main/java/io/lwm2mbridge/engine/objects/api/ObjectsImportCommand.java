package io.lwm2mbridge.engine.objects.api;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lwm2mbridge.objects.ddf.ParseReport;
import io.lwm2mbridge.objects.ddf.RegistryDirectory;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code lwm2m-bridge objects import DIR [--server URL] [--token T]}: uploads every DDF file under DIR
 * (recursively) to a running server, one {@code POST /api/v1/objects} per file, and prints per file what
 * was loaded or what is wrong. Files that define no object (Common.xml, the units list) are skipped.
 * The server defaults to {@code http://127.0.0.1:$BRIDGE_HTTP_PORT} (8080); the token to
 * {@code $BRIDGE_API_TOKEN}, else the {@code api-token} file of {@code $BRIDGE_DATA_DIR} ({@code ./data}).
 * Exit status: 0 all loaded, 1 some file was refused, 2 wrong arguments or no usable server.
 */
public final class ObjectsImportCommand {

    public static final int OK = 0;
    public static final int SOME_FAILED = 1;
    public static final int UNUSABLE = 2;

    static final String USAGE = """
            usage: lwm2m-bridge objects import DIR [--server URL] [--token TOKEN]
              uploads every *.xml under DIR to a running server (default http://127.0.0.1:$BRIDGE_HTTP_PORT,
              token from $BRIDGE_API_TOKEN or $BRIDGE_DATA_DIR/api-token)""";

    private static final ObjectMapper MAPPER = new ObjectMapper();

    private final Map<String, String> env;
    private final PrintStream out;
    private final PrintStream err;

    private ObjectsImportCommand(Map<String, String> env, PrintStream out, PrintStream err) {
        this.env = env;
        this.out = out;
        this.err = err;
    }

    /** Runs {@code objects ...} with the arguments after "objects"; returns the exit status. */
    public static int run(List<String> args, Map<String, String> env, PrintStream out, PrintStream err) {
        return new ObjectsImportCommand(env, out, err).run(args);
    }

    private int run(List<String> args) {
        if (args.isEmpty() || !args.getFirst().equals("import")) {
            err.println(args.isEmpty() ? USAGE : "unknown objects command '" + args.getFirst() + "'\n" + USAGE);
            return UNUSABLE;
        }
        String dir = null;
        String server = null;
        String token = null;
        for (int i = 1; i < args.size(); i++) {
            String a = args.get(i);
            switch (a) {
                case "--server", "--token" -> {
                    if (i + 1 >= args.size()) {
                        err.println(a + " needs a value\n" + USAGE);
                        return UNUSABLE;
                    }
                    if (a.equals("--server")) {
                        server = args.get(++i);
                    } else {
                        token = args.get(++i);
                    }
                }
                default -> {
                    if (a.startsWith("--") || dir != null) {
                        err.println("unexpected argument '" + a + "'\n" + USAGE);
                        return UNUSABLE;
                    }
                    dir = a;
                }
            }
        }
        if (dir == null) {
            err.println("objects import needs a folder\n" + USAGE);
            return UNUSABLE;
        }
        Path folder = Path.of(dir);
        if (!Files.isDirectory(folder)) {
            err.println(folder + " is not a folder");
            return UNUSABLE;
        }
        if (server == null) {
            String port = env.get("BRIDGE_HTTP_PORT");
            server = "http://127.0.0.1:" + (port == null || port.isBlank() ? "8080" : port.strip());
        }
        if (token == null) {
            token = defaultToken();
        }
        if (token == null) {
            err.println("no API token: pass --token, set BRIDGE_API_TOKEN, or run where $BRIDGE_DATA_DIR/api-token is");
            return UNUSABLE;
        }
        // closed at the end so no idle keep-alive connection is left holding the server open
        try (HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10)).build()) {
            return importAll(http, folder, server.replaceAll("/+$", ""), token);
        }
    }

    private String defaultToken() {
        String t = env.get("BRIDGE_API_TOKEN");
        if (t != null && !t.isBlank()) {
            return t.strip();
        }
        String data = env.get("BRIDGE_DATA_DIR");
        Path file = Path.of(data == null || data.isBlank() ? "./data" : data).resolve("api-token");
        try {
            return Files.isRegularFile(file) ? Files.readString(file, StandardCharsets.UTF_8).strip() : null;
        } catch (IOException e) {
            return null;
        }
    }

    private int importAll(HttpClient http, Path folder, String server, String token) {
        List<Path> files;
        try (Stream<Path> walk = Files.walk(folder)) {
            files = walk.filter(Files::isRegularFile)
                    .filter(p -> p.getFileName().toString().toLowerCase(Locale.ROOT).endsWith(".xml"))
                    .sorted()
                    .toList();
        } catch (IOException | UncheckedIOException e) {
            err.println("cannot list " + folder + ": " + e.getMessage());
            return UNUSABLE;
        }
        // parsed here only to tell which files define no object at all; the server checks the rest again
        ParseReport local = new RegistryDirectory().loadDirectory(folder);
        int loaded = 0;
        int objects = 0;
        int failed = 0;
        int skipped = 0;
        for (Path file : files) {
            String name = folder.relativize(file).toString();
            String skip = local.skipped().get(file);
            if (skip != null) {
                out.println("skipped " + name + ": " + skip);
                skipped++;
                continue;
            }
            byte[] content;
            try {
                content = Files.readAllBytes(file);
            } catch (IOException e) {
                failed++;
                out.println("FAILED  " + name + ": cannot read the file: " + e.getMessage());
                continue;
            }
            HttpResponse<String> response;
            try {
                response = http.send(HttpRequest.newBuilder(URI.create(server + "/api/v1/objects"))
                        .timeout(Duration.ofSeconds(60))
                        .header("Authorization", "Bearer " + token)
                        .header("Content-Type", "application/xml")
                        .POST(HttpRequest.BodyPublishers.ofByteArray(content))
                        .build(), HttpResponse.BodyHandlers.ofString());
            } catch (IOException | IllegalArgumentException e) {
                err.println("cannot reach " + server + ": " + e);
                return UNUSABLE;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                err.println("interrupted");
                return UNUSABLE;
            }
            Map<?, ?> body = json(response.body());
            if (response.statusCode() == 401 || response.statusCode() == 403) {
                err.println(server + " refused the API token: " + error(body, response.body()));
                return UNUSABLE;
            }
            if (response.statusCode() == 201) {
                loaded++;
                for (Object item : list(body.get("items"))) {
                    Map<?, ?> m = (Map<?, ?>) item;
                    objects++;
                    out.println("loaded  " + name + ": object " + m.get("id") + " \"" + m.get("name") + "\" version "
                            + m.get("version") + (Boolean.TRUE.equals(m.get("replaced")) ? " (replaced the previous one)" : ""));
                }
                continue;
            }
            failed++;
            out.println("FAILED  " + name + ": HTTP " + response.statusCode() + ": " + error(body, response.body()));
            Object details = body.get("details");
            if (details instanceof Map<?, ?> d) {
                for (Object p : list(d.get("problems"))) {
                    Map<?, ?> problem = (Map<?, ?>) p;
                    out.println("        line " + problem.get("line") + ", column " + problem.get("column") + ": "
                            + problem.get("message"));
                }
            }
        }
        out.println(loaded + " file(s) loaded (" + objects + " object definition(s)), " + failed + " failed, "
                + skipped + " skipped");
        return failed == 0 ? OK : SOME_FAILED;
    }

    /** The answer's JSON object; empty when it is none. */
    private static Map<?, ?> json(String body) {
        try {
            Object parsed = body == null || body.isBlank() ? null : MAPPER.readValue(body, Object.class);
            return parsed instanceof Map<?, ?> m ? m : Map.of();
        } catch (IOException e) {
            return Map.of();
        }
    }

    /** The answer's {@code error}, or {@code fallback} (its whole text) when it has none. */
    private static String error(Map<?, ?> body, String fallback) {
        return body.containsKey("error") ? String.valueOf(body.get("error")) : fallback;
    }

    private static List<?> list(Object value) {
        return value instanceof List<?> l ? l : List.of();
    }
}
