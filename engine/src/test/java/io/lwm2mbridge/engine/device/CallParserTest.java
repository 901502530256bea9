package io.lwm2mbridge.engine.device;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lwm2mbridge.engine.device.DeviceOperation.CancelTarget;
import io.lwm2mbridge.engine.device.json.ScriptForm;
import io.lwm2mbridge.engine.lwm2m.LeshanModels;
import io.lwm2mbridge.objects.IdFormat;
import io.lwm2mbridge.objects.ObjectRegistry;
import io.lwm2mbridge.scripting.HostCallException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.request.ContentFormat;
import org.junit.jupiter.api.Test;

/** Script arguments read into typed device operations, the errors scripts get, and the stored form read back. */
class CallParserTest {

    private final ObjectRegistry registry = new ObjectRegistry(LeshanModels.builtIns());
    private final CallParser parser = new CallParser(registry);

    private static List<Object> args(Object... values) {
        return new ArrayList<>(Arrays.asList(values));
    }

    private static Map<String, Object> map(Object... keyValues) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (int i = 0; i < keyValues.length; i += 2) {
            out.put((String) keyValues[i], keyValues[i + 1]);
        }
        return out;
    }

    @Test
    void a_read_takes_one_path_or_several_and_its_options() throws HostCallException {
        CallRequest call = parser.read(args("dev", List.of("3/0/0", "/3/0/1"),
                map("async", false, "encoding", "senml-json", "timeout", 2.5, "translateIds", "numbers", "composite", true)));
        assertThat(call.operation()).isEqualTo(new DeviceOperation.Read("dev",
                List.of(new LwM2mPath(3, 0, 0), new LwM2mPath(3, 0, 1)), true));
        assertThat(call.operation().pathNames()).containsExactly("3/0/0", "3/0/1");
        CallOptions options = call.options();
        assertThat(options.async()).isFalse();
        assertThat(options.format()).isEqualTo(ContentFormat.SENML_JSON);
        assertThat(options.encodingName()).isEqualTo("senml_json");
        assertThat(options.timeout()).isEqualTo(Duration.ofMillis(2500));
        assertThat(options.ids()).isEqualTo(IdFormat.NUMBERS);

        CallRequest plain = parser.read(args("dev", "3/0/0"));
        assertThat(plain.options().async()).isTrue();
        assertThat(plain.options().timeout()).isNull();
        assertThat(plain.options().ids()).isNull();
        assertThat(parser.read(args("dev", List.of())).operation().empty()).isTrue();
    }

    @Test
    void bad_arguments_are_type_errors_that_name_the_function() {
        assertError(() -> parser.read(args(42, "3/0/0")), "TypeError",
                "lwm2m.read: the first argument must be the endpoint key");
        assertError(() -> parser.read(args("dev", "3/x")), "TypeError", "lwm2m.read: invalid path '3/x'");
        assertError(() -> parser.read(args("dev", List.of("3/0/0", "3/0/1"), map("return", "value"))), "TypeError",
                "lwm2m.read: return: 'value' needs exactly one resource path");
        assertError(() -> parser.read(args("dev", "3/0/0", map("encoding", "xml"))), "TypeError",
                "lwm2m.read: unknown encoding 'xml'");
        assertError(() -> parser.read(args("dev", "3/0/0", map("timeout", -1))), "RangeError",
                "lwm2m.read: timeout must be between 0 and 86400 seconds");
        assertError(() -> parser.write(args("dev", "3/0/15")), "TypeError",
                "lwm2m.write: give the value to write after the path");
        assertError(() -> parser.writeMulti(args("dev", map("NoSuchObject", map("0", map())))), "TypeError",
                "lwm2m.writeMulti: unknown object 'NoSuchObject'");
        assertError(() -> parser.writeAttrs(args("dev", "3/0/13", map("often", 1))), "TypeError",
                "lwm2m.writeAttrs: unknown attribute 'often'");
        assertError(() -> parser.execWithArgs(args("dev", "3/0/4", 7)), "TypeError",
                "lwm2m.execWithArgs: arguments must be text");
        assertError(() -> parser.create(args("dev", "19/0/1", map())), "TypeError",
                "lwm2m.create: give an object ('19') or an instance ('19/0') path");
        assertError(() -> parser.observeCancel(args("dev", 42)), "TypeError",
                "lwm2m.observeCancel: give the token lwm2m.observe returned or a path like '3/0/13' (or an array of them),"
                        + " not 42");
    }

    @Test
    void an_option_a_call_does_not_use_is_ignored_as_any_unknown_one() throws HostCallException {
        CallRequest delete = parser.delete(args("dev", "19/0", map("encoding", "xml", "translateIds", "nonsense")));
        assertThat(delete.operation()).isEqualTo(new DeviceOperation.Delete("dev", new LwM2mPath(19, 0)));
        assertThat(delete.options().format()).isNull();
    }

    @Test
    void write_multi_resolves_object_names_and_observe_cancel_tells_tokens_from_paths() throws HostCallException {
        String device = registry.names(3, null).objectKey(IdFormat.STRINGS);
        CallRequest multi = parser.writeMulti(args("dev", map(device, map("0", map("14", "+02")))));
        DeviceOperation.WriteMulti op = (DeviceOperation.WriteMulti) multi.operation();
        assertThat(op.instances()).containsOnlyKeys(3);
        assertThat(op.pathNames()).containsExactly("3/0");

        CallRequest cancel = parser.observeCancel(args("dev", List.of("0123456789abcdef", "/3/0/13")));
        assertThat(((DeviceOperation.ObserveCancel) cancel.operation()).targets()).containsExactly(
                new CancelTarget.Token("0123456789abcdef"), new CancelTarget.OfPath(new LwM2mPath(3, 0, 13)));

        CallRequest observe = parser.observe(args("dev", "3/0/13", map("composite", "true")));
        assertThat(observe.operation().source()).isEqualTo("observe-composite");
    }

    @Test
    void a_call_written_in_its_script_form_reads_back_as_the_same_call() throws HostCallException {
        List<CallRequest> calls = List.of(
                parser.read(args("dev", List.of("3/0/0", "3/0/1"), map("composite", true, "context", map("n", 1)))),
                parser.write(args("dev", "3/0/15", "Europe/Paris", map("timeout", 3, "encoding", "text"))),
                parser.writeMulti(args("dev", map("3", map("0", map("14", "+02"))), map("composite", true))),
                parser.writeAttrs(args("dev", "3/0/13", map("pmin", 10, "gt", 2.5, "pmax", null))),
                parser.exec(args("dev", "3/0/4")),
                parser.execWithArgs(args("dev", "3/0/4", map("0", "abc", "1", null))),
                parser.create(args("dev", "19/0", map("0", "x"), map("replace", true))),
                parser.delete(args("dev", "19/0")),
                parser.discover(args("dev", "3")),
                parser.observe(args("dev", "3/0/13", map("translateIds", "strings", "async", true))));
        for (CallRequest call : calls) {
            CallRequest again = parser.parse(ScriptForm.function(call.operation()), ScriptForm.args(call));
            assertThat(again.options()).isEqualTo(call.options());
            assertThat(ScriptForm.args(again)).isEqualTo(ScriptForm.args(call));
            assertThat(again.operation().pathNames()).isEqualTo(call.operation().pathNames());
            assertThat(again.operation().source()).isEqualTo(call.operation().source());
        }
        assertError(() -> parser.parse("reboot", args("dev")), "TypeError", "cannot replay unknown call lwm2m.reboot");
    }

    @Test
    void last_known_reads_its_own_options() throws HostCallException {
        assertThat(CallParser.lastKnown(args("dev"))).isEqualTo(new CallParser.LastKnownQuery("dev", IdFormat.NUMBERS, true));
        assertThat(CallParser.lastKnown(args("dev", map("includeUpdateTimes", false, "translateIds", "strings"))))
                .isEqualTo(new CallParser.LastKnownQuery("dev", IdFormat.STRINGS, false));
        assertError(() -> CallParser.lastKnown(args("dev", map("translateIds", "roman"))), "TypeError",
                "lwm2m.lastKnown: translateIds must be combined, strings or numbers, not 'roman'");
    }

    private interface Parse {
        Object run() throws HostCallException;
    }

    private static void assertError(Parse parse, String type, String messageStart) {
        assertThatThrownBy(parse::run).isInstanceOfSatisfying(HostCallException.class, e -> {
            assertThat(e.jsType()).isEqualTo(type);
            assertThat(e.getMessage()).startsWith(messageStart);
        });
    }
}
