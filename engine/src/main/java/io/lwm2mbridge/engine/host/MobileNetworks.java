package io.lwm2mbridge.engine.host;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * A small built-in table of mobile networks by MCC and MNC ({@code mccmnc.csv} beside this class:
 * {@code mcc,mnc,country,operator}), for {@code convert.mccmnc}. It names the large operators of
 * the main markets, not every network there is.
 */
public final class MobileNetworks {

    /** One network: the ISO country code and the operator's usual name. */
    public record Network(String mcc, String mnc, String country, String operator) {
        Map<String, Object> toMap() {
            Map<String, Object> m = new LinkedHashMap<>();
            m.put("mcc", mcc);
            m.put("mnc", mnc);
            m.put("country", country);
            m.put("operator", operator);
            return m;
        }
    }

    private final Map<String, Network> byCode = new HashMap<>();

    private MobileNetworks() {}

    public static MobileNetworks builtIn() {
        MobileNetworks n = new MobileNetworks();
        try (InputStream in = MobileNetworks.class.getResourceAsStream("mccmnc.csv")) {
            if (in == null) {
                throw new IllegalStateException("mccmnc.csv missing from the class path");
            }
            BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            String line;
            while ((line = reader.readLine()) != null) {
                if (line.isBlank() || line.startsWith("#")) {
                    continue;
                }
                String[] f = line.split(",", 4);
                n.byCode.put(f[0].trim() + "/" + f[1].trim(), new Network(f[0].trim(), f[1].trim(), f[2].trim(), f[3].trim()));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return n;
    }

    /** The network; an MNC matches with or without a leading zero ("01" and "001" are the same network here). */
    public Optional<Network> lookup(String mcc, String mnc) {
        Network n = byCode.get(mcc + "/" + mnc);
        if (n == null && mnc.length() == 3 && mnc.startsWith("0")) {
            n = byCode.get(mcc + "/" + mnc.substring(1));
        }
        if (n == null && mnc.length() == 2) {
            n = byCode.get(mcc + "/0" + mnc);
        }
        return Optional.ofNullable(n);
    }

    public int size() {
        return byCode.size();
    }
}
