package io.lwm2mbridge.engine.objects;

import static org.assertj.core.api.Assertions.assertThat;

import io.lwm2mbridge.engine.testing.Api;
import io.lwm2mbridge.engine.testing.TestServer;
import io.lwm2mbridge.objects.ObjectDefinition;
import io.lwm2mbridge.objects.ResourceDefinition;
import io.lwm2mbridge.objects.ddf.DdfWriter;
import io.lwm2mbridge.objects.json.ObjectDefView;
import java.io.IOException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** {@code /api/v1/objects} on a real server: upload, read back, replace, delete, persist, and every refusal. */
class ObjectApiTest {

    private TestServer server;
    private ObjectsApi objects;

    @BeforeEach
    void start() {
        server = TestServer.start();
        objects = new ObjectsApi(server.api());
    }

    @AfterEach
    void stop() {
        server.close();
    }

    @Test
    void uploaded_object_is_listed_and_read_back_as_get_object_def_and_as_its_own_xml() {
        String xml = Ddf.widget(33001, "Level");
        Api.Response created = objects.uploadXml(xml);

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.items()).containsExactly(
                Map.of("id", 33001, "name", "Acme Widget", "version", "1.0", "replaced", false));
        Api.Response one = objects.get("33001");
        assertThat(one.status()).isEqualTo(200);
        assertThat(one.map()).isEqualTo(
                ObjectDefView.toDef(server.server().registry().get(33001).orElseThrow()));
        assertThat(one.map()).containsEntry("name", "Acme Widget").containsEntry("multiInstance", true);
        @SuppressWarnings("unchecked")
        List<Map<String, Object>> resources = (List<Map<String, Object>>) one.map().get("resources");
        assertThat(resources.get(1)).isEqualTo(Map.of("id", 1, "name", "Level", "type", "Integer",
                "multiInstance", false, "mandatory", false, "allowRead", true, "allowWrite", false,
                "allowExec", false, "units", ""));

        Api.Response asXml = objects.get("33001?format=xml");
        assertThat(asXml.status()).isEqualTo(200);
        assertThat(asXml.headers().get("content-type").getFirst()).startsWith("application/xml");
        assertThat(asXml.body()).isEqualTo(xml);

