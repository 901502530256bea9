package io.lwm2mbridge.engine.device;

import io.lwm2mbridge.engine.lwm2m.DeviceFailure;

/**
 * Where device calls to queue-mode devices that are asleep are held until they wake (SCRIPTING.md,
 * "A request to a device in queue mode that is asleep is held"). {@link DeviceCalls} asks it about
 * every call once the arguments are checked, on the caller's thread, and sends what it held through
 * {@link DeviceCalls#send} once the device wakes.
 */
public interface DeviceQueue {

    /** What to do with a call now. */
    enum Decision {
        /** send it now, as usual */
        SEND,
        /** hold it: the device is asleep (or calls held before it still wait), and the call is asynchronous */
        HOLD,
        /** refuse it: the device is asleep and the call is synchronous */
        REFUSE
    }

    /** The refusal of a synchronous call to a sleeping device. */
    DeviceFailure.Sleeping SLEEPING = new DeviceFailure.Sleeping("device is sleeping (queue mode); use an asynchronous call");

    Decision decide(String endpoint, boolean async);

    /** Holds an asynchronous call that {@link #decide} said to hold; publishes its intermediate {@code lwm2m-result}. */
    void hold(CallRequest call);
}
