package io.lwm2mbridge.engine.services;

import io.lwm2mbridge.engine.store.KeyValueStore;
import io.lwm2mbridge.engine.store.RecordStore;
import io.lwm2mbridge.engine.store.RecordCodec;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The named HTTP services, kept in the store. Secrets are never shown: the API's view puts {@value #MASK} in
 * their place, and a masked value written back keeps the stored one (see {@code services.json}). Writes are
 * serialised.
 */
public final class HttpServices {

    public static final String MASK = "********";

    private final RecordStore<HttpService> store;
    private final Runnable commit;

    /** @param codec the stored form of one service (the MQTT services share the map and decode to null) */
    public HttpServices(KeyValueStore store, RecordCodec<HttpService> codec, Runnable commit) {
        this.store = new RecordStore<>(store, codec);
        this.commit = commit;
    }

    /** Every HTTP service with its secrets, in stored order. */
    public List<HttpService> list() {
        List<HttpService> out = new ArrayList<>();
        store.forEach((key, s) -> out.add(s));
        return out;
    }

    /** The service with its secrets, for making requests. */
    public Optional<HttpService> get(String key) {
        return store.get(key);
    }

    /**
     * Creates the service {@code key} as {@code build} makes it (given no stored service to keep values of).
     *
     * @throws ServiceException CONFLICT when the key is taken, or what {@code build} throws
     */
    public synchronized HttpService create(String key, UnaryOperator<HttpService> build) {
        if (store.contains(key)) {
            throw new ServiceException(ServiceException.Reason.CONFLICT, "service '" + key + "' already exists");
        }
        return put(key, build.apply(null));
    }

    /**
     * Replaces a service with what {@code edit} makes of the stored one (masked values sent back keep it).
     *
     * @throws ServiceException NOT_FOUND when there is no such service, or what {@code edit} throws
     */
    public synchronized HttpService replace(String key, UnaryOperator<HttpService> edit) {
        HttpService old = store.get(key).orElseThrow(() -> notFound(key));
        return put(key, edit.apply(old));
    }

    public synchronized boolean delete(String key) {
        if (store.get(key).isEmpty()) {
            return false;
        }
        boolean removed = store.remove(key);
        commit.run();
        return removed;
    }

    private HttpService put(String key, HttpService s) {
        store.put(key, s);
        commit.run();
        return s;
    }

    private static ServiceException notFound(String key) {
        return new ServiceException(ServiceException.Reason.NOT_FOUND, "no service '" + key + "'");
    }
}
