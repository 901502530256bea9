package io.lwm2mbridge.engine.firmware.fota;

import io.lwm2mbridge.engine.lwm2m.Answer;
import io.lwm2mbridge.engine.lwm2m.DeviceFailure;
import io.lwm2mbridge.engine.lwm2m.DeviceRequests;
import java.time.Duration;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.observation.Observation;
import org.eclipse.leshan.core.observation.SingleObservation;
import org.eclipse.leshan.core.request.CancelObservationRequest;
import org.eclipse.leshan.core.request.ContentFormat;
import org.eclipse.leshan.core.request.DownlinkRequest;
import org.eclipse.leshan.core.request.ExecuteRequest;
import org.eclipse.leshan.core.request.ObserveRequest;
import org.eclipse.leshan.core.request.ReadRequest;
import org.eclipse.leshan.core.request.WriteRequest;
import org.eclipse.leshan.core.response.LwM2mResponse;
import org.eclipse.leshan.server.LeshanServer;
import org.eclipse.leshan.server.registration.Registration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How a job reaches its device: every request leaves through {@link DeviceRequests#send}, and its answer
 * is handled on the FOTA thread, dropped if the job ended or was re-attached meanwhile. A device that
 * sleeps (a {@link DeviceFailure.Sleeping} answer, or a timeout of a queue-mode registration) keeps the
 * step as the job's {@code pending} one, run when the device next wakes.
 *
 * @param timeout the request timeout ({@code device_timeout_s})
 */
record JobChannel(DeviceRequests requests, FotaThread thread, FotaStore store, Supplier<Duration> timeout) {

    private static final Logger LOG = LoggerFactory.getLogger(JobChannel.class);

    LeshanServer server() {
        return requests.server();
    }

    Registration registration(String endpoint) {
        return requests.server().getRegistrationService().getByEndpoint(endpoint);
    }

    /** A Read in a format the device announced (a 1.1 client may speak neither TLV nor the Accept-less default). */
    ReadRequest read(Registration reg, LwM2mPath path) {
        return new ReadRequest(requests.encodings().read(reg, path, null), path, null);
    }

    /** An Observe in a format the device announced, as {@link #read}. */
    ObserveRequest observe(Registration reg, LwM2mPath path) {
        return new ObserveRequest(requests.encodings().read(reg, path, null), path, null);
    }

    /** Sends with the request timeout ({@code device_timeout_s}), as {@link #send(FotaJob, Registration, DownlinkRequest, Duration, Consumer, Consumer)}. */
    <T extends LwM2mResponse> void send(FotaJob job, Registration reg, DownlinkRequest<T> request, Consumer<T> onOk,
            Consumer<DeviceFailure> onError) {
        send(job, reg, request, timeout.get(), onOk, onError);
    }

    /**
     * Sends for a job; the answer is handled on the FOTA thread, and dropped if the job has ended or been
     * re-attached since. A sleeping device keeps the request until it wakes.
     */
    <T extends LwM2mResponse> void send(FotaJob job, Registration reg, DownlinkRequest<T> request, Duration timeout,
            Consumer<T> onOk, Consumer<DeviceFailure> onError) {
        int epoch = job.epoch;
        // a deadline already reached still sends, with the shortest timeout, so that the answer decides
        Duration bounded = timeout.toMillis() < 1 ? Duration.ofMillis(1) : timeout;
        requests.send(reg, request, bounded).thenAccept(answer -> thread.post(() -> {
            if (job.epoch != epoch || !job.active()) {
                return;
            }
            if (asleep(reg, answer)) {
                job.pending = r -> send(job, r, request, timeout, onOk, onError);
                store.waiting(job, Waiting.DEVICE);
            } else if (!answer.ok()) {
                onError.accept(answer.failure());
            } else {
                onOk.accept(answer.response());
            }
        }));
    }

    /** Runs {@code step} now if the device can be reached, else when it registers or wakes. */
    void onDevice(FotaJob job, Consumer<Registration> step) {
        Registration reg = registration(job.endpoint());
        if (reg == null || !awake(reg)) {
            job.pending = step;
            store.waiting(job, Waiting.DEVICE);
            return;
        }
        store.waiting(job, null);
        step.accept(reg);
    }

    /** A new registration or a wake-up: runs the step that waited for the device, if any. */
    boolean runPending(FotaJob job, Registration reg) {
        if (job.pending == null) {
            return false;
        }
        Consumer<Registration> step = job.pending;
        job.pending = null;
        store.waiting(job, null);
        step.accept(reg);
        return true;
    }

    /**
     * Ends the job's observations: the device is asked to stop notifying (so it does not keep sending to
     * an observation nobody knows), then the server forgets them, whether or not the device answered.
     */
    void cancelObservations(FotaJob job) {
        Registration reg = registration(job.endpoint());
        for (Observation o : job.observations) {
            Runnable forget = () -> {
                try {
                    server().getObservationService().cancelObservation(o);
                } catch (RuntimeException e) {
                    LOG.debug("cancelling observation {} failed", o, e);
                }
            };
            if (reg != null && awake(reg) && o instanceof SingleObservation single) {
                requests.send(reg, new CancelObservationRequest(single), timeout.get()).thenRun(forget);
            } else {
                forget.run();
            }
        }
        job.observations.clear();
    }

    /** Tells the device to drop the download: Cancel (5/x/10), else an empty Package URI. Best effort. */
    void resetDevice(FotaJob job) {
        Registration reg = registration(job.endpoint());
        if (reg == null) {
            return;
        }
        requests.send(reg, new ExecuteRequest(5, job.instance(), 10), timeout.get()).thenAccept(reply -> {
            if (!reply.ok()) {
                requests.send(reg, new WriteRequest(ContentFormat.TEXT, 5, job.instance(), 1, ""), timeout.get())
                        .thenAccept(again -> LOG.debug("reset of {} after cancel: {}", job.endpoint(),
                                again.ok() ? "done" : again.error()));
            }
        });
    }

    private boolean awake(Registration reg) {
        return !reg.usesQueueMode() || server().getPresenceService().isClientAwake(reg);
    }

    /** A queue-mode device that does not answer is asleep rather than gone: its next message wakes it. */
    private static boolean asleep(Registration reg, Answer<?> answer) {
        return answer.failure() instanceof DeviceFailure.Sleeping
                || (answer.failure() instanceof DeviceFailure.Timeout && reg.usesQueueMode());
    }
}
