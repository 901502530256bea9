package io.lwm2mbridge.engine.mqtt;

import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.KeyStore;
import java.security.PrivateKey;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.spec.InvalidKeySpecException;
import java.security.spec.PKCS8EncodedKeySpec;
import java.util.Base64;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocketFactory;
import javax.net.ssl.TrustManagerFactory;

/**
 * TLS for {@code mqtts://} services from the PEM texts a service stores: the CAs it trusts (else the JDK's trust
 * store) and an optional client certificate with its PKCS#8 key (RSA or EC). The broker's name is checked against
 * its certificate by the MQTT client, as for HTTPS.
 */
final class TlsContexts {

    private static final char[] NO_PASSWORD = new char[0];

    private TlsContexts() {}

    /** Checks the PEM texts parse (and the key fits the certificate) without building anything. */
    static void check(String ca, String certificate, String key) {
        if (ca != null) {
            certificates(ca, "caCertificate");
        }
        if (certificate != null) {
            List<Certificate> chain = certificates(certificate, "clientCertificate");
            PrivateKey k = privateKey(key);
            if (!chain.get(0).getPublicKey().getAlgorithm().equals(k.getAlgorithm())) {
                throw new IllegalArgumentException("clientKey is a " + k.getAlgorithm() + " key but clientCertificate holds a "
                        + chain.get(0).getPublicKey().getAlgorithm() + " key");
            }
        }
    }

    static SSLSocketFactory socketFactory(MqttService service) throws GeneralSecurityException {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        if (service.caCertificate() == null) {
            trust.init((KeyStore) null);
        } else {
            KeyStore trusted = emptyStore();
            int i = 0;
            for (Certificate c : certificates(service.caCertificate(), "caCertificate")) {
                trusted.setCertificateEntry("ca-" + i++, c);
            }
            trust.init(trusted);
        }
        KeyManagerFactory keys = null;
        if (service.clientCertificate() != null) {
            KeyStore own = emptyStore();
            own.setKeyEntry("client", privateKey(service.clientKey()), NO_PASSWORD,
                    certificates(service.clientCertificate(), "clientCertificate").toArray(new Certificate[0]));
            keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
            keys.init(own, NO_PASSWORD);
        }
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys == null ? null : keys.getKeyManagers(), trust.getTrustManagers(), null);
        return context.getSocketFactory();
    }

    private static KeyStore emptyStore() throws GeneralSecurityException {
        try {
            KeyStore store = KeyStore.getInstance("PKCS12");
            store.load(null, null);
            return store;
        } catch (java.io.IOException e) {
            throw new GeneralSecurityException(e);
        }
    }

    private static List<Certificate> certificates(String pem, String field) {
        try {
            Collection<? extends Certificate> all = CertificateFactory.getInstance("X.509")
                    .generateCertificates(new ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
            if (all.isEmpty()) {
                throw new IllegalArgumentException(field + " holds no certificate");
            }
            return List.copyOf(all);
        } catch (CertificateException e) {
            throw new IllegalArgumentException(field + " is not PEM X.509 certificates: " + e.getMessage());
        }
    }

    private static PrivateKey privateKey(String pem) {
        String begin = "-----BEGIN PRIVATE KEY-----";
        String end = "-----END PRIVATE KEY-----";
        int from = pem.indexOf(begin);
        int to = pem.indexOf(end);
        if (from < 0 || to < from) {
            throw new IllegalArgumentException("clientKey must be a PEM PKCS#8 private key (" + begin + ");"
                    + " convert others with: openssl pkcs8 -topk8 -nocrypt");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(pem.substring(from + begin.length(), to));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("clientKey is not valid base64 between its PEM lines");
        }
        for (String algorithm : List.of("RSA", "EC", "Ed25519")) {
            try {
                return KeyFactory.getInstance(algorithm).generatePrivate(new PKCS8EncodedKeySpec(der));
            } catch (InvalidKeySpecException | java.security.NoSuchAlgorithmException notThis) {
                // try the next algorithm
            }
        }
        throw new IllegalArgumentException("clientKey is not an RSA, EC or Ed25519 PKCS#8 key");
    }
}
