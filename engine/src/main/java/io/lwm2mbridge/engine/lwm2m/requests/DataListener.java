package io.lwm2mbridge.engine.lwm2m.requests;

import io.lwm2mbridge.engine.lwm2m.json.ObjectTree;
import io.lwm2mbridge.objects.IdFormat;
import java.util.List;

/**
 * Receives the data devices send without being asked at that moment: notifications of observations
 * and LwM2M 1.1 Sends. Called on Leshan's protocol threads; must return quickly and not block.
 */
public interface DataListener {

    /**
     * @param source "notify" or "send"
     * @param paths the observed or sent paths ("3/0/13")
     * @param tree the data, keys in {@code ids}
     * @param context the context of the observation, null for a Send
     * @param token the observation's token, null for a Send
     */
    void data(String endpoint, String source, List<String> paths, ObjectTree tree, IdFormat ids, Object context,
            String token);

    /** A notification that arrived but could not be used (a decoding failure, an error code). */
    void error(String endpoint, String source, List<String> paths, String message, Object context);
}
