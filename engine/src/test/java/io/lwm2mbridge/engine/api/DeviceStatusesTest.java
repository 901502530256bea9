package io.lwm2mbridge.engine.api;

import static org.assertj.core.api.Assertions.assertThat;

import io.lwm2mbridge.engine.device.DeviceCallException;
import io.lwm2mbridge.engine.lwm2m.DeviceFailure;
import java.util.LinkedHashMap;
import java.util.Map;
import org.eclipse.leshan.core.ResponseCode;
import org.junit.jupiter.api.Test;

/** The HTTP status of each device failure, and of a call whose paths failed in different ways. */
class DeviceStatusesTest {

    @Test
    void each_failure_has_its_status() {
        assertThat(DeviceStatuses.of(new DeviceFailure.NotRegistered("dev"))).isEqualTo(404);
        assertThat(DeviceStatuses.of(new DeviceFailure.NoObservation("dev", "abc"))).isEqualTo(404);
        assertThat(DeviceStatuses.of(new DeviceFailure.Timeout())).isEqualTo(504);
        assertThat(DeviceStatuses.of(new DeviceFailure.InvalidValue("bad"))).isEqualTo(400);
        assertThat(DeviceStatuses.of(new DeviceFailure.ErrorCode(ResponseCode.NOT_FOUND))).isEqualTo(502);
        assertThat(DeviceStatuses.of(new DeviceFailure.Sleeping())).isEqualTo(502);
        assertThat(DeviceStatuses.of(new DeviceFailure.NotCompleted("not_sent", "no route"))).isEqualTo(502);
    }

    @Test
    void a_call_answers_with_the_status_its_failures_share_else_bad_gateway() {
        Map<String, DeviceFailure> timeouts = new LinkedHashMap<>();
        timeouts.put("3/0/0", new DeviceFailure.Timeout());
        timeouts.put("3/0/1", new DeviceFailure.Timeout());
        assertThat(DeviceStatuses.of(new DeviceCallException(timeouts))).isEqualTo(504);

        Map<String, DeviceFailure> mixed = new LinkedHashMap<>(timeouts);
        mixed.put("3/0/2", new DeviceFailure.ErrorCode(ResponseCode.NOT_FOUND));
        DeviceCallException e = new DeviceCallException(mixed);
        assertThat(DeviceStatuses.of(e)).isEqualTo(502);
        assertThat(e.getMessage()).isEqualTo("3/0/0: device did not respond to the request;"
                + " 3/0/1: device did not respond to the request; 3/0/2: coap: not found");
        assertThat(e.errors()).containsEntry("3/0/2", "coap: not found");

        assertThat(DeviceStatuses.of(new DeviceCallException(new DeviceFailure.NotRegistered("dev")))).isEqualTo(404);
    }
}
