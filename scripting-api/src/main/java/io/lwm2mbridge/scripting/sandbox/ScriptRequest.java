package io.lwm2mbridge.scripting.sandbox;

import java.util.Objects;

/**
 * One script to run.
 *
 * @param scriptName the name errors and stack traces use (a trigger's name); runs of one name share
 *     contexts only with each other
 * @param code the JavaScript source, run as the body of a function in sloppy mode
 * @param eventJson the event as JSON; every run parses its own copy into the global {@code event}
 * @param attachment whatever the caller wants host functions to find through {@link io.lwm2mbridge.scripting.ScriptRun#attachment()}
 */
public record ScriptRequest(String scriptName, String code, String eventJson, Object attachment) {

    public ScriptRequest {
        Objects.requireNonNull(scriptName, "scriptName");
        Objects.requireNonNull(code, "code");
        if (eventJson == null) {
            eventJson = "{}";
        }
    }
}
