package io.lwm2mbridge.engine.objects;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import io.lwm2mbridge.engine.testing.Api;
import io.lwm2mbridge.engine.testing.TestServer;
import io.lwm2mbridge.objects.ObjectDefinition;
import io.lwm2mbridge.objects.ddf.DdfParser;
import io.lwm2mbridge.objects.ddf.ParseResult;
import io.lwm2mbridge.objects.json.ObjectDefView;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** The whole OMA registry (top level) uploaded over the API in batches: every object loads and reads back as itself. */
class OmaRegistryUploadTest {

    private static final int BATCH = 40;

    private static Path registry;
    private static TestServer server;
    private static final Map<Path, byte[]> FILES = new LinkedHashMap<>();
    private static final List<Path> NOT_OBJECTS = new ArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        registry = Ddf.omaRegistry();
        if (registry == null) {
            return;
        }
        try (Stream<Path> top = Files.list(registry)) {
            for (Path file : top.filter(p -> p.toString().endsWith(".xml")).sorted().toList()) {
                if (file.getFileName().toString().matches("\\d+\\.xml")) {
                    FILES.put(file, Files.readAllBytes(file));
                } else {
                    NOT_OBJECTS.add(file);
                }
            }
        }
        server = TestServer.start();
    }

    @AfterAll
    static void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void every_registry_file_uploads_in_batches_and_reads_back_as_its_definition_and_text() {
        assumeTrue(registry != null, "OMA registry folder lwm2m-registry absent beside the project: skipped");
        assertThat(FILES).hasSizeGreaterThan(300);
        ObjectsApi objects = new ObjectsApi(server.api());
        List<Path> files = new ArrayList<>(FILES.keySet());
        int loaded = 0;
        for (int i = 0; i < files.size(); i += BATCH) {
            Map<String, byte[]> batch = new LinkedHashMap<>();
            for (Path file : files.subList(i, Math.min(files.size(), i + BATCH))) {
                batch.put(file.getFileName().toString(), FILES.get(file));
            }
            Api.Response r = objects.uploadFiles(batch);
            assertThat(r.status()).as(r.toString()).isEqualTo(201);
            loaded += r.items().size();
        }
        assertThat(loaded).isEqualTo(files.size());

        DdfParser parser = new DdfParser();
        List<Object> ids = new ArrayList<>();
        for (Path file : files) {
            ParseResult local = parser.parse(FILES.get(file), file.toString());
            ObjectDefinition d = local.objects().getFirst();
            ids.add(d.id());
            Api.Response json = objects.get(d.id() + "?version=" + d.version());
            assertThat(json.status()).as(file.toString()).isEqualTo(200);
            assertThat(json.map()).as(file.toString()).isEqualTo(ObjectDefView.toDef(d));
            assertThat(server.server().registry().get(d.id(), d.version())).as(file.toString()).contains(d);
            Api.Response xml = objects.get(d.id() + "?version=" + d.version() + "&format=xml");
            assertThat(xml.body()).as(file.toString()).isEqualTo(withoutBom(FILES.get(file)));
        }
        List<Object> customIds = objects.list().items().stream()
                .filter(m -> Boolean.TRUE.equals(m.get("custom"))).map(m -> m.get("id")).toList();
        assertThat(customIds).containsAll(ids);
    }

    @Test
    void registry_files_that_define_no_object_are_refused_with_a_clear_message() {
        assumeTrue(registry != null, "OMA registry folder lwm2m-registry absent beside the project: skipped");
        assertThat(NOT_OBJECTS).isNotEmpty();
        ObjectsApi objects = new ObjectsApi(server.api());
        for (Path file : NOT_OBJECTS) {
            List<Map<String, Object>> before = objects.list().items();
            Api.Response r;
            try {
                r = objects.uploadXml(Files.readAllBytes(file), "application/xml");
            } catch (IOException e) {
                throw new AssertionError(e);
            }
            assertThat(r.status()).as(file.toString()).isEqualTo(400);
            assertThat((String) r.map().get("error")).as(file.toString()).contains("not");
            assertThat(objects.list().items()).isEqualTo(before);
        }
    }

    private static String withoutBom(byte[] bytes) {
        String s = new String(bytes, StandardCharsets.UTF_8);
        return s.startsWith("\uFEFF") ? s.substring(1) : s;
    }
}
