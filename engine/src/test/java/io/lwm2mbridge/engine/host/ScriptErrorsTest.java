package io.lwm2mbridge.engine.host;

import static org.assertj.core.api.Assertions.assertThat;

import io.lwm2mbridge.engine.device.DeviceCallException;
import io.lwm2mbridge.engine.lwm2m.DeviceFailure;
import io.lwm2mbridge.scripting.HostCallException;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import org.eclipse.leshan.core.ResponseCode;
import org.junit.jupiter.api.Test;

/** Which JavaScript error a failed device call is, with the failure's words as its message. */
class ScriptErrorsTest {

    @Test
    void a_value_that_cannot_be_sent_is_a_type_error_every_other_failure_an_error() {
        assertThat(ScriptErrors.jsType(new DeviceFailure.InvalidValue("bad"))).isEqualTo("TypeError");
        assertThat(ScriptErrors.jsType(new DeviceFailure.NotRegistered("dev"))).isEqualTo("Error");
        assertThat(ScriptErrors.jsType(new DeviceFailure.NoObservation("dev", "t"))).isEqualTo("Error");
        assertThat(ScriptErrors.jsType(new DeviceFailure.Timeout())).isEqualTo("Error");
        assertThat(ScriptErrors.jsType(new DeviceFailure.Sleeping())).isEqualTo("Error");
        assertThat(ScriptErrors.jsType(new DeviceFailure.ErrorCode(ResponseCode.BAD_REQUEST))).isEqualTo("Error");
        assertThat(ScriptErrors.jsType(new DeviceFailure.NotCompleted("cancelled", "gone"))).isEqualTo("Error");
    }

    @Test
    void a_failed_call_reaches_the_script_as_its_error_with_the_failure_words() {
        HostCallException e = ScriptErrors.of(new DeviceCallException(new DeviceFailure.InvalidValue("value for 3/0/15 must be a string")));
        assertThat(e.jsType()).isEqualTo("TypeError");
        assertThat(e.getMessage()).isEqualTo("value for 3/0/15 must be a string");

        CompletableFuture<Object> failed = CompletableFuture.failedFuture(new CompletionException(
                new DeviceCallException(Map.of("3/0/0", new DeviceFailure.Timeout()))));
        assertThat(ScriptErrors.of(failed)).failsWithin(java.time.Duration.ZERO).withThrowableOfType(
                java.util.concurrent.ExecutionException.class).havingCause().isInstanceOfSatisfying(HostCallException.class,
                        h -> {
                            assertThat(h.jsType()).isEqualTo("Error");
                            assertThat(h.getMessage()).isEqualTo("device did not respond to the request");
                        });
    }
}
