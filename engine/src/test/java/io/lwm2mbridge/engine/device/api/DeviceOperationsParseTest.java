package io.lwm2mbridge.engine.device.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lwm2mbridge.engine.device.CallRequest;
import io.lwm2mbridge.engine.device.DeviceCalls;
import io.lwm2mbridge.engine.device.DeviceOperation;
import io.lwm2mbridge.engine.lwm2m.LeshanModels;
import io.lwm2mbridge.objects.ObjectRegistry;
import io.lwm2mbridge.scripting.HostCallException;
import java.util.List;
import java.util.Map;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.request.argument.Arguments;
import org.junit.jupiter.api.Test;

/** REST and MQTT bodies read into the same device operations as script calls, and what a bad body is told. */
class DeviceOperationsParseTest {

    /** Nothing here reaches a device: only the parser of the calls is used. */
    private final DeviceOperations operations = new DeviceOperations(
            new DeviceCalls(null, new ObjectRegistry(LeshanModels.builtIns()), null, null, null, null), e -> 500);

    @Test
    void bodies_become_operations_synchronous_unless_they_say_async() throws Exception {
        CallRequest read = operations.parse("dev", "read", Map.of("paths", List.of("3/0/0", "3/0/1")));
        assertThat(read.operation()).isEqualTo(new DeviceOperation.Read("dev",
                List.of(new LwM2mPath(3, 0, 0), new LwM2mPath(3, 0, 1)), false));
        assertThat(read.options().async()).isFalse();
        assertThat(operations.parse("dev", "read", Map.of("path", "3/0/0", "options", Map.of("async", true)))
                .options().async()).isTrue();

        CallRequest write = operations.parse("dev", "write", Map.of("path", "3/0/15", "value", "UTC"));
        assertThat(write.operation()).isEqualTo(new DeviceOperation.Write("dev", new LwM2mPath(3, 0, 15), "UTC"));

        CallRequest execute = operations.parse("dev", "execute", Map.of("path", "3/0/4", "arguments", "0='a'"));
        assertThat(((DeviceOperation.Execute) execute.operation()).arguments()).isEqualTo(Arguments.parse("0='a'"));

        CallRequest attributes = operations.parse("dev", "write-attributes",
                Map.of("path", "3/0/13", "attributes", Map.of("pmin", 5)));
        assertThat(attributes.operation()).isInstanceOf(DeviceOperation.WriteAttributes.class);

        CallRequest cancel = operations.parse("dev", "observe-cancel", Map.of("token", "0123456789abcdef"));
        assertThat(((DeviceOperation.ObserveCancel) cancel.operation()).targets())
                .containsExactly(new DeviceOperation.CancelTarget.Token("0123456789abcdef"));

        assertThat(operations.parse("dev", "observe", Map.of("paths", "3/0/13", "options", Map.of("composite", true)))
                .operation().source()).isEqualTo("observe-composite");
    }

    @Test
    void a_bad_body_is_told_what_is_missing_in_the_words_of_the_script_calls() {
        assertBad("read", Map.of(), "the body needs 'paths' (a path or a list of paths like \"3/0/0\")");
        assertBad("write", Map.of("value", 1), "the body needs 'path', a path like \"3/0/15\"");
        assertBad("write", Map.of("path", "3/0/15"), "lwm2m.write: give the value to write after the path");
        assertBad("read", Map.of("path", "3/0/0", "options", "fast"), "'options' must be a JSON object");
        assertBad("observe-cancel", Map.of(), "the body needs 'token' (as observe returned it) or 'path'");
        assertBad("reboot", Map.of(), "unknown operation 'reboot': use one of read, write, write-multi");
        assertBad("read", Map.of("path", "3/0/0", "options", Map.of("timeout", "soon")),
                "lwm2m.read: timeout must be a number of seconds, not 'soon'");
    }

    private void assertBad(String op, Map<String, Object> body, String messageStart) {
        assertThatThrownBy(() -> operations.parse("dev", op, body)).isInstanceOfSatisfying(HostCallException.class,
                e -> assertThat(e.getMessage()).startsWith(messageStart));
    }
}