        Map<String, Object> listed = item(objects.list(), 33001);
        assertThat(listed).containsEntry("custom", true).containsEntry("versions", List.of("1.0"))
                .containsEntry("name", "Acme Widget");
        assertThat(item(objects.list(), 3)).containsEntry("custom", false);
    }

    @Test
    void built_in_object_reads_as_json_and_as_writer_xml_and_by_version() {
        Api.Response device = objects.get("3");
        assertThat(device.status()).isEqualTo(200);
        assertThat(device.map()).containsEntry("id", 3).containsEntry("name", "Device");

        List<String> versions = server.server().registry().versions(3).stream().map(ObjectDefinition::version).toList();
        assertThat(versions).hasSizeGreaterThan(1);
        String oldest = versions.getFirst();
        Api.Response old = objects.get("3?version=" + oldest);
        assertThat(old.map()).containsEntry("version", oldest);
        assertThat(objects.get("3?version=" + oldest + "&format=xml").body())
                .isEqualTo(DdfWriter.toXml(server.server().registry().get(3, oldest).orElseThrow()));

        Api.Response missingVersion = objects.get("3?version=9.9");
        assertThat(missingVersion.status()).isEqualTo(404);
        assertThat((String) missingVersion.map().get("error")).contains("object 3 has no version 9.9").contains(oldest);
        assertThat(objects.get("44444").status()).isEqualTo(404);
        Api.Response badId = objects.get("device");
        assertThat(badId.status()).isEqualTo(400);
        assertThat((String) badId.map().get("error")).contains("object id must be a number");
        assertThat(objects.get("3?format=yaml").status()).isEqualTo(400);
    }

    @Test
    void several_objects_in_one_document_are_split_into_one_xml_each_with_their_comments() {
        String doc = Ddf.document(
                Ddf.objectElement(33010, "First", "1.0", Ddf.item(0, "Alpha", "R", "String")).replace(
                        "<Resources>", "<Resources><!-- kept -->"),
                Ddf.objectElement(33011, "Second", "2.1", Ddf.item(5, "Beta", "RW", "Float")));

        Api.Response created = objects.uploadXml(doc);

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.items()).extracting(m -> m.get("id")).containsExactly(33010, 33011);
        String first = objects.get("33010?format=xml").body();
        assertThat(first).contains("<!-- kept -->").contains("<Name>Alpha</Name>").doesNotContain("Beta")
                .contains("noNamespaceSchemaLocation");
        assertThat(objects.get("33011?format=xml").body()).contains("<Name>Beta</Name>").doesNotContain("Alpha");
        // each split text is itself a document that loads to the same definition
        Api.Response again = objects.uploadXml(first);
        assertThat(again.items()).containsExactly(Map.of("id", 33010, "name", "First", "version", "1.0", "replaced", true));
    }

    @Test
    void multipart_upload_of_several_files_loads_them_all() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("a.xml", bytes(Ddf.widget(33020, "Level")));
        files.put("b.xml", bytes(Ddf.object(33021, "Other", "1.1", Ddf.item(0, "Value", "R", "Integer"))));

        Api.Response created = objects.uploadFiles(files);

        assertThat(created.status()).as(created.toString()).isEqualTo(201);
        assertThat(created.items()).extracting(m -> m.get("id")).containsExactly(33020, 33021);
        assertThat(objects.get("33021").map()).containsEntry("version", "1.1");
        assertThat(objects.get("33020?format=xml").body()).isEqualTo(Ddf.widget(33020, "Level"));
    }

    @Test
    void multipart_upload_with_one_bad_file_loads_none_and_names_the_file() {
        List<Object> before = objects.list().items().stream().map(m -> (Object) m).toList();
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("good.xml", bytes(Ddf.widget(33030, "Level")));
        files.put("bad.xml", bytes(Ddf.object(33031, "Bad", "1.0", Ddf.item(0, "Value", "R", "Strin"))));

        Api.Response refused = objects.uploadFiles(files);

        assertThat(refused.status()).isEqualTo(400);
        assertThat(problems(refused)).singleElement().satisfies(p -> {
            assertThat(p).containsEntry("file", "bad.xml").containsKeys("line", "column");
            assertThat((String) p.get("message")).contains("Strin");
        });
        assertThat((String) refused.map().get("error")).contains("bad.xml").contains("nothing was loaded");
        assertThat(objects.get("33030").status()).isEqualTo(404);
        assertThat(objects.list().items()).isEqualTo(before);
    }

    @Test
    void multipart_upload_without_files_and_empty_body_are_refused() {
        assertThat(objects.uploadFiles(Map.of()).status()).isEqualTo(400);
        Api.Response empty = objects.uploadXml(new byte[0], "application/xml");
        assertThat(empty.status()).isEqualTo(400);
        assertThat((String) empty.map().get("error")).contains("DDF XML body");
    }

    @Test
    void malformed_xml_is_400_with_line_and_column_and_changes_nothing() {
        Api.Response r = refusedUnchanged(Ddf.widget(33040, "Level").replace("</Resources>", ""), 400);
        Map<String, Object> p = problems(r).getFirst();
        assertThat((String) p.get("message")).contains("malformed XML");
        assertThat((Integer) p.get("line")).isGreaterThan(1);
        assertThat(p).doesNotContainKey("file");
    }

    @Test
    void xxe_attempt_is_refused_before_anything_is_read() {
        String xxe = """
                <?xml version="1.0" encoding="UTF-8"?>
                <!DOCTYPE LWM2M [<!ENTITY xxe SYSTEM "file:///etc/passwd">]>
                <LWM2M><Object ObjectType="MODefinition"><Name>&xxe;</Name><ObjectID>33041</ObjectID>
                <MultipleInstances>Single</MultipleInstances><Mandatory>Optional</Mandatory><Resources/></Object></LWM2M>
                """;
        Api.Response r = refusedUnchanged(xxe, 400);
        assertThat((String) problems(r).getFirst().get("message")).contains("DOCTYPE declarations are not allowed");
        assertThat(r.body()).doesNotContain("root:");
    }

    @Test
    void billion_laughs_is_refused() {
        StringBuilder entities = new StringBuilder("<!ENTITY lol \"lol\">");
        for (int i = 1; i < 10; i++) {
            entities.append("<!ENTITY lol").append(i).append(" \"")
                    .append(("&lol" + (i == 1 ? "" : i - 1) + ";").repeat(10)).append("\">");
        }
        String bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE LWM2M [" + entities + "]>\n<LWM2M><Object><Name>&lol9;</Name>"
                + "</Object></LWM2M>\n";
        Api.Response r = refusedUnchanged(bomb, 400);
        assertThat((String) problems(r).getFirst().get("message")).contains("DOCTYPE");
    }

    @Test
    void upload_of_20_megabytes_is_413_with_the_limit_and_changes_nothing() {
        String head = Ddf.widget(33042, "Level").replace("<Resources>", "<Resources><!-- ");
        int padding = 20_000_000 - head.length() - " -->".length() - 200;
        String big = head.replace("<!-- ", "<!-- " + "x".repeat(padding) + " -->");
        assertThat(big.length()).isBetween(19_000_000, 20_000_000);

        Api.Response r = refusedUnchanged(big, 413);

        assertThat((String) r.map().get("error")).contains("too large").contains("limit of 4194304 bytes");
        assertThat(objects.get("33042").status()).isEqualTo(404);
    }

    @Test
    void multipart_file_of_5_megabytes_is_413_and_changes_nothing() {
        String big = Ddf.widget(33047, "Level").replace("<Resources>", "<Resources><!-- " + "y".repeat(5_000_000) + " -->");
        List<Map<String, Object>> before = objects.list().items();

        Api.Response r = objects.uploadFiles(Map.of("big.xml", bytes(big)));

        assertThat(r.status()).as(r.toString()).isEqualTo(413);
        assertThat((String) r.map().get("error")).contains("too large");
        assertThat(objects.list().items()).isEqualTo(before);
    }

    @Test
    void upload_beyond_the_request_limit_is_413_before_the_body_is_sent() throws IOException {
        List<Map<String, Object>> before = objects.list().items();
        // a raw HTTP/1.1 client that announces 21 MiB and waits for the answer, as curl does with
        // Expect: 100-continue (the JDK client keeps sending instead of reading an early answer)
        String response;
        try (Socket socket = new Socket("127.0.0.1", server.server().httpPort())) {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("POST /api/v1/objects HTTP/1.1\r\nHost: 127.0.0.1\r\n"
                    + "Authorization: Bearer " + TestServer.TOKEN + "\r\nContent-Type: application/xml\r\n"
                    + "Content-Length: " + (21 * 1024 * 1024) + "\r\nConnection: close\r\n\r\n")
                    .getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().flush();
            response = new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }

        assertThat(response).startsWith("HTTP/1.1 413").contains("\"error\":\"the upload is too large")
                .contains("exceeds the maximum allowed content length");
        assertThat(objects.list().items()).isEqualTo(before);
    }

    @Test
    void unknown_resource_type_is_400_naming_the_type() {
        Api.Response r = refusedUnchanged(Ddf.object(33043, "Bad", "1.0", Ddf.item(0, "Value", "R", "Strin")), 400);
        assertThat((String) problems(r).getFirst().get("message")).contains("Strin");
    }

    @Test
    void duplicate_resource_ids_are_400() {
        Api.Response r = refusedUnchanged(Ddf.object(33044, "Bad", "1.0",
                Ddf.item(1, "One", "R", "String"), Ddf.item(1, "Again", "R", "Integer")), 400);
        assertThat((String) problems(r).getFirst().get("message")).containsIgnoringCase("duplicate").contains("1");
    }

    @Test
    void object_without_id_is_400() {
        Api.Response r = refusedUnchanged(Ddf.widget(33045, "Level").replace("<ObjectID>33045</ObjectID>", ""), 400);
        assertThat((String) problems(r).getFirst().get("message")).contains("ObjectID");
    }

    @Test
    void same_object_version_defined_twice_differently_in_one_upload_is_400() {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("one.xml", bytes(Ddf.widget(33046, "Level")));
        files.put("two.xml", bytes(Ddf.widget(33046, "Fill Level")));
        List<Map<String, Object>> before = objects.list().items();

        Api.Response r = objects.uploadFiles(files);

        assertThat(r.status()).isEqualTo(400);
        assertThat((String) problems(r).getFirst().get("message")).contains("also in one.xml");
        assertThat(objects.list().items()).isEqualTo(before);
    }

    @Test
    void upload_replaces_the_same_version_at_once_and_says_so() {
        objects.uploadXml(Ddf.widget(33050, "Level"));

        Api.Response again = objects.uploadXml(Ddf.widget(33050, "Fill Level"));

        assertThat(again.items()).containsExactly(Map.of("id", 33050, "name", "Acme Widget", "version", "1.0", "replaced", true));
        assertThat(resourceNames(objects.get("33050"))).contains("Fill Level").doesNotContain("Level");
        assertThat(server.server().registry().names(33050, null).resourceKey(1, io.lwm2mbridge.objects.IdFormat.STRINGS))
                .isEqualTo("fill_level");
    }

    @Test
    void custom_definitions_survive_a_restart_with_their_text() {
        String widget = Ddf.widget(33060, "Level");
        objects.uploadXml(widget);
        objects.uploadXml(renamedDevice("Maker"));

        server.restart();
        ObjectsApi after = new ObjectsApi(server.api());

        assertThat(after.get("33060?format=xml").body()).isEqualTo(widget);
        assertThat(item(after.list(), 33060)).containsEntry("custom", true);
        assertThat(resourceNames(after.get("3"))).contains("Maker");
        assertThat(item(after.list(), 3)).containsEntry("custom", true);
    }

    @Test
    void delete_of_custom_device_brings_the_built_in_back_and_then_conflicts() {
        ObjectDefinition builtIn = server.server().registry().get(3).orElseThrow();
        Api.Response uploaded = objects.uploadXml(renamedDevice("Maker"));
        assertThat(uploaded.items().getFirst()).containsEntry("replaced", true);
        assertThat(resourceNames(objects.get("3"))).contains("Maker").doesNotContain("Manufacturer");

        assertThat(objects.delete("3").status()).isEqualTo(204);

        assertThat(objects.get("3").map()).isEqualTo(ObjectDefView.toDef(builtIn));
        assertThat(item(objects.list(), 3)).containsEntry("custom", false);
        Api.Response conflict = objects.delete("3");
        assertThat(conflict.status()).isEqualTo(409);
        assertThat((String) conflict.map().get("error")).contains("built in");
        // and it stays deleted across a restart
        server.restart();
        assertThat(resourceNames(new ObjectsApi(server.api()).get("3"))).contains("Manufacturer");
    }

    @Test
    void delete_of_unknown_object_is_404_and_of_custom_only_object_removes_it() {
        assertThat(objects.delete("44444").status()).isEqualTo(404);
        assertThat(objects.delete("x").status()).isEqualTo(400);
        objects.uploadXml(Ddf.widget(33070, "Level"));

        assertThat(objects.delete("33070").status()).isEqualTo(204);

        assertThat(objects.get("33070").status()).isEqualTo(404);
        assertThat(objects.list().items()).noneMatch(m -> m.get("id").equals(33070));
    }

    @Test
    void text_xml_content_type_is_accepted_and_json_is_not() {
        assertThat(objects.uploadXml(bytes(Ddf.widget(33080, "Level")), "text/xml").status()).isEqualTo(201);
        assertThat(objects.uploadXml(bytes("{}"), "application/json").status()).isEqualTo(415);
    }

    /** The built-in Device object, latest version, with resource 0 renamed. */
    private String renamedDevice(String name) {
        ObjectDefinition d = server.server().registry().get(3).orElseThrow();
        List<ResourceDefinition> resources = new ArrayList<>();
        for (ResourceDefinition r : d.resources()) {
            resources.add(r.id() != 0 ? r : new ResourceDefinition(0, name, r.operations(), r.multiple(), r.mandatory(),
                    r.type(), r.rangeEnumeration(), r.units(), r.description()));
        }
        return DdfWriter.toXml(new ObjectDefinition(d.id(), d.name(), d.description(), d.version(), d.lwm2mVersion(),
                d.urn(), d.multiple(), d.mandatory(), resources));
    }

    private Api.Response refusedUnchanged(String xml, int status) {
        List<Map<String, Object>> before = objects.list().items();
        Api.Response r = objects.uploadXml(xml);
        assertThat(r.status()).as(r.toString()).isEqualTo(status);
        assertThat(r.map()).containsKey("error");
        assertThat(objects.list().items()).isEqualTo(before);
        return r;
    }

    @SuppressWarnings("unchecked")
    static List<Map<String, Object>> problems(Api.Response r) {
        return (List<Map<String, Object>>) ((Map<String, Object>) r.map().get("details")).get("problems");
    }

    static Map<String, Object> item(Api.Response list, int id) {
        return list.items().stream().filter(m -> m.get("id").equals(id)).findFirst().orElseThrow();
    }

    @SuppressWarnings("unchecked")
    static List<String> resourceNames(Api.Response def) {
        return ((List<Map<String, Object>>) def.map().get("resources")).stream().map(m -> (String) m.get("name")).toList();
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
