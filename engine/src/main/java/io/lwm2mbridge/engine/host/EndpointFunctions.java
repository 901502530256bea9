package io.lwm2mbridge.engine.host;

import io.lwm2mbridge.engine.endpoints.EndpointQuery;
import io.lwm2mbridge.engine.endpoints.EndpointRecord;
import io.lwm2mbridge.engine.endpoints.Endpoints;
import io.lwm2mbridge.engine.endpoints.json.EndpointJson;
import io.lwm2mbridge.scripting.HostApi;
import io.lwm2mbridge.scripting.HostCallException;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The {@code endpoint} host object: {@code get}, {@code search} (the script side calls the callback
 * with each record), {@code searchOne}, {@code update}, {@code updateTags}, {@code storageGet},
 * {@code storageSet}. Records are the API's public view: {@code key, name, identity, tags, status, ...}.
 */
public record EndpointFunctions(Endpoints endpoints) {

    /** Most records one {@code endpoint.search} returns. */
    static final int MAX_SEARCH = 10_000;

    public void register(HostApi.Builder api) {
        api.add("endpoint.get", (run, list) -> {
            Args args = Args.of("endpoint.get", list);
            return endpoints.records().get(args.string(0, "the endpoint key")).map(EndpointJson::view).orElse(null);
        });
        api.add("endpoint.search", (run, list) -> {
            Args args = Args.of("endpoint.search", list);
            return endpoints.search().search(query(args), null, MAX_SEARCH).items().stream().map(EndpointJson::view).toList();
        });
        api.add("endpoint.searchOne", (run, list) -> {
            Args args = Args.of("endpoint.searchOne", list);
            List<EndpointRecord> found = endpoints.search().search(query(args), null, 1).items();
            return found.isEmpty() ? null : EndpointJson.view(found.get(0));
        });
        api.add("endpoint.update", (run, list) -> {
            Args args = Args.of("endpoint.update", list);
            String key = args.string(0, "the endpoint key");
            Map<String, Object> changes = args.object(1, "the changes ({statusDetails, addTags, removeTags})");
            for (String field : changes.keySet()) {
                if (!Set.of("statusDetails", "addTags", "removeTags").contains(field)) {
                    throw args.type("unknown change '" + field + "' (expected statusDetails, addTags, removeTags)");
                }
            }
            return RefusedCalls.call(args, () -> EndpointJson.view(endpoints.tags().update(key,
                    changes.get("statusDetails"), changes.get("addTags"), changes.get("removeTags"))));
        });
        api.add("endpoint.updateTags", (run, list) -> {
            Args args = Args.of("endpoint.updateTags", list);
            String key = args.string(0, "the endpoint key");
            Object set = args.get(1);
            if (set != null && !(set instanceof Map<?, ?>)) {
                throw args.type("tags must be an object of name to value, not " + Args.describe(set));
            }
            return RefusedCalls.call(args, () -> EndpointJson.view(endpoints.tags().updateTags(key, set, args.get(2))));
        });
        api.add("endpoint.storageGet", (run, list) -> {
            Args args = Args.of("endpoint.storageGet", list);
            String key = args.string(0, "the endpoint key");
            String name = args.string(1, "name");
            return RefusedCalls.call(args, () -> endpoints.storage().get(key, name).orElse(null));
        });
        api.add("endpoint.storageSet", (run, list) -> {
            Args args = Args.of("endpoint.storageSet", list);
            String key = args.string(0, "the endpoint key");
            String name = args.string(1, "name");
            Object value = args.get(2);
            return RefusedCalls.call(args, () -> {
                endpoints.storage().set(key, name, value);
                return null;
            });
        });
    }

    private static EndpointQuery query(Args args) throws HostCallException {
        Object q = args.get(0);
        if (q != null && !(q instanceof String)) {
            throw args.type("the query must be a string like 'status:connected AND tags.site:north', not "
                    + Args.describe(q));
        }
        try {
            return EndpointQuery.parse((String) q);
        } catch (EndpointQuery.Invalid e) {
            throw args.type(e.getMessage());
        }
    }
}
