package io.lwm2mbridge.engine.security;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The X.509 identity the DTLS listeners present, and the CA certificates client certificates are checked
 * against. Read from {@code $BRIDGE_DATA_DIR/certs} at start: {@code server.pem} (chain, leaf first) with
 * {@code server.key} (PEM private key), and every {@code *.pem}/{@code *.crt} in {@code certs/trusted/}.
 * When there is no server certificate, a self-signed EC P-256 one for the public host is made once and kept.
 *
 * @param key the server's private key
 * @param chain the server's certificate chain, leaf first
 * @param trusted CA certificates that vouch for client certificates (may be empty: thumbprints only)
 */
public record ServerIdentity(PrivateKey key, X509Certificate[] chain, List<X509Certificate> trusted) {

    private static final Logger LOG = LoggerFactory.getLogger(ServerIdentity.class);
    static final Duration GENERATED_VALIDITY = Duration.ofDays(3650);

    public X509Certificate certificate() {
        return chain[0];
    }

    /** Signs client certificates for {@code cert} bootstraps with the server's own key. */
    public Certificates.Issued asIssuer() {
        return new Certificates.Issued(key, chain);
    }

    public static ServerIdentity loadOrCreate(Path dataDir, String publicHost, Clock clock) throws IOException {
        Path dir = dataDir.resolve("certs");
        Files.createDirectories(dir.resolve("trusted"));
        Path certFile = dir.resolve("server.pem");
        Path keyFile = dir.resolve("server.key");
        PrivateKey key;
        X509Certificate[] chain;
        if (Files.exists(certFile) && Files.exists(keyFile)) {
            try {
                chain = Certificates.readCertificates(Files.readAllBytes(certFile)).toArray(X509Certificate[]::new);
            } catch (CertificateException e) {
                throw new IOException(certFile + " holds no readable certificate: " + e.getMessage(), e);
            }
            key = Certificates.readPrivateKey(Files.readString(keyFile));
        } else {
            Certificates.Issued issued = Certificates.issue(publicHost, publicHost, Certificates.Use.SERVER, null,
                    clock.instant(), GENERATED_VALIDITY);
            writePrivate(keyFile, Certificates.toPem(issued.key()));
            Files.writeString(certFile, Certificates.toPem(issued.certificate()), StandardCharsets.US_ASCII);
            LOG.info("generated a self-signed server certificate for {} in {}", publicHost, certFile);
            key = issued.key();
            chain = issued.chain();
        }
        return new ServerIdentity(key, chain, readTrusted(dir.resolve("trusted")));
    }

    private static List<X509Certificate> readTrusted(Path dir) throws IOException {
        List<X509Certificate> out = new ArrayList<>();
        try (Stream<Path> files = Files.list(dir)) {
            for (Path f : files.sorted().toList()) {
                String name = f.getFileName().toString().toLowerCase(java.util.Locale.ROOT);
                if (!(name.endsWith(".pem") || name.endsWith(".crt") || name.endsWith(".cer"))) {
                    continue;
                }
                try {
                    out.addAll(Certificates.readCertificates(Files.readAllBytes(f)));
                } catch (CertificateException e) {
                    // one bad file must not stop the server: the others still work
                    LOG.warn("ignoring {}: not a certificate ({})", f, e.getMessage());
                }
            }
        }
        return List.copyOf(out);
    }

    private static void writePrivate(Path file, String text) throws IOException {
        Files.writeString(file, text, StandardCharsets.US_ASCII);
        try {
            Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
        } catch (UnsupportedOperationException e) {
            // not a POSIX file system: the folder's own protection is all there is
        }
    }
}
