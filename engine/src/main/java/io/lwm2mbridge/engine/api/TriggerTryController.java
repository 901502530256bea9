package io.lwm2mbridge.engine.api;

import io.lwm2mbridge.engine.events.Event;
import io.lwm2mbridge.engine.events.EventLog;
import io.lwm2mbridge.engine.events.EventType;
import io.lwm2mbridge.engine.events.json.EventParser;
import io.lwm2mbridge.engine.triggers.Trigger;
import io.lwm2mbridge.engine.triggers.TriggerService;
import io.lwm2mbridge.engine.triggers.TriggerTrial;
import io.lwm2mbridge.engine.triggers.json.TrialJson;
import io.lwm2mbridge.scripting.ScriptProblem;
import io.micronaut.core.annotation.Nullable;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.HttpStatus;
import io.micronaut.http.MediaType;
import io.micronaut.http.annotation.Body;
import io.micronaut.http.annotation.Consumes;
import io.micronaut.http.annotation.Controller;
import io.micronaut.http.annotation.Post;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;

/**
 * {@code POST /api/v1/triggers/{id}/try}: runs a trigger, or edited code for it ({@code def}), on a
 * recorded event ({@code eventId}, from {@code GET /events}) or on one given whole ({@code event}), in a
 * dry run ({@link TriggerTrial}). Answers 200 with {@code {calls, logs, reply, replied, error, status,
 * durationMs, cpuMs, dropped}} whether or not the script failed (its failure is {@code error}); 400 when
 * {@code def} does not compile (with its line) or the body is malformed; 404 for an unknown trigger or
 * event; 503 when too many trials are waiting. Does not hold a server thread while the run lasts.
 */
@Controller("/api/v1/triggers")
public record TriggerTryController(TriggerService triggers, EventLog events, TriggerTrial trial) {

    private static final Set<String> FIELDS = Set.of("eventId", "event", "def");

    @Post("/{id}/try")
    @Consumes({MediaType.APPLICATION_JSON, MediaType.TEXT_PLAIN})
    public CompletableFuture<HttpResponse<?>> tryOn(String id, @Body @Nullable String body) {
        Trigger trigger = triggers.get(id).orElseThrow(() -> ApiException.notFound("no trigger with id '" + id + "'"));
        Map<String, Object> request = JsonBody.object(body);
        for (String field : request.keySet()) {
            if (!FIELDS.contains(field)) {
                throw ApiException.badRequest("unknown field '" + field + "' (expected eventId or event, and def)");
            }
        }
        Object def = request.get("def");
        if (def != null && !(def instanceof String)) {
            throw ApiException.badRequest("def must be the script's code as a string");
        }
        String code = def == null ? trigger.def() : (String) def;
        if (def != null) {
            ScriptProblem problem = trial.check(trigger, code).orElse(null);
            if (problem != null) {
                Map<String, Object> details = new LinkedHashMap<>();
                details.put("message", problem.message());
                details.put("line", problem.line() > 0 ? problem.line() : null);
                details.put("column", problem.column() > 0 ? problem.column() : null);
                throw new ApiException(HttpStatus.BAD_REQUEST, "def does not compile: " + problem, details);
            }
        }
        Event event = event(trigger, request);
        return trial.run(trigger, code, event).handle((answer, error) -> {
            if (error == null) {
                return ApiJson.ok(TrialJson.of(answer));
            }
            Throwable cause = error.getCause() != null ? error.getCause() : error;
            if (cause instanceof RejectedExecutionException) {
                return ApiErrors.response(HttpStatus.SERVICE_UNAVAILABLE,
                        "too many trials are in progress; try again in a moment", null);
            }
            return ApiErrors.response(HttpStatus.INTERNAL_SERVER_ERROR, String.valueOf(cause.getMessage()), null);
        });
    }

    private Event event(Trigger trigger, Map<String, Object> request) {
        Object eventId = request.get("eventId");
        Object given = request.get("event");
        if ((eventId == null) == (given == null)) {
            throw ApiException.badRequest("give either eventId (an id from GET /events) or event (an event object)");
        }
        try {
            if (eventId != null) {
                long sequence;
                try {
                    sequence = Long.parseLong(String.valueOf(eventId).trim());
                } catch (NumberFormatException e) {
                    sequence = -1;
                }
                return events.stored(sequence).map(view -> EventParser.parse(view, null, Instant.EPOCH))
                        .orElseThrow(() -> ApiException.notFound("no event with id '" + eventId
                                + "' (it may be older than the events kept, setting events_kept)"));
            }
            if (!(given instanceof Map<?, ?> m)) {
                throw ApiException.badRequest("event must be an object ({type, endpoint, data})");
            }
            Map<String, Object> view = new LinkedHashMap<>();
            m.forEach((k, v) -> view.put(String.valueOf(k), v));
            return EventParser.parse(view, EventType.parse(String.valueOf(trigger.filterType())).orElse(null),
                    trial.now());
        } catch (IllegalArgumentException e) {
            throw ApiException.badRequest(e.getMessage());
        }
    }
}
