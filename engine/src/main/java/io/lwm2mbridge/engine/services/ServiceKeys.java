package io.lwm2mbridge.engine.services;

import java.util.regex.Pattern;

/** The keys HTTP and MQTT services share one space of: what a key may be, checked once for both kinds. */
public final class ServiceKeys {

    private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.-]{1,100}");

    private ServiceKeys() {}

    /** The key, when it is 1 to 100 letters, digits, '_', '-' or '.'. @throws ServiceException INVALID otherwise */
    public static String checked(Object key) {
        if (!(key instanceof String k) || !KEY.matcher(k).matches()) {
            throw ServiceException.invalid("key must be 1 to 100 letters, digits, '_', '-' or '.', not "
                    + (key == null ? "nothing" : "'" + key + "'"));
        }
        return k;
    }
}
