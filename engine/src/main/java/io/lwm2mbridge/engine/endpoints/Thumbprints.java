package io.lwm2mbridge.engine.endpoints;

import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/** Certificate thumbprints as operators write them: lower-case hex of the digest of the DER encoding. */
public final class Thumbprints {

    private Thumbprints() {}

    /** SHA-256 of the encoding, or SHA-1 when {@code sha1} (what some consoles still show). */
    public static String of(byte[] der, boolean sha1) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance(sha1 ? "SHA-1" : "SHA-256").digest(der));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK lacks " + (sha1 ? "SHA-1" : "SHA-256"), e);
        }
    }
}
