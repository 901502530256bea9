package io.lwm2mbridge.engine.services;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Addresses scripts must not reach through {@code *}: this machine (loopback, unspecified, its own
 * interface addresses, so also the server's own ports), link-local (cloud metadata at
 * {@code 169.254.169.254}), private networks (RFC 1918, shared CGNAT space, IPv6 unique local) and
 * multicast. IPv6 forms that embed an IPv4 address (mapped, compatible, NAT64, 6to4) count as that
 * address.
 */
public final class LocalAddresses {

    private LocalAddresses() {}

    /** What kind of local address it is ("a loopback address", "a private address", ...), or empty for a public one. */
    public static Optional<String> kind(InetAddress address) {
        InetAddress v4 = embeddedIpv4(address);
        if (v4 != null && v4 != address) {
            return kind(v4);
        }
        if (address.isAnyLocalAddress()) {
            return Optional.of("an unspecified address");
        }
        if (address.isLoopbackAddress()) {
            return Optional.of("a loopback address");
        }
        if (address.isLinkLocalAddress()) {
            return Optional.of("a link-local address");
        }
        if (address.isSiteLocalAddress()) {
            return Optional.of("a private address");
        }
        if (address.isMulticastAddress()) {
            return Optional.of("a multicast address");
        }
        byte[] a = address.getAddress();
        if (address instanceof Inet4Address) {
            int first = a[0] & 0xff;
            int second = a[1] & 0xff;
            if (first == 0) {
                return Optional.of("an unspecified address");
            }
            if (first == 100 && second >= 64 && second < 128) {
                return Optional.of("a private address"); // shared address space, RFC 6598
            }
            if (first == 198 && (second == 18 || second == 19)) {
                return Optional.of("a private address"); // benchmarking, RFC 2544
            }
            if (first >= 240) {
                return Optional.of("a reserved address"); // and 255.255.255.255, broadcast
            }
        } else if ((a[0] & 0xfe) == 0xfc) {
            return Optional.of("a private address"); // unique local, fc00::/7
        }
        if (ownAddress(address)) {
            return Optional.of("one of this server's own addresses");
        }
        return Optional.empty();
    }

    /**
     * The IPv4 address an IPv6 address carries (IPv4-mapped {@code ::ffff:a.b.c.d}, IPv4-compatible
     * {@code ::a.b.c.d}, NAT64 {@code 64:ff9b::/96}, 6to4 {@code 2002::/16}); the address itself when it is
     * IPv4; null otherwise.
     */
    static InetAddress embeddedIpv4(InetAddress address) {
        if (address instanceof Inet4Address) {
            return address;
        }
        if (!(address instanceof Inet6Address)) {
            return null;
        }
        byte[] a = address.getAddress();
        boolean zeros80 = Arrays.equals(Arrays.copyOfRange(a, 0, 10), new byte[10]);
        boolean mapped = zeros80 && (a[10] & 0xff) == 0xff && (a[11] & 0xff) == 0xff;
        boolean compatible = zeros80 && a[10] == 0 && a[11] == 0
                && !(a[12] == 0 && a[13] == 0 && a[14] == 0 && (a[15] == 0 || a[15] == 1)); // not :: or ::1
        boolean nat64 = (a[0] & 0xff) == 0x00 && (a[1] & 0xff) == 0x64 && (a[2] & 0xff) == 0xff && (a[3] & 0xff) == 0x9b
                && Arrays.equals(Arrays.copyOfRange(a, 4, 12), new byte[8]);
        try {
            if (mapped || compatible || nat64) {
                return InetAddress.getByAddress(Arrays.copyOfRange(a, 12, 16));
            }
            if ((a[0] & 0xff) == 0x20 && (a[1] & 0xff) == 0x02) {
                return InetAddress.getByAddress(Arrays.copyOfRange(a, 2, 6));
            }
        } catch (UnknownHostException e) {
            // four bytes are always an address
        }
        return null;
    }

    private static boolean ownAddress(InetAddress address) {
        try {
            return NetworkInterface.getByInetAddress(address) != null;
        } catch (SocketException e) {
            return false;
        }
    }
}
