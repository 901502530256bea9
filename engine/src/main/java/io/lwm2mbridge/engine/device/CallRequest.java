package io.lwm2mbridge.engine.device;

/**
 * A device call as parsed: what to ask ({@link DeviceOperation}) and how ({@link CallOptions}). It is
 * what {@link DeviceCalls#call} runs and what the held queue keeps for a sleeping device.
 */
public record CallRequest(DeviceOperation operation, CallOptions options) {

    public String endpoint() {
        return operation.endpoint();
    }
}
