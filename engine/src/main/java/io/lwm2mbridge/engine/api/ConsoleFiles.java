package io.lwm2mbridge.engine.api;

import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.ConcurrentHashMap;
import java.util.regex.Pattern;

/**
 * The console's static files, read from the class path once and kept with an ETag. Only names made of
 * plain segments with a known extension are looked up, so a request can name nothing but the console's
 * own files: no {@code ..}, no class files, no other resources of the jar.
 */
final class ConsoleFiles {

    /** A file to send: its bytes, their type and a tag that changes when they do. */
    record File(byte[] content, String contentType, String etag) {
    }

    private static final Pattern SAFE_PATH = Pattern.compile("([A-Za-z0-9_-][A-Za-z0-9_.-]*/)*[A-Za-z0-9_-][A-Za-z0-9_.-]*");

    private static final Map<String, String> TYPES = Map.of(
            "html", "text/html; charset=utf-8",
            "js", "text/javascript; charset=utf-8",
            "css", "text/css; charset=utf-8",
            "svg", "image/svg+xml",
            "png", "image/png",
            "ico", "image/x-icon");

    private final ClassLoader loader;
    private final Map<String, String> roots;
    private final Map<String, Optional<File>> cache = new ConcurrentHashMap<>();

    /** @param roots class-path folders (ending in '/') by the name callers use for them */
    ConsoleFiles(ClassLoader loader, Map<String, String> roots) {
        this.loader = loader;
        this.roots = Map.copyOf(roots);
    }

    Optional<File> find(String root, String path) {
        String folder = roots.get(root);
        if (folder == null || path == null || path.length() > 200 || !SAFE_PATH.matcher(path).matches()
                || path.contains("..")) {
            return Optional.empty();
        }
        String type = TYPES.get(path.substring(path.lastIndexOf('.') + 1));
        if (type == null) {
            return Optional.empty();
        }
        // the set of names is the jar's, so this cache is bounded by it (misses included, since the
        // pattern above keeps their names short and the class path answers them the same every time)
        if (cache.size() > 2_000) {
            cache.clear();
        }
        return cache.computeIfAbsent(folder + path, name -> load(name, type));
    }

    private Optional<File> load(String name, String type) {
        try (InputStream in = loader.getResourceAsStream(name)) {
            if (in == null) {
                return Optional.empty();
            }
            byte[] content = in.readAllBytes();
            return Optional.of(new File(content, type, "\"" + digest(content) + "\""));
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static String digest(byte[] content) {
        try {
            byte[] hash = MessageDigest.getInstance("SHA-256").digest(content);
            return HexFormat.of().formatHex(hash, 0, 12);
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The version of an npm WebJar on the class path, from the Maven metadata the jar carries. */
    static String webJarVersion(String artifact) {
        String name = "META-INF/maven/org.webjars.npm/" + artifact + "/pom.properties";
        try (InputStream in = ConsoleFiles.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("the WebJar " + artifact + " is missing from the class path");
            }
            Properties properties = new Properties();
            properties.load(new InputStreamReader(in, StandardCharsets.UTF_8));
            return properties.getProperty("version");
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
