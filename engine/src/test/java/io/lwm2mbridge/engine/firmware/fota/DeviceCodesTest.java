package io.lwm2mbridge.engine.firmware.fota;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** The codes a device reports for the Firmware Update object, in the words the API uses. */
class DeviceCodesTest {

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
