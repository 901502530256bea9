package io.lwm2mbridge.examples;

import static org.assertj.core.api.Assertions.assertThat;

import io.lwm2mbridge.engine.testing.Api;
import io.lwm2mbridge.engine.testing.TestServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * One shipped example trigger: its script from {@code /triggers/<file>} and the filter its header
 * declares ({@code // @filterType ...}, {@code // @filterGeneric ...}, {@code // @filterCron ...},
 * {@code // @filterServiceId ...}, {@code // @filterTopic ...}),
 * installed over the API exactly as a user would copy it.
 */
final class ExampleTrigger {

    private static final Pattern TAG = Pattern.compile("^//\\s*@(\\w+)\\s+(.+)$", Pattern.MULTILINE);

    final String file;
    final String script;
    final Map<String, String> header = new LinkedHashMap<>();

    private ExampleTrigger(String file, String script) {
        this.file = file;
        this.script = script;
        Matcher m = TAG.matcher(script);
        while (m.find()) {
            header.put(m.group(1), m.group(2).trim());
        }
    }

    static ExampleTrigger load(String file) {
        try (InputStream in = ExampleTrigger.class.getResourceAsStream("/triggers/" + file)) {
            if (in == null) {
                throw new IllegalArgumentException("no example /triggers/" + file);
            }
            return new ExampleTrigger(file, new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    List<String> filterTypes() {
        return Arrays.asList(header.getOrDefault("filterType", "").split("\\s+"));
    }

    /** Creates one trigger per declared filter type; returns their ids. */
    List<String> install(TestServer server) {
        List<String> ids = new ArrayList<>();
        String base = file.replace(".js", "");
        for (String type : filterTypes()) {
            Map<String, Object> t = new LinkedHashMap<>();
            t.put("name", filterTypes().size() == 1 ? base : base + "-" + type);
            t.put("desc", "example " + file);
            t.put("filterType", type);
            if (header.containsKey("filterGeneric")) {
                t.put("filterGeneric", header.get("filterGeneric"));
            }
            for (String field : List.of("filterCron", "filterServiceId", "filterTopic")) {
                if (header.containsKey(field)) {
                    t.put(field, header.get(field));
                }
            }
            t.put("def", script);
            Api.Response r = server.api().post("/api/v1/triggers", t);
            assertThat(r.status()).as("installing " + file + ": " + r).isEqualTo(201);
            ids.add((String) r.map().get("id"));
        }
        return ids;
    }
}
