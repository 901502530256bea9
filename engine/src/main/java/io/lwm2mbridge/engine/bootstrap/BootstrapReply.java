package io.lwm2mbridge.engine.bootstrap;

import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * A bootstrap configuration in the reply schema of the trigger contract (what {@code trigger.reply}
 * gives and {@code PUT /api/v1/bootstrap/{endpoint}} stores), checked field by field. {@link #parse}
 * names the field that is wrong.
 *
 * @param objects extra object values by object, instance and resource id; a null instance is deleted
 */
public record BootstrapReply(boolean clearSecurityObjects, boolean clearServerObjects, boolean clearAclObjects,
        List<Server> servers, List<Acl> acls, Map<Integer, Map<Integer, Map<Integer, Object>>> objects) {

    /** The fields a script or the API may not read back. */

    /**
     * One LwM2M server (or bootstrap server) account: a Security instance and, for LwM2M servers, a
     * Server instance.
     *
     * @param self this server, with its own URI and fresh credentials for the endpoint
     * @param secMode "nosec", "psk" or "cert"
     * @param identity PSK identity bytes; for {@code cert}, the client certificate (DER)
     * @param secret the PSK; for {@code cert}, the client's private key (PKCS#8 DER)
     * @param serverCertificate for {@code cert}, the server's certificate (DER)
     */
    public record Server(int shortServerId, boolean self, boolean bootstrap, String serverUri, String secMode,
            byte[] identity, byte[] secret, byte[] serverCertificate, Integer lifetime, Integer defaultMinPeriod,
            Integer defaultMaxPeriod, Integer disableTimeout, String binding, Boolean notificationStoring,
            Integer clientHoldOffTime, Integer bootstrapServerAccountTimeout) {}

    /** An Access Control instance: {@code rules} maps a short server id (0 for any) to its rights bits. */
    public record Acl(int objectId, int instanceId, Map<Integer, Long> rules, Integer owner) {}

    public static final String NOT_AN_OBJECT = "a bootstrap configuration is an object with servers, acls and objects";

    /** @throws IllegalArgumentException naming the field that does not fit */
    public static BootstrapReply parse(Object value) {
        if (!(value instanceof Map<?, ?> m)) {
            throw new IllegalArgumentException(NOT_AN_OBJECT);
        }
        Fields f = new Fields(m, "");
        List<Server> servers = new ArrayList<>();
        List<?> serverList = f.list("servers");
        for (int i = 0; i < serverList.size(); i++) {
            servers.add(server(Fields.of(serverList.get(i), "servers[" + i + "]")));
        }
        List<Acl> acls = new ArrayList<>();
        List<?> aclList = f.list("acls");
        for (int i = 0; i < aclList.size(); i++) {
            acls.add(acl(Fields.of(aclList.get(i), "acls[" + i + "]")));
        }
        Map<Integer, Map<Integer, Map<Integer, Object>>> objects = objects(m.get("objects"));
        long selves = servers.stream().filter(Server::self).count();
        if (selves > 1) {
            throw new IllegalArgumentException("servers: at most one server may be 'self'");
        }
        Set<Integer> ids = new java.util.HashSet<>();
        for (Server s : servers) {
            if (!s.bootstrap() && !ids.add(s.shortServerId())) {
                throw new IllegalArgumentException("servers: shortServerId " + s.shortServerId() + " is used twice");
            }
        }
        return new BootstrapReply(f.bool("clearSecurityObjects", false), f.bool("clearServerObjects", false),
                f.bool("clearAclObjects", false), List.copyOf(servers), List.copyOf(acls), objects);
    }

    private static Server server(Fields f) {
        boolean self = f.bool("self", false);
        boolean bootstrap = f.bool("bootstrap", false);
        if (self && bootstrap) {
            throw new IllegalArgumentException(f.where("self") + ": this server is not a bootstrap server;"
                    + " 'self' and 'bootstrap' cannot both be true");
        }
        String secMode = f.string("secMode", "nosec").toLowerCase(Locale.ROOT);
        if (!List.of("nosec", "psk", "cert").contains(secMode)) {
            throw new IllegalArgumentException(f.where("secMode") + " must be nosec, psk or cert");
        }
        String uri = f.string("serverUri", null);
        byte[] identity = null;
        byte[] secret = null;
        byte[] serverCert = null;
        if (self) {
            if (uri != null) {
                throw new IllegalArgumentException(f.where("serverUri") + ": a 'self' server uses this server's URI");
            }
        } else {
            if (uri == null) {
                throw new IllegalArgumentException(f.where("serverUri") + " is required unless self is true");
            }
            String scheme = uri.contains("://") ? uri.substring(0, uri.indexOf("://")).toLowerCase(Locale.ROOT) : "";
            if (!Set.of("coap", "coaps", "coap+tcp", "coaps+tcp").contains(scheme)) {
                throw new IllegalArgumentException(f.where("serverUri") + " must be a coap:// or coaps:// URI");
            }
            if ("psk".equals(secMode)) {
                String idString = f.string("identityString", null);
                identity = idString != null ? idString.getBytes(java.nio.charset.StandardCharsets.UTF_8)
                        : f.hex("identityHex", true);
                if (identity == null) {
                    throw new IllegalArgumentException(f.where("identityString") + " (or identityHex) is required for psk");
                }
                secret = f.hex("pskHex", false);
            } else if ("cert".equals(secMode)) {
                identity = f.hex("certificateHex", false);
                secret = f.hex("privateKeyHex", false);
                serverCert = f.hex("serverCertificateHex", false);
            }
        }
        Integer ssid = f.integer("shortServerId", bootstrap ? 0 : null, 0, 65534);
        if (ssid == null) {
            throw new IllegalArgumentException(f.where("shortServerId") + " is required (1 to 65534)");
        }
        if (!bootstrap && ssid < 1) {
            throw new IllegalArgumentException(f.where("shortServerId") + " must be between 1 and 65534");
        }
        String binding = f.string("binding", null);
        if (binding != null && !binding.matches("[UTSNQ]+")) {
            throw new IllegalArgumentException(f.where("binding") + " is made of U, T, S, N and Q (\"U\", \"UQ\", ...)");
        }
        return new Server(ssid, self, bootstrap, uri, secMode, identity, secret, serverCert,
                f.integer("lifetime", null, 1, Integer.MAX_VALUE), f.integer("defaultMinPeriod", null, 0, Integer.MAX_VALUE),
                f.integer("defaultMaxPeriod", null, 1, Integer.MAX_VALUE),
                f.integer("disableTimeout", null, 0, Integer.MAX_VALUE), binding, f.boolOrNull("notificationStoring"),
                f.integer("clientHoldOffTime", null, 0, Integer.MAX_VALUE),
                f.integer("bootstrapServerAccountTimeout", null, 0, Integer.MAX_VALUE));
    }

    private static Acl acl(Fields f) {
        Integer objectId = f.integer("objectId", null, 0, 65535);
        Integer instanceId = f.integer("instanceId", null, 0, 65535);
        if (objectId == null || instanceId == null) {
            throw new IllegalArgumentException(f.where(objectId == null ? "objectId" : "instanceId") + " is required");
        }
        Map<Integer, Long> rules = new LinkedHashMap<>();
        Object raw = f.raw("rules");
        if (raw != null) {
            if (!(raw instanceof Map<?, ?> rm)) {
                throw new IllegalArgumentException(f.where("rules") + " maps a short server id to rights like 'rwe'");
            }
            for (Map.Entry<?, ?> e : rm.entrySet()) {
                int server = Fields.intKey(e.getKey(), f.where("rules"), 0, 65535);
                rules.put(server, rights(e.getValue(), f.where("rules") + "." + e.getKey()));
            }
        }
        return new Acl(objectId, instanceId, Map.copyOf(rules), f.integer("owner", null, 0, 65535));
    }

    /** "rwe" style letters (read, write, execute, delete, create) or the bit mask as a number. */
    static long rights(Object v, String where) {
        if (v instanceof Number n && n.longValue() >= 0 && n.longValue() <= 31) {
            return n.longValue();
        }
        if (v instanceof String s && s.toLowerCase(Locale.ROOT).matches("[rwedc]*")) {
            long bits = 0;
            for (char c : s.toLowerCase(Locale.ROOT).toCharArray()) {
                bits |= switch (c) {
                    case 'r' -> 1;
                    case 'w' -> 2;
                    case 'e' -> 4;
                    case 'd' -> 8;
                    default -> 16;
                };
            }
            return bits;
        }
        throw new IllegalArgumentException(where + " must be letters of r, w, e, d, c (or a number 0-31)");
    }

    private static Map<Integer, Map<Integer, Map<Integer, Object>>> objects(Object raw) {
        Map<Integer, Map<Integer, Map<Integer, Object>>> out = new LinkedHashMap<>();
        if (raw == null) {
            return out;
        }
        if (!(raw instanceof Map<?, ?> objects)) {
            throw new IllegalArgumentException("objects must be {objectId: {instanceId: {resourceId: value}}}");
        }
        for (Map.Entry<?, ?> o : objects.entrySet()) {
            int objectId = Fields.intKey(o.getKey(), "objects", 0, 65535);
            if (objectId <= 2) {
                throw new IllegalArgumentException("objects." + objectId
                        + ": Security, Server and Access Control instances come from servers and acls");
            }
            if (!(o.getValue() instanceof Map<?, ?> instances)) {
                throw new IllegalArgumentException("objects." + objectId + " must be {instanceId: {resourceId: value}}");
            }
            Map<Integer, Map<Integer, Object>> inst = new LinkedHashMap<>();
            for (Map.Entry<?, ?> i : instances.entrySet()) {
                String where = "objects." + objectId;
                int instanceId = Fields.intKey(i.getKey(), where, 0, 65534);
                if (i.getValue() == null) {
                    inst.put(instanceId, null);
                    continue;
                }
                if (!(i.getValue() instanceof Map<?, ?> resources)) {
                    throw new IllegalArgumentException(where + "." + instanceId
                            + " must be {resourceId: value}, or null to delete the instance");
                }
                Map<Integer, Object> res = new LinkedHashMap<>();
                for (Map.Entry<?, ?> r : resources.entrySet()) {
                    res.put(Fields.intKey(r.getKey(), where + "." + instanceId, 0, 65535), r.getValue());
                }
                inst.put(instanceId, res);
            }
            out.put(objectId, inst);
        }
        return out;
    }

    static byte[] hex(String text, String where) {
        try {
            return HexFormat.of().parseHex(text.replace(" ", "").replace(":", ""));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException(where + " must be hex digits");
        }
    }
}
