package io.lwm2mbridge.engine.firmware.api;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.lwm2mbridge.engine.firmware.fota.Delivery;
import io.lwm2mbridge.engine.firmware.fota.DownloadProtocol;
import io.lwm2mbridge.engine.firmware.fota.FotaException;
import io.lwm2mbridge.engine.firmware.fota.FotaOptions;
import java.util.Map;
import org.eclipse.leshan.core.request.ContentFormat;
import org.junit.jupiter.api.Test;

/** The options of lwm2m.firmwareUpdate: defaults, spellings, and errors that name the option. */
class FotaOptionsReaderTest {

    @Test
    void defaults_are_http_pull_instance_0_with_epid_and_no_reset() throws FotaException {
        FotaOptions o = FotaOptionsReader.read(Map.of());
        assertThat(o.protocolOrDefault()).isEqualTo(DownloadProtocol.HTTP);
        assertThat(o.delivery()).isEqualTo(Delivery.PULL);
        assertThat(o.instance()).isZero();
        assertThat(o.noEpid()).isFalse();
        assertThat(o.resetUri()).isFalse();
        assertThat(o.encoding()).isEqualTo(ContentFormat.TEXT);
        assertThat(o.context()).isNull();
    }

    @Test
    void every_option_is_read_in_the_spellings_scripts_use() throws FotaException {
        FotaOptions o = FotaOptionsReader.read(Map.of("protocol", "CoAPs", "delivery", "push", "instance", "1",
                "noEpid", true, "resetUri", "true", "encoding", "tlv", "context", Map.of("a", 1), "unknown", 5));
        assertThat(o.protocol()).isEqualTo(DownloadProtocol.COAPS);
        assertThat(o.delivery()).isEqualTo(Delivery.PUSH);
        assertThat(o.instance()).isEqualTo(1);
        assertThat(o.noEpid()).isTrue();
        assertThat(o.resetUri()).isTrue();
        assertThat(o.encoding()).isEqualTo(ContentFormat.TLV);
        assertThat(o.context()).isEqualTo(Map.of("a", 1));
        assertThat(FotaOptionsReader.read(Map.of("instance", 2)).instance()).isEqualTo(2);
        assertThat(FotaOptionsReader.read(Map.of("instance", 2.0)).instance()).isEqualTo(2);
    }

    @Test
    void wrong_values_name_the_option_and_what_it_takes() {
        assertThatThrownBy(() -> FotaOptionsReader.read(Map.of("protocol", "ftp")))
                .hasMessage("protocol must be http, https, coap or coaps, not 'ftp'");
        assertThatThrownBy(() -> FotaOptionsReader.read(Map.of("delivery", "mail")))
                .hasMessage("delivery must be 'pull' or 'push', not 'mail'");
        assertThatThrownBy(() -> FotaOptionsReader.read(Map.of("instance", "-1")))
                .hasMessageContaining("instance must be an object instance id from 0 to 65534");
        assertThatThrownBy(() -> FotaOptionsReader.read(Map.of("instance", 1.5))).hasMessageContaining("not '1.5'");
        assertThatThrownBy(() -> FotaOptionsReader.read(Map.of("noEpid", "yes")))
                .hasMessage("noEpid must be true or false, not 'yes'");
        assertThatThrownBy(() -> FotaOptionsReader.read(Map.of("encoding", "xml"))).hasMessageContaining("unknown encoding 'xml'");
    }
}
