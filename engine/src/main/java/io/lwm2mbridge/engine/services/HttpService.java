package io.lwm2mbridge.engine.services;

import java.net.URI;
import java.util.Map;

/**
 * A named outbound HTTP target ({@code /api/v1/services}): requests made through it go to its base URL
 * with its headers and credentials.
 *
 * @param key the name scripts use ({@code http.post('crm', '/events', body)})
 * @param baseUrl absolute http(s) URL that request paths are appended to
 * @param headers sent with every request (a call's own headers win)
 * @param username basic-auth user, or null
 * @param password basic-auth password, or null; a secret
 * @param timeoutSeconds wait for an answer, or null for the server default
 */
public record HttpService(String key, URI baseUrl, Map<String, String> headers, String username, String password,
        Integer timeoutSeconds) {

    public HttpService {
        headers = headers == null ? Map.of() : Map.copyOf(headers);
    }

    @Override
    public String toString() {
        return "HttpService[" + key + " " + baseUrl + "]";
    }
}
