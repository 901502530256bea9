package io.lwm2mbridge.engine.api;

import io.lwm2mbridge.engine.refusal.RefusedException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/**
 * Input the layers below the API refused ({@link RefusedException}: a trigger with bad fields or a taken name,
 * an unknown endpoint, a report that does not exist, ...) as its status and the API's error body, wherever it
 * is thrown from.
 */
@Produces
@Singleton
@Requires(classes = {RefusedException.class, ExceptionHandler.class})
public final class RefusedExceptionHandler implements ExceptionHandler<RefusedException, HttpResponse<?>> {

    @Override
    public HttpResponse<?> handle(HttpRequest request, RefusedException e) {
        return Refusals.response(e);
    }
}
