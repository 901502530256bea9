package io.lwm2mbridge.engine.security;

import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.io.StringWriter;
import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.PrivateKey;
import java.security.SecureRandom;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.security.spec.ECGenParameterSpec;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.openssl.PEMKeyPair;
import org.bouncycastle.openssl.PEMParser;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.openssl.jcajce.JcaPEMWriter;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * Makes and reads the X.509 material DTLS needs: EC P-256 keys, certificates signed by an issuer (or
 * self-signed), PEM text in and out. Used for the server's own certificate, for client certificates a
 * bootstrap hands out, and by tests for their CA and devices.
 */
public final class Certificates {

    private static final SecureRandom RANDOM = new SecureRandom();

    private Certificates() {}

    /** What a certificate is for: it decides the key usages written into it. */
    public enum Use {
        CA,
        SERVER,
        CLIENT
    }

    /** A key with its certificate chain, leaf first. */
    public record Issued(PrivateKey key, X509Certificate[] chain) {

        public X509Certificate certificate() {
            return chain[0];
        }
    }

    public static KeyPair newEcKey() {
        try {
            KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
            g.initialize(new ECGenParameterSpec("secp256r1"), RANDOM);
            return g.generateKeyPair();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("EC P-256 keys are not available", e);
        }
    }

    /**
     * A certificate for {@code commonName}, signed by {@code issuer} (self-signed when null).
     *
     * @param altName a DNS name or IP address for servers, written as subject alternative name; or null
     */
    public static Issued issue(String commonName, String altName, Use use, Issued issuer, Instant now, Duration validity) {
        KeyPair keys = newEcKey();
        X500Name subject = new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.CN, commonName).build();
        X500Name issuerName = issuer == null ? subject
                : X500Name.getInstance(issuer.certificate().getSubjectX500Principal().getEncoded());
        PrivateKey signer = issuer == null ? keys.getPrivate() : issuer.key();
        try {
            X509v3CertificateBuilder b = new JcaX509v3CertificateBuilder(issuerName,
                    new BigInteger(64, RANDOM).add(BigInteger.ONE), Date.from(now.minus(Duration.ofHours(1))),
                    Date.from(now.plus(validity)), subject, keys.getPublic());
            switch (use) {
                case CA -> {
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(true));
                    b.addExtension(Extension.keyUsage, true,
                            new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign | KeyUsage.digitalSignature));
                }
                case SERVER -> {
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature | KeyUsage.keyCertSign));
                    b.addExtension(Extension.extendedKeyUsage, false, new ExtendedKeyUsage(
                            new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
                }
                case CLIENT -> {
                    b.addExtension(Extension.basicConstraints, true, new BasicConstraints(false));
                    b.addExtension(Extension.keyUsage, true, new KeyUsage(KeyUsage.digitalSignature));
                    b.addExtension(Extension.extendedKeyUsage, false,
                            new ExtendedKeyUsage(KeyPurposeId.id_kp_clientAuth));
                }
            }
            if (altName != null) {
                GeneralName name = isIpLiteral(altName) ? new GeneralName(GeneralName.iPAddress, altName)
                        : new GeneralName(GeneralName.dNSName, altName);
                b.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(name));
            }
            X509Certificate cert = new JcaX509CertificateConverter()
                    .getCertificate(b.build(new JcaContentSignerBuilder("SHA256withECDSA").build(signer)));
            List<X509Certificate> chain = new ArrayList<>();
            chain.add(cert);
            if (issuer != null) {
                chain.addAll(List.of(issuer.chain()));
            }
            return new Issued(keys.getPrivate(), chain.toArray(X509Certificate[]::new));
        } catch (IOException | OperatorCreationException | CertificateException e) {
            throw new IllegalStateException("could not make a certificate for " + commonName, e);
        }
    }

    private static boolean isIpLiteral(String host) {
        return host.matches("[0-9.]+") || host.contains(":");
    }

    /** Every certificate in PEM text (or in DER/PKCS#7 form), in order. */
    public static List<X509Certificate> readCertificates(byte[] pemOrDer) throws CertificateException {
        CertificateFactory f = CertificateFactory.getInstance("X.509");
        List<X509Certificate> out = new ArrayList<>();
        f.generateCertificates(new java.io.ByteArrayInputStream(pemOrDer)).forEach(c -> out.add((X509Certificate) c));
        if (out.isEmpty()) {
            throw new CertificateException("no certificate found");
        }
        return out;
    }

    /** A private key in PEM: PKCS#8 ({@code PRIVATE KEY}) or the OpenSSL EC/RSA forms. */
    public static PrivateKey readPrivateKey(String pem) throws IOException {
        try (Reader r = new StringReader(pem); PEMParser parser = new PEMParser(r)) {
            Object o = parser.readObject();
            JcaPEMKeyConverter converter = new JcaPEMKeyConverter();
            if (o instanceof PEMKeyPair pair) {
                return converter.getPrivateKey(pair.getPrivateKeyInfo());
            }
            if (o instanceof PrivateKeyInfo info) {
                return converter.getPrivateKey(info);
            }
            throw new IOException("no unencrypted private key found in the PEM text");
        }
    }

    /** PEM text of a certificate, or of a private key as PKCS#8 ({@code PRIVATE KEY}), which every tool reads. */
    public static String toPem(Object certificateOrKey) {
        if (certificateOrKey instanceof PrivateKey key) {
            return "-----BEGIN PRIVATE KEY-----\n"
                    + java.util.Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(key.getEncoded())
                    + "\n-----END PRIVATE KEY-----\n";
        }
        StringWriter out = new StringWriter();
        try (JcaPEMWriter w = new JcaPEMWriter(out)) {
            w.writeObject(certificateOrKey);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
        return out.toString();
    }
}
