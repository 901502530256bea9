package io.lwm2mbridge.engine.endpoints.json;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.lwm2mbridge.engine.endpoints.Credentials;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Credentials stored by earlier versions load by slot, and are written back in the same form and order. */
class CredentialsCodecTest {

    private static final String STORED = "{\"primary\":{\"identity\":\"id-1\",\"pskHex\":\"0a1b\",\"x509Thumbprint\":null},"
            + "\"alternate\":{\"identity\":null,\"pskHex\":null,\"x509Thumbprint\":\""
            + "a".repeat(64) + "\"}}";

    private final CredentialsCodec codec = new CredentialsCodec();
    private final ObjectMapper json = new ObjectMapper();

    @Test
    void both_slots_load_and_encode_back_byte_for_byte() throws Exception {
        @SuppressWarnings("unchecked") // the test reads JSON as the store does
        Map<String, Object> stored = json.readValue(STORED, Map.class);
        Map<Credentials.Slot, Credentials> slots = codec.decode(stored);

        assertThat(slots.get(Credentials.Slot.PRIMARY).identity()).isEqualTo("id-1");
        assertThat(slots.get(Credentials.Slot.PRIMARY).psk()).containsExactly(0x0a, 0x1b);
        assertThat(slots.get(Credentials.Slot.ALTERNATE).hasPsk()).isFalse();
        assertThat(json.writeValueAsString(codec.encode(slots))).isEqualTo(STORED);
    }
}
