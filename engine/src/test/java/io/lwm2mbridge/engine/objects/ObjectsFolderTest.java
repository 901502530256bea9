package io.lwm2mbridge.engine.objects;

import static org.assertj.core.api.Assertions.assertThat;

import io.lwm2mbridge.engine.testing.TestServer;
import io.lwm2mbridge.objects.ddf.DdfWriter;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** BRIDGE_OBJECTS_DIR: read at every start, bad files left out without stopping the start, never stored. */
class ObjectsFolderTest {

    @TempDir
    Path folder;
    private TestServer server;

    @BeforeEach
    void writeFolder() throws IOException {
        Files.writeString(folder.resolve("widget.xml"), Ddf.widget(33100, "Level"));
        Files.createDirectories(folder.resolve("more/deeper"));
        Files.writeString(folder.resolve("more/deeper/two.xml"), Ddf.document(
                Ddf.objectElement(33101, "Pump", "1.0", Ddf.item(0, "Flow Rate", "R", "Float")),
                Ddf.objectElement(33102, "Valve", "2.0", Ddf.item(0, "Open", "RW", "Boolean"))));
        Files.writeString(folder.resolve("bad.xml"), Ddf.object(33103, "Broken", "1.0", Ddf.item(0, "X", "R", "Strin")));
        Files.writeString(folder.resolve("notes.xml"), "<?xml version=\"1.0\"?><Notes>not an object</Notes>");
        Files.writeString(folder.resolve("readme.txt"), "ignored");
    }

    @AfterEach
    void stop() {
        if (server != null) {
            server.close();
        }
    }

    @Test
    void folder_objects_are_loaded_at_start_recursively_and_bad_files_are_left_out() {
        server = TestServer.startWithObjectsDir(folder);
        ObjectsApi objects = new ObjectsApi(server.api());

        assertThat(ObjectApiTest.item(objects.list(), 33100)).containsEntry("custom", true).containsEntry("name", "Acme Widget");
        assertThat(objects.get("33101").map()).containsEntry("name", "Pump");
        assertThat(objects.get("33102").map()).containsEntry("version", "2.0");
        assertThat(objects.get("33103").status()).isEqualTo(404);
        // a folder definition has no uploaded text: its XML is the writer's
        assertThat(objects.get("33101?format=xml").body())
                .isEqualTo(DdfWriter.toXml(server.server().registry().get(33101).orElseThrow()));
    }

    @Test
    void folder_objects_are_read_again_at_each_start_and_not_stored() throws IOException {
        server = TestServer.startWithObjectsDir(folder);
        Files.delete(folder.resolve("more/deeper/two.xml"));
        Files.writeString(folder.resolve("widget.xml"), Ddf.widget(33100, "Fill Level"));

        server.restart();
        ObjectsApi objects = new ObjectsApi(server.api());

        assertThat(objects.get("33101").status()).isEqualTo(404);
        assertThat(ObjectApiTest.resourceNames(objects.get("33100"))).contains("Fill Level");
    }

    @Test
    void an_upload_overrides_the_folder_also_after_a_restart() {
        server = TestServer.startWithObjectsDir(folder);
        ObjectsApi objects = new ObjectsApi(server.api());

        assertThat(objects.uploadXml(Ddf.widget(33100, "Charge")).items())
                .containsExactly(Map.of("id", 33100, "name", "Acme Widget", "version", "1.0", "replaced", true));
        server.restart();

        assertThat(ObjectApiTest.resourceNames(new ObjectsApi(server.api()).get("33100"))).contains("Charge");
    }

    @Test
    void deleting_a_folder_object_lasts_until_the_next_start() {
        server = TestServer.startWithObjectsDir(folder);
        ObjectsApi objects = new ObjectsApi(server.api());

        assertThat(objects.delete("33101").status()).isEqualTo(204);
        assertThat(objects.get("33101").status()).isEqualTo(404);

        server.restart();
        assertThat(new ObjectsApi(server.api()).get("33101").status()).isEqualTo(200);
    }

    @Test
    void a_missing_folder_does_not_stop_the_server() {
        server = TestServer.startWithObjectsDir(folder.resolve("absent"));
        assertThat(new ObjectsApi(server.api()).get("3").status()).isEqualTo(200);
    }
}
