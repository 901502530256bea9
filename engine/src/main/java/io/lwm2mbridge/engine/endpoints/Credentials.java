package io.lwm2mbridge.engine.endpoints;

import java.util.Arrays;
import java.util.Locale;

/**
 * One set of DTLS credentials of an endpoint: a PSK identity with its key, and/or the thumbprint of the
 * X.509 certificate it must present. The key is a secret: {@link #toString()} leaves it out, and nothing outside the security code should read it.
 *
 * @param identity the PSK identity, or null
 * @param psk the pre-shared key, or null
 * @param x509Thumbprint lower-case hex SHA-256 (or SHA-1) of the client certificate, or null
 */
public record Credentials(String identity, byte[] psk, String x509Thumbprint) {

    /** Which set: the one the operator provisioned, or the one a bootstrap generated ({@code self: true}). */
    public enum Slot {
        PRIMARY,
        ALTERNATE;

        /** How register events name it in {@code data.credentials}: {@code primary} or {@code alternate}. */
        public String label() {
            return name().toLowerCase(Locale.ROOT);
        }
    }

    public Credentials {
        if (identity != null && identity.isEmpty()) {
            throw new IllegalArgumentException("the PSK identity must not be empty");
        }
        if ((identity == null) != (psk == null)) {
            throw new IllegalArgumentException("a PSK identity and a PSK go together: give both or neither");
        }
        if (psk != null) {
            if (psk.length == 0 || psk.length > 64) {
                throw new IllegalArgumentException("a PSK is 1 to 64 bytes");
            }
            psk = psk.clone();
        }
        if (x509Thumbprint != null) {
            x509Thumbprint = normalizeThumbprint(x509Thumbprint);
        }
        if (identity == null && x509Thumbprint == null) {
            throw new IllegalArgumentException("credentials need a PSK identity and key, or an X.509 thumbprint");
        }
    }

    public static Credentials psk(String identity, byte[] key) {
        return new Credentials(identity, key, null);
    }

    public static Credentials thumbprint(String hex) {
        return new Credentials(null, null, hex);
    }

    public boolean hasPsk() {
        return identity != null;
    }

    /** A copy of the key; callers must not keep it longer than they need. */
    @Override
    public byte[] psk() {
        return psk == null ? null : psk.clone();
    }

    /** Whether the DER encoding of a certificate has this thumbprint (SHA-256, or SHA-1 when 40 hex digits). */
    public boolean matchesCertificate(byte[] der) {
        return x509Thumbprint != null && x509Thumbprint.equals(Thumbprints.of(der, x509Thumbprint.length() == 40));
    }

    /** Accepts "AB:CD:..." or "abcd..." of SHA-1 (40 digits) or SHA-256 (64 digits). */
    public static String normalizeThumbprint(String text) {
        String hex = text.replace(":", "").replace(" ", "").toLowerCase(Locale.ROOT);
        if (!hex.matches("[0-9a-f]{40}|[0-9a-f]{64}")) {
            throw new IllegalArgumentException(
                    "an X.509 thumbprint is the hex SHA-256 (64 digits) or SHA-1 (40 digits) of the certificate");
        }
        return hex;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Credentials c && java.util.Objects.equals(identity, c.identity)
                && Arrays.equals(psk, c.psk) && java.util.Objects.equals(x509Thumbprint, c.x509Thumbprint);
    }

    @Override
    public int hashCode() {
        return java.util.Objects.hash(identity, x509Thumbprint);
    }

    @Override
    public String toString() {
        return "Credentials[identity=" + identity + ", psk=" + (psk == null ? "none" : "(hidden)")
                + ", x509Thumbprint=" + x509Thumbprint + "]";
    }
}
