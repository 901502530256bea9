package io.lwm2mbridge.engine;

import io.lwm2mbridge.engine.config.BridgeConfig;
import io.lwm2mbridge.engine.config.ConfigLoader;
import io.lwm2mbridge.engine.objects.api.ObjectsImportCommand;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code bin/lwm2m-bridge}: runs the server in the foreground until SIGTERM or SIGINT, then stops it
 * cleanly. {@code --config FILE} names a settings file other than {@code $BRIDGE_DATA_DIR/bridge.yml}.
 * {@code objects import DIR [--server URL] [--token T]} instead uploads object definitions to a running
 * server ({@link ObjectsImportCommand}).
 */
public final class Main {

    private static final Logger LOG = LoggerFactory.getLogger(Main.class);

    private Main() {}

    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("objects")) {
            // a client of a running server, not a server: prints its report and exits
            System.exit(ObjectsImportCommand.run(List.of(args).subList(1, args.length), System.getenv(),
                    System.out, System.err)); // forbidden-api: allowed (the CLI prints its report)
            return;
        }
        Path configFile = null;
        for (int i = 0; i < args.length; i++) {
            switch (args[i]) {
                case "--config" -> {
                    if (i + 1 >= args.length) {
                        usage("--config needs a file");
                    }
                    configFile = Path.of(args[++i]);
                }
                case "-h", "--help" -> usage(null);
                default -> usage("unknown argument: " + args[i]);
            }
        }
        BridgeConfig config;
        try {
            config = new ConfigLoader(System.getenv()).load(configFile);
        } catch (IllegalArgumentException e) {
            LOG.error("configuration error: {}", e.getMessage());
            System.exit(2);
            return;
        }
        BridgeServer server = BridgeServer.start(config);
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            LOG.info("stopping");
            server.close();
            stopped.countDown();
        }, "shutdown"));
        stopped.await();
    }

    private static void usage(String error) {
        String text = """
                usage: lwm2m-bridge [--config FILE]
                       lwm2m-bridge objects import DIR [--server URL] [--token TOKEN]
                  settings come from the environment (BRIDGE_DATA_DIR, BRIDGE_HTTP_PORT, BRIDGE_COAP_PORT, ...),
                  then from FILE or $BRIDGE_DATA_DIR/bridge.yml; see README.md""";
        if (error != null) {
            LOG.error("{}\n{}", error, text);
            System.exit(2);
        }
        LOG.info(text);
        System.exit(0);
    }
}
