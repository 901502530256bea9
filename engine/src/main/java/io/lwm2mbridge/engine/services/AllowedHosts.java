package io.lwm2mbridge.engine.services;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * The {@code http_allowed_hosts} policy: comma-separated entries, each a host name or address
 * ({@code api.partner.net}, {@code 10.1.2.3}, {@code [::1]}), a domain with its subdomains
 * ({@code *.example.com}), an address range ({@code 10.0.0.0/8}, {@code fd00::/8}) or {@code *} for any
 * host.
 *
 * <p>A host the policy {@linkplain #allowsHost allows} is reached only at public addresses. Loopback,
 * link-local, private and the server's own addresses ({@link LocalAddresses}) need an entry that
 * {@linkplain #namesLocal names them}: the host's exact name or address, or a range holding the
 * address; {@code *} and {@code *.domain} never do, so {@code *} cannot reach {@code 127.0.0.1},
 * {@code 169.254.169.254} or a DNS name that points there.
 */
public final class AllowedHosts {

    private final List<String> names = new ArrayList<>();
    private final List<String> domains = new ArrayList<>();
    private final List<Range> ranges = new ArrayList<>();
    private boolean any;

    private AllowedHosts() {}

    /** Reads a policy; entries that are neither names, domains, addresses nor ranges match nothing. */
    public static AllowedHosts parse(String policy) {
        AllowedHosts p = new AllowedHosts();
        for (String raw : (policy == null ? "" : policy).split(",")) {
            String entry = strip(raw.trim().toLowerCase(Locale.ROOT));
            if (entry.isEmpty()) {
                continue;
            }
            if (entry.equals("*")) {
                p.any = true;
            } else if (entry.startsWith("*.")) {
                p.domains.add(entry.substring(2));
            } else if (entry.indexOf('/') > 0) {
                Range r = Range.parse(entry);
                if (r != null) {
                    p.ranges.add(r);
                }
            } else {
                p.names.add(canonical(entry));
            }
        }
        return p;
    }

    /** Whether the policy lets scripts call a host at all (by its name as the URL spells it). */
    public static boolean allows(String policy, String host) {
        return parse(policy).allowsHost(host);
    }

    /** Whether some entry matches the host: {@code *}, its domain, its exact name or address, or a range holding that address. */
    public boolean allowsHost(String host) {
        if (host == null || host.isEmpty()) {
            return false;
        }
        String h = strip(host.toLowerCase(Locale.ROOT));
        if (any || names.contains(canonical(h))) {
            return true;
        }
        for (String domain : domains) {
            if (h.equals(domain) || h.endsWith("." + domain)) {
                return true;
            }
        }
        InetAddress literal = literal(h);
        return literal != null && ranges.stream().anyMatch(r -> r.contains(literal));
    }

    /**
     * Whether an entry names a local address this host resolved to: the host's own exact name (the
     * operator named that host, wherever it points), the address itself, or a range holding it.
     */
    public boolean namesLocal(String host, InetAddress address) {
        String h = strip(host.toLowerCase(Locale.ROOT));
        if (names.contains(canonical(h)) || names.contains(canonical(address.getHostAddress()))) {
            return true;
        }
        return ranges.stream().anyMatch(r -> r.contains(address));
    }

    /** IPv6 literals come as [::1] in URLs; the policy may write them either way. */
    private static String strip(String host) {
        return host.startsWith("[") && host.endsWith("]") ? host.substring(1, host.length() - 1) : host;
    }

    /** One spelling per address ({@code ::1} and {@code 0:0:0:0:0:0:0:1} alike); names stay as they are. */
    private static String canonical(String hostOrAddress) {
        InetAddress a = literal(hostOrAddress);
        return a == null ? hostOrAddress : a.getHostAddress();
    }

    /** The address an IP literal spells, without any DNS lookup; null for a host name. */
    static InetAddress literal(String text) {
        boolean v4 = text.matches("\\d{1,3}(\\.\\d{1,3}){3}");
        boolean v6 = text.indexOf(':') >= 0 && text.matches("[0-9a-fA-F:.%]+");
        if (!v4 && !v6) {
            return null;
        }
        try {
            // a literal of these characters is parsed, never looked up
            return InetAddress.getByName(text);
        } catch (UnknownHostException e) {
            return null;
        }
    }

    /** An address range in CIDR notation. */
    private record Range(byte[] network, int prefix) {

        static Range parse(String entry) {
            int slash = entry.indexOf('/');
            InetAddress base = literal(entry.substring(0, slash));
            if (base == null) {
                return null;
            }
            int bits;
            try {
                bits = Integer.parseInt(entry.substring(slash + 1));
            } catch (NumberFormatException e) {
                return null;
            }
            byte[] network = base.getAddress();
            return bits < 0 || bits > network.length * 8 ? null : new Range(network, bits);
        }

        boolean contains(InetAddress address) {
            byte[] a = address.getAddress();
            if (a.length != network.length) {
                // an IPv4 range also holds the IPv4-mapped IPv6 form of its addresses
                InetAddress v4 = LocalAddresses.embeddedIpv4(address);
                if (v4 == null || network.length != 4) {
                    return false;
                }
                a = ((Inet4Address) v4).getAddress();
            }
            int full = prefix / 8;
            for (int i = 0; i < full; i++) {
                if (a[i] != network[i]) {
                    return false;
                }
            }
            int rest = prefix % 8;
            if (rest == 0) {
                return true;
            }
            int mask = 0xff << (8 - rest) & 0xff;
            return (a[full] & mask) == (network[full] & mask);
        }
    }
}
