package io.lwm2mbridge.engine.objects;

import static org.assertj.core.api.Assertions.assertThat;

import io.lwm2mbridge.engine.objects.api.ObjectsImportCommand;
import io.lwm2mbridge.engine.testing.TestServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code lwm2m-bridge objects import DIR}: every file posted to a running server, reported per file. */
class ObjectsImportCommandTest {

    private static TestServer server;

    @TempDir
    Path dir;
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void start() {
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        server.close();
    }

    private int run(Map<String, String> env, String... args) {
        return ObjectsImportCommand.run(List.of(args), env, new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String serverUrl() {
        return "http://127.0.0.1:" + server.server().httpPort();
    }

    @Test
    void import_of_a_good_folder_loads_every_file_skips_non_objects_and_exits_0() throws IOException {
        Files.writeString(dir.resolve("a.xml"), Ddf.widget(33200, "Level"));
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/b.xml"), Ddf.object(33201, "Pump", "1.1", Ddf.item(0, "Flow", "R", "Float")));
        Files.writeString(dir.resolve("Common.xml"), "<?xml version=\"1.0\"?><Common/>");

        int status = run(Map.of(), "import", dir.toString(), "--server", serverUrl(), "--token", TestServer.TOKEN);

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(printed + err).isZero();
        assertThat(printed).contains("loaded  a.xml: object 33200 \"Acme Widget\" version 1.0")
                .contains("loaded  sub/b.xml: object 33201 \"Pump\" version 1.1")
                .contains("skipped Common.xml")
                .contains("2 file(s) loaded (2 object definition(s)), 0 failed, 1 skipped");
        ObjectsApi objects = new ObjectsApi(server.api());
        assertThat(objects.get("33200").status()).isEqualTo(200);
        assertThat(objects.get("33201").status()).isEqualTo(200);
    }

    @Test
    void import_with_a_bad_file_prints_its_problems_loads_the_others_and_exits_1() throws IOException {
        Files.writeString(dir.resolve("good.xml"), Ddf.widget(33210, "Level"));
        Files.writeString(dir.resolve("bad.xml"), Ddf.object(33211, "Bad", "1.0", Ddf.item(0, "X", "R", "Strin")));

        // the token from the data folder of the server, as on the machine it runs on
        int status = run(Map.of("BRIDGE_DATA_DIR", tokenDir().toString(),
                "BRIDGE_HTTP_PORT", Integer.toString(server.server().httpPort())), "import", dir.toString());

        String printed = out.toString(StandardCharsets.UTF_8);
        assertThat(status).as(printed + err).isEqualTo(ObjectsImportCommand.SOME_FAILED);
        assertThat(printed).contains("FAILED  bad.xml: HTTP 400").contains("Strin").containsPattern("line \\d+, column \\d+")
                .contains("loaded  good.xml").contains("1 file(s) loaded (1 object definition(s)), 1 failed");
        ObjectsApi objects = new ObjectsApi(server.api());
        assertThat(objects.get("33210").status()).isEqualTo(200);
        assertThat(objects.get("33211").status()).isEqualTo(404);
    }

    @Test
    void wrong_token_unreachable_server_and_bad_arguments_exit_2() throws IOException {
        Files.writeString(dir.resolve("a.xml"), Ddf.widget(33220, "Level"));

        assertThat(run(Map.of(), "import", dir.toString(), "--server", serverUrl(), "--token", "wrong"))
                .isEqualTo(ObjectsImportCommand.UNUSABLE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("refused the API token");
        assertThat(run(Map.of(), "import", dir.toString(), "--server", "http://127.0.0.1:" + freePort(), "--token", "t"))
                .isEqualTo(ObjectsImportCommand.UNUSABLE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("cannot reach");
        assertThat(run(Map.of())).isEqualTo(ObjectsImportCommand.UNUSABLE);
        assertThat(run(Map.of(), "import")).isEqualTo(ObjectsImportCommand.UNUSABLE);
        assertThat(run(Map.of(), "import", dir.resolve("absent").toString(), "--token", "t"))
                .isEqualTo(ObjectsImportCommand.UNUSABLE);
        assertThat(run(Map.of(), "export", dir.toString())).isEqualTo(ObjectsImportCommand.UNUSABLE);
        assertThat(err.toString(StandardCharsets.UTF_8)).contains("usage: lwm2m-bridge objects import DIR");
        assertThat(new ObjectsApi(server.api()).get("33220").status()).isEqualTo(404);
    }

    /** A data folder holding the server's token in {@code api-token}, as the server writes it. */
    private Path tokenDir() throws IOException {
        Path data = Files.createDirectories(dir.resolve("../data-" + dir.getFileName()).normalize());
        Files.writeString(data.resolve("api-token"), TestServer.TOKEN + "\n");
        return data;
    }

    private static int freePort() throws IOException {
        try (ServerSocket s = new ServerSocket(0)) {
            return s.getLocalPort();
        }
    }
}
