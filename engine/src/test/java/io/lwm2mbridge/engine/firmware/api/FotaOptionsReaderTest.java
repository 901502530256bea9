package io.lwm2mbridge.engine.firmware.fota;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.eclipse.leshan.core.request.ContentFormat;
import org.junit.jupiter.api.Test;

/** The options of lwm2m.firmwareUpdate: defaults, spellings, and errors that name the option. */
class FotaOptionsTest {

    @Test
    void defaults_are_http_pull_instance_0_with_epid_and_no_reset() throws FotaException {
        FotaOptions o = FotaOptions.parse(Map.of());
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
        FotaOptions o = FotaOptions.parse(Map.of("protocol", "CoAPs", "delivery", "push", "instance", "1",
                "noEpid", true, "resetUri", "true", "encoding", "tlv", "context", Map.of("a", 1), "unknown", 5));
        assertThat(o.protocol()).isEqualTo(DownloadProtocol.COAPS);
        assertThat(o.delivery()).isEqualTo(Delivery.PUSH);
        assertThat(o.instance()).isEqualTo(1);
        assertThat(o.noEpid()).isTrue();
        assertThat(o.resetUri()).isTrue();
        assertThat(o.encoding()).isEqualTo(ContentFormat.TLV);
        assertThat(o.context()).isEqualTo(Map.of("a", 1));
        assertThat(FotaOptions.parse(Map.of("instance", 2)).instance()).isEqualTo(2);
        assertThat(FotaOptions.parse(Map.of("instance", 2.0)).instance()).isEqualTo(2);
    }

    @Test
    void wrong_values_name_the_option_and_what_it_takes() {
        assertThatThrownBy(() -> FotaOptions.parse(Map.of("protocol", "ftp")))
                .hasMessage("protocol must be http, https, coap or coaps, not 'ftp'");
        assertThatThrownBy(() -> FotaOptions.parse(Map.of("delivery", "mail")))
                .hasMessage("delivery must be 'pull' or 'push', not 'mail'");
        assertThatThrownBy(() -> FotaOptions.parse(Map.of("instance", "-1")))
                .hasMessageContaining("instance must be an object instance id from 0 to 65534");
        assertThatThrownBy(() -> FotaOptions.parse(Map.of("instance", 1.5))).hasMessageContaining("not '1.5'");
        assertThatThrownBy(() -> FotaOptions.parse(Map.of("noEpid", "yes")))
                .hasMessage("noEpid must be true or false, not 'yes'");
        assertThatThrownBy(() -> FotaOptions.parse(Map.of("encoding", "xml"))).hasMessageContaining("unknown encoding 'xml'");
    }

    @Test
    void device_codes_map_to_protocols_delivery_methods_and_result_texts() {
        assertThat(DownloadProtocol.ofCode(0)).contains(DownloadProtocol.COAP);
        assertThat(DownloadProtocol.ofCode(3)).contains(DownloadProtocol.HTTPS);
        assertThat(DownloadProtocol.ofCode(4)).isEmpty();
        assertThat(Delivery.PULL.supportedBy(0)).isTrue();
        assertThat(Delivery.PULL.supportedBy(1)).isFalse();
        assertThat(Delivery.PUSH.supportedBy(2)).isTrue();
        assertThat(UpdateResult.text(1)).isEqualTo("Firmware updated successfully");
        assertThat(UpdateResult.text(5)).isEqualTo("Integrity check failure");
        assertThat(UpdateResult.text(10)).isEqualTo("Firmware update cancelled");
        assertThat(UpdateResult.text(42)).isEqualTo("Update result 42");
        assertThat(FirmwareState.nameOf(2)).isEqualTo("downloaded");
    }
}
