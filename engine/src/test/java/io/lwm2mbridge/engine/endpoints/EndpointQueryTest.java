package io.lwm2mbridge.engine.endpoints;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The endpoint search syntax: terms, AND/OR/NOT, parentheses, quotes, wildcards, and clear errors. */
class EndpointQueryTest {

    private static Map<String, Object> record(String key, String status, Map<String, Object> tags) {
        Map<String, Object> r = new LinkedHashMap<>();
        r.put("key", key);
        r.put("name", key.toUpperCase());
        r.put("status", status);
        r.put("tags", tags);
        r.put("registration", status.equals("connected") ? Map.of("binding", "UQ", "lifetime", 300) : null);
        return r;
    }

    private final Map<String, Object> a = record("meter-1", "connected", Map.of("version", "1.1.0", "site", "north yard"));
    private final Map<String, Object> b = record("meter-2", "disconnected", Map.of("version", "1.0.0"));
    private final Map<String, Object> c = record("valve-1", "connected", Map.of("version", "1.0.0", "a.b", "dotted"));
    private final List<Map<String, Object>> all = List.of(a, b, c);

    private List<Object> keys(String query) {
        EndpointQuery q = EndpointQuery.parse(query);
        return all.stream().filter(r -> q.matches(r::get)).map(r -> r.get("key")).toList();
    }

    @Test
    void the_example_of_the_contract_matches_field_and_tag_with_a_space_after_the_colon() {
        assertThat(keys("status:connected AND tags.version: 1.1.0")).containsExactly("meter-1");
    }

    @Test
    void or_not_and_parentheses_combine_with_and_binding_tighter() {
        assertThat(keys("status:disconnected OR tags.version:1.1.0")).containsExactly("meter-1", "meter-2");
        assertThat(keys("status:connected AND NOT key:meter-1")).containsExactly("valve-1");
        assertThat(keys("key:valve-1 OR status:connected AND tags.version:1.1.0")).containsExactly("meter-1", "valve-1");
        assertThat(keys("(key:valve-1 OR key:meter-2) AND status:connected")).containsExactly("valve-1");
        assertThat(keys("status:connected tags.version:1.0.0")).as("side by side is AND").containsExactly("valve-1");
        assertThat(keys("status:connected and tags.version:1.0.0")).as("keywords in any case").containsExactly("valve-1");
    }

    @Test
    void quoted_values_wildcards_presence_and_case() {
        assertThat(keys("tags.site:\"north yard\"")).containsExactly("meter-1");
        assertThat(keys("tags.site:'north yard'")).containsExactly("meter-1");
        assertThat(keys("key:meter-*")).containsExactly("meter-1", "meter-2");
        assertThat(keys("key:*-1")).containsExactly("meter-1", "valve-1");
        assertThat(keys("tags.site:*")).as("a lone * means present").containsExactly("meter-1");
        assertThat(keys("tags.site:\"*\"")).as("a quoted * is a literal star").isEmpty();
        assertThat(keys("status:CONNECTED")).as("values ignore case").containsExactly("meter-1", "valve-1");
        assertThat(keys("registration.lifetime:300")).as("numbers compare as text").containsExactly("meter-1", "valve-1");
        assertThat(keys("tags.a.b:dotted")).as("a tag name holding a dot").containsExactly("valve-1");
        assertThat(keys("tags.nothing:x")).isEmpty();
    }

    @Test
    void empty_query_and_lone_star_match_everything() {
        assertThat(keys("")).hasSize(3);
        assertThat(keys("  * ")).hasSize(3);
        assertThat(keys(null)).hasSize(3);
    }

    @Test
    void bad_queries_name_the_column_and_what_was_expected() {
        assertThatThrownBy(() -> EndpointQuery.parse("status"))
                .isInstanceOf(EndpointQuery.Invalid.class)
                .hasMessage("bad query at column 7: expected ':' after 'status' (terms are field:value, like status:connected)");
        assertThatThrownBy(() -> EndpointQuery.parse("status:"))
                .hasMessage("bad query at column 8: expected a value after 'status:'");
        assertThatThrownBy(() -> EndpointQuery.parse("status:connected AND"))
                .hasMessage("bad query at column 21: expected field:value at the end of the query");
        assertThatThrownBy(() -> EndpointQuery.parse("(status:connected"))
                .hasMessage("bad query at column 18: '(' at column 1 is not closed");
        assertThatThrownBy(() -> EndpointQuery.parse("status:connected)"))
                .hasMessage("bad query at column 17: ')' without a matching '('");
        assertThatThrownBy(() -> EndpointQuery.parse("name:\"open"))
                .hasMessage("bad query at column 6: the quoted value has no closing \"");
        assertThatThrownBy(() -> EndpointQuery.parse("OR key:x"))
                .hasMessage("bad query at column 1: expected field:value, found 'OR'");
        assertThatThrownBy(() -> EndpointQuery.parse("()"))
                .hasMessage("bad query at column 2: empty parentheses");
        EndpointQuery.Invalid e = org.junit.jupiter.api.Assertions.assertThrows(EndpointQuery.Invalid.class,
                () -> EndpointQuery.parse("key:a:b"));
        assertThat(e.column()).isEqualTo(6);
    }
}
