package io.lwm2mbridge.engine.firmware.fota;

import io.lwm2mbridge.engine.lwm2m.DeviceErrors;
import io.lwm2mbridge.engine.lwm2m.Encodings;
import io.lwm2mbridge.engine.lwm2m.RequestTiming;
import java.time.Duration;
import java.util.function.Consumer;
import org.eclipse.leshan.core.request.DownlinkRequest;
import org.eclipse.leshan.core.request.exception.ClientSleepingException;
import org.eclipse.leshan.core.request.exception.TimeoutException;
import org.eclipse.leshan.core.response.LwM2mResponse;
import org.eclipse.leshan.server.LeshanServer;
import org.eclipse.leshan.server.registration.Registration;

/**
 * Sends the FOTA requests through Leshan. Never blocks: the reply is handed to a consumer on the thread
 * Leshan answers on (or on the caller's thread when the request cannot even leave), and the caller moves
 * it to its own thread.
 */
final class DeviceLink {

    /** How a request ended. {@code asleep}: a queue-mode device is sleeping, try again when it wakes. */
    record Reply<T extends LwM2mResponse>(T response, String error, boolean asleep) {

        boolean ok() {
            return error == null && !asleep;
        }
    }

    private final LeshanServer server;
    private final RequestTiming timing;

    DeviceLink(LeshanServer server, RequestTiming timing) {
        this.server = server;
        this.timing = timing;
    }

    LeshanServer server() {
        return server;
    }

    <T extends LwM2mResponse> void send(Registration reg, DownlinkRequest<T> request, Duration timeout,
            Consumer<Reply<T>> done) {
        long sent = System.nanoTime();
        try {
            server.send(reg, request, Math.max(1, timeout.toMillis()), response -> {
                timing.ended(request, DeviceErrors.label(response.getCode()), System.nanoTime() - sent);
                done.accept(response.isSuccess()
                        ? new Reply<>(response, null, false)
                        : new Reply<>(null, Encodings.explain(reg, request, response.getCode()), false));
            }, error -> {
                timing.ended(request, DeviceErrors.label(error), System.nanoTime() - sent);
                done.accept(failed(reg, error));
            });
        } catch (RuntimeException e) {
            timing.ended(request, DeviceErrors.label(e), System.nanoTime() - sent);
            done.accept(failed(reg, e));
        }
    }

    private static <T extends LwM2mResponse> Reply<T> failed(Registration reg, Exception e) {
        // a queue-mode device that does not answer is asleep rather than gone: its next message wakes it
        boolean asleep = e instanceof ClientSleepingException || (e instanceof TimeoutException && reg.usesQueueMode());
        return new Reply<>(null, DeviceErrors.of(e), asleep);
    }
}
