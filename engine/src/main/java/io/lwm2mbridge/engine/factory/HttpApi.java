package io.lwm2mbridge.engine.factory;

import io.micronaut.context.ApplicationContext;
import io.micronaut.runtime.server.EmbeddedServer;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Starts the Micronaut HTTP server with the engine's services ({@link ApiParts}) as its only beans, so
 * controllers get plain objects built elsewhere and the container stays at the edge.
 */
public final class HttpApi implements AutoCloseable {

    /** Largest request body accepted; firmware uploads are streamed and bounded on their own. */
    public static final long MAX_REQUEST_BYTES = 20L * 1024 * 1024;

    /** Largest multipart part kept in memory; a larger one goes to the spool folder (0600). */
    static final long MULTIPART_MEMORY_BYTES = 64L * 1024;

    private final ApplicationContext context;
    private final EmbeddedServer server;

    private HttpApi(ApplicationContext context) {
        this.context = context;
        this.server = context.getBean(EmbeddedServer.class);
    }

    /**
     * @param spool the folder where request parts Micronaut puts on disk go (the data folder's {@code tmp},
     *     emptied at start), never the system's temporary folder
     */
    public static HttpApi start(String bindAddress, int port, Path spool, ApiParts parts) {
        Map<String, Object> props = new LinkedHashMap<>();
        props.put("micronaut.server.host", bindAddress);
        props.put("micronaut.server.port", port == 0 ? -1 : port);
        props.put("micronaut.server.max-request-size", MAX_REQUEST_BYTES);
        // multipart parts (object files, firmware images) are bounded by their own handlers, which
        // answer 413 with a clear message; Micronaut's default 1 MiB part limit would cut in first
        props.put("micronaut.server.multipart.max-file-size", MAX_REQUEST_BYTES);
        props.put("micronaut.server.multipart.location", spool.toString());
        // a part above this size (a firmware image) is written to the spool as it arrives instead of held in memory
        props.put("micronaut.server.multipart.mixed", true);
        props.put("micronaut.server.multipart.threshold", MULTIPART_MEMORY_BYTES);
        props.put("micronaut.application.name", "lwm2m-bridge");
        // Micronaut leaves out empty and null values by default; API bodies must come back whole
        // (an instance with no resources is "0": {}, a cleared field is null)
        props.put("jackson.serialization-inclusion", "ALWAYS");
        // a plain context rather than Micronaut.run(): a failure to start must surface as an exception
        // to the caller, not end the JVM
        ApplicationContext ctx = ApplicationContext.builder()
                .deduceEnvironment(false)
                .banner(false)
                .properties(props)
                .build();
        try {
            parts.registerIn(ctx);
            ctx.start();
            HttpApi api = new HttpApi(ctx);
            api.server.start();
            return api;
        } catch (RuntimeException e) {
            ctx.close();
            throw e;
        }
    }

    public int port() {
        return server.getPort();
    }

    @Override
    public void close() {
        if (server.isRunning()) {
            server.stop();
        }
        if (context.isRunning()) {
            context.close();
        }
    }
}
