package io.lwm2mbridge.engine.api;

import io.lwm2mbridge.engine.triggers.TriggerException;
import io.micronaut.context.annotation.Requires;
import io.micronaut.http.HttpRequest;
import io.micronaut.http.HttpResponse;
import io.micronaut.http.annotation.Produces;
import io.micronaut.http.server.exceptions.ExceptionHandler;
import jakarta.inject.Singleton;

/** A refused trigger write: 400 for bad fields or scripts, 409 for a taken name, 404 for no such trigger. */
@Produces
@Singleton
@Requires(classes = {TriggerException.class, ExceptionHandler.class})
public final class TriggerExceptionHandler implements ExceptionHandler<TriggerException, HttpResponse<?>> {

    @Override
    public HttpResponse<?> handle(HttpRequest request, TriggerException e) {
        return Refusals.response(e);
    }
}
