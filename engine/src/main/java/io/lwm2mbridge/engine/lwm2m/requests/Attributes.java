package io.lwm2mbridge.engine.lwm2m.requests;

import io.lwm2mbridge.engine.lwm2m.Answer;
import io.lwm2mbridge.engine.lwm2m.DeviceRequests;
import io.lwm2mbridge.engine.lwm2m.json.CallResults;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.eclipse.leshan.core.link.lwm2m.attributes.LwM2mAttribute;
import org.eclipse.leshan.core.link.lwm2m.attributes.LwM2mAttributeModel;
import org.eclipse.leshan.core.link.lwm2m.attributes.LwM2mAttributeSet;
import org.eclipse.leshan.core.link.lwm2m.attributes.LwM2mAttributes;
import org.eclipse.leshan.core.node.LwM2mPath;
import org.eclipse.leshan.core.request.DiscoverRequest;
import org.eclipse.leshan.core.request.WriteAttributesRequest;
import org.eclipse.leshan.core.request.exception.InvalidRequestException;
import org.eclipse.leshan.core.response.DiscoverResponse;
import org.eclipse.leshan.server.registration.Registration;

/** Discover and Write-Attributes: the link attributes of objects, instances and resources; futures never fail. */
public final class Attributes {

    /** The notification attributes scripts may write, by the names of SCRIPTING.md. */
    private static final Map<String, LwM2mAttributeModel<?>> WRITABLE = Map.of(
            "pmin", LwM2mAttributes.MINIMUM_PERIOD,
            "pmax", LwM2mAttributes.MAXIMUM_PERIOD,
            "gt", LwM2mAttributes.GREATER_THAN,
            "lt", LwM2mAttributes.LESSER_THAN,
            "st", LwM2mAttributes.STEP,
            "epmin", LwM2mAttributes.EVALUATE_MINIMUM_PERIOD,
            "epmax", LwM2mAttributes.EVALUATE_MAXIMUM_PERIOD);

    private final DeviceRequests requests;

    public Attributes(DeviceRequests requests) {
        this.requests = requests;
    }

    /** Discover; a successful outcome's result holds {@code links}: {@code [{path, attributes}]}. */
    public CompletableFuture<CallOutcome> discover(Registration reg, LwM2mPath path, Duration timeout) throws ValueException {
        DiscoverRequest request = ValueException.building("discover " + DeviceRequests.text(path),
                () -> new DiscoverRequest(path.toString(), null));
        List<String> paths = List.of(DeviceRequests.text(path));
        return requests.send(reg, request, timeout).thenApply((Answer<DiscoverResponse> answer) ->
                CallOutcome.of(paths, answer, response -> CallResults.links(response.getObjectLinks())));
    }

    public CompletableFuture<CallOutcome> writeAttributes(Registration reg, LwM2mPath path, LwM2mAttributeSet attributes,
            Duration timeout) throws ValueException {
        WriteAttributesRequest request = ValueException.building("write attributes of " + DeviceRequests.text(path),
                () -> new WriteAttributesRequest(path, attributes));
        List<String> paths = List.of(DeviceRequests.text(path));
        return requests.send(reg, request, timeout).thenApply(answer -> Writes.outcome(paths, answer));
    }

    /** {@code {pmin: 10, pmax: 60, gt: 20.5}}: a null value removes that attribute. */
    public static LwM2mAttributeSet attributeSet(Map<?, ?> values) throws ValueException {
        List<LwM2mAttribute<?>> out = new ArrayList<>();
        for (Map.Entry<?, ?> e : values.entrySet()) {
            String name = String.valueOf(e.getKey());
            LwM2mAttributeModel<?> model = WRITABLE.get(name);
            if (model == null) {
                throw new ValueException("unknown attribute '" + name + "' (expected pmin, pmax, gt, lt, st, epmin or epmax)");
            }
            out.add(attribute(name, model, e.getValue()));
        }
        try {
            return new LwM2mAttributeSet(out);
        } catch (IllegalArgumentException | InvalidRequestException e) {
            throw new ValueException("invalid attributes: " + e.getMessage());
        }
    }

    @SuppressWarnings("unchecked")
    private static LwM2mAttribute<?> attribute(String name, LwM2mAttributeModel<?> model, Object value) throws ValueException {
        if (value == null) {
            return LwM2mAttributes.create(model);
        }
        boolean periods = name.contains("pm");
        if (periods) {
            Long seconds = ResourceValues.toLong(value);
            if (seconds == null || seconds < 0) {
                throw new ValueException("attribute " + name + " must be a whole number of seconds, not "
                        + ResourceValues.describe(value));
            }
            return LwM2mAttributes.create((LwM2mAttributeModel<Long>) model, seconds);
        }
        Double number = value instanceof Number n ? n.doubleValue() : parseDouble(value);
        if (number == null || !Double.isFinite(number)) {
            throw new ValueException("attribute " + name + " must be a number, not " + ResourceValues.describe(value));
        }
        return LwM2mAttributes.create((LwM2mAttributeModel<Double>) model, number);
    }

    private static Double parseDouble(Object value) {
        if (!(value instanceof String s)) {
            return null;
        }
        try {
            return Double.parseDouble(s.trim());
        } catch (NumberFormatException e) {
            return null;
        }
    }
}
