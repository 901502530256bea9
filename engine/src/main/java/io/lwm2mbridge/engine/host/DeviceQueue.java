package io.lwm2mbridge.engine.host;

import java.util.List;

/**
 * Where device calls to queue-mode devices that are asleep are held until they wake (SCRIPTING.md,
 * "A request to a device in queue mode that is asleep is held"). {@link DeviceCalls} asks it about
 * every call once the arguments are checked, on the caller's thread.
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
    String SLEEPING = "device is sleeping (queue mode); use an asynchronous call";

    Decision decide(String endpoint, boolean async);

    /** Holds a call that {@link #decide} said to hold; publishes its intermediate {@code lwm2m-result}. */
    void hold(HeldCall call);

    /**
     * One held call as the script made it, so that it can be stored and made again after a restart.
     *
     * @param function the {@code lwm2m} function ("write", "writeMulti", ...)
     * @param args its arguments as JSON-like values, options (with the context) included
     * @param source the {@code source} of its events ("write", "observe-composite", ...)
     * @param paths the comma-joined {@code path} of its events
     */
    record HeldCall(String endpoint, String function, List<Object> args, String source, List<String> paths,
            boolean hasContext, Object context) {}
}
