package io.lwm2mbridge.engine.api;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.HexFormat;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The bearer token of the API: given in the configuration, or generated at first start into
 * {@code api-token} in the data folder (mode 0600) and logged that once.
 */
public final class ApiToken {

    private static final Logger LOG = LoggerFactory.getLogger(ApiToken.class);

    private final byte[] token;

    private ApiToken(String token) {
        this.token = token.getBytes(StandardCharsets.UTF_8);
    }

    public static ApiToken resolve(String configured, Path dataDir) throws IOException {
        if (configured != null && !configured.isBlank()) {
            return new ApiToken(configured.trim());
        }
        Path file = dataDir.resolve("api-token");
        if (Files.isRegularFile(file)) {
            return new ApiToken(Files.readString(file, StandardCharsets.UTF_8).trim());
        }
        byte[] random = new byte[24];
        new SecureRandom().nextBytes(random);
        String generated = HexFormat.of().formatHex(random);
        Files.createDirectories(dataDir);
        Path tmp = dataDir.resolve("api-token.tmp");
        Files.writeString(tmp, generated + "\n", StandardCharsets.UTF_8);
        try {
            Files.setPosixFilePermissions(tmp, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the file keeps the default permissions
        }
        Files.move(tmp, file, java.nio.file.StandardCopyOption.ATOMIC_MOVE);
        LOG.info("generated API token (also in {}): {}", file.toAbsolutePath(), generated);
        return new ApiToken(generated);
    }

    /** Constant-time comparison, so response timing tells nothing about the token. */
    public boolean matches(String candidate) {
        if (candidate == null) {
            return false;
        }
        return MessageDigest.isEqual(token, candidate.trim().getBytes(StandardCharsets.UTF_8));
    }
}
