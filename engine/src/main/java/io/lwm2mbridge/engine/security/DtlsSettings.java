package io.lwm2mbridge.engine.security;

import io.lwm2mbridge.engine.config.Settings;
import java.util.ArrayList;
import java.util.List;
import org.eclipse.californium.elements.config.Configuration;
import org.eclipse.californium.scandium.config.DtlsConfig;
import org.eclipse.californium.scandium.dtls.cipher.CipherSuite;

/**
 * The operator's DTLS choices, read once when the listeners are built (changes need a restart):
 * cipher suites, session resumption and connection IDs.
 *
 * @param cipherSuites offered in this order of preference
 * @param sessionResumption whether sessions get an id so a device can resume with a short handshake
 * @param connectionId whether RFC 9146 connection IDs are supported (6-byte ids)
 */
public record DtlsSettings(List<CipherSuite> cipherSuites, boolean sessionResumption, boolean connectionId) {

    /** AEAD suites only: what current DTLS stacks offer, for PSK, ECDHE-PSK and certificates. */
    static final List<CipherSuite> MODERN = List.of(
            CipherSuite.TLS_PSK_WITH_AES_128_CCM_8,
            CipherSuite.TLS_PSK_WITH_AES_128_GCM_SHA256,
            CipherSuite.TLS_ECDHE_PSK_WITH_AES_128_CCM_8_SHA256,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CCM_8,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256);
    /** What LwM2M 1.0 mandates beside them (CBC with SHA-256). */
    static final List<CipherSuite> CBC = List.of(
            CipherSuite.TLS_PSK_WITH_AES_128_CBC_SHA256,
            CipherSuite.TLS_ECDHE_PSK_WITH_AES_128_CBC_SHA256,
            CipherSuite.TLS_ECDHE_ECDSA_WITH_AES_128_CBC_SHA256);

    public DtlsSettings {
        cipherSuites = List.copyOf(cipherSuites);
    }

    public static DtlsSettings from(Settings settings) {
        List<CipherSuite> suites = new ArrayList<>(MODERN);
        if ("compatible".equals(settings.string(Settings.DTLS_CIPHER_SUITES))) {
            suites.addAll(CBC);
        }
        return new DtlsSettings(suites, settings.bool(Settings.DTLS_SESSION_RESUMPTION),
                settings.bool(Settings.DTLS_CONNECTION_ID));
    }

    /** Writes these choices into a Californium configuration of a DTLS listener. */
    public void applyTo(Configuration c) {
        c.set(DtlsConfig.DTLS_RECOMMENDED_CIPHER_SUITES_ONLY, CBC.stream().noneMatch(cipherSuites::contains));
        c.set(DtlsConfig.DTLS_CIPHER_SUITES, cipherSuites);
        c.set(DtlsConfig.DTLS_SERVER_USE_SESSION_ID, sessionResumption);
        c.set(DtlsConfig.DTLS_CONNECTION_ID_LENGTH, connectionId ? 6 : null);
    }
}
