package io.lwm2mbridge.engine.services;

import java.util.Locale;

/**
 * The {@code http_allowed_hosts} policy: a comma-separated list of host names or addresses, where
 * {@code *.example.com} allows that domain and its subdomains and {@code *} allows any host.
 */
public final class AllowedHosts {

    private AllowedHosts() {}

    public static boolean allows(String policy, String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        String h = strip(host.toLowerCase(Locale.ROOT));
        for (String raw : policy.split(",")) {
            String p = strip(raw.trim().toLowerCase(Locale.ROOT));
            if (p.isEmpty()) {
                continue;
            }
            if (p.equals("*") || p.equals(h)) {
                return true;
            }
            if (p.startsWith("*.")) {
                String domain = p.substring(2);
                if (h.equals(domain) || h.endsWith("." + domain)) {
                    return true;
                }
            }
        }
        return false;
    }

    /** IPv6 literals come as [::1] in URLs; the policy may write them either way. */
    private static String strip(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }
}
