package io.lwm2mbridge.engine.hygiene;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The short list of APIs main code must not use (STYLE.md): printing to stdout (logs go through
 * SLF4J; the one CLI path writes to a PrintStream it is given) and wall-clock reads outside an
 * injected Clock.
 */
class ForbiddenApiTest {

    private static final List<Pattern> FORBIDDEN = List.of(
            Pattern.compile("System\\.out\\b"),
            Pattern.compile("System\\.err\\b"),
            Pattern.compile("System\\.currentTimeMillis\\(\\)"),
            Pattern.compile("\\.printStackTrace\\(\\)"));

    @Test
    void main_code_uses_no_forbidden_api() throws IOException {
        Path root = Path.of("..").toAbsolutePath().normalize();
        List<String> found = new ArrayList<>();
        try (Stream<Path> modules = Files.list(root)) {
            for (Path module : modules.filter(p -> Files.isDirectory(p.resolve("src/main/java"))).toList()) {
                try (Stream<Path> files = Files.walk(module.resolve("src/main/java"))) {
                    for (Path file : files.filter(f -> f.toString().endsWith(".java")).toList()) {
                        List<String> lines = Files.readAllLines(file);
                        for (int i = 0; i < lines.size(); i++) {
                            String line = lines.get(i);
                            if (line.trim().startsWith("//") || line.trim().startsWith("*")) {
                                continue;
                            }
                            for (Pattern p : FORBIDDEN) {
                                if (p.matcher(line).find() && !line.contains("forbidden-api: allowed")) {
                                    found.add(root.relativize(file) + ":" + (i + 1) + ": " + line.trim());
                                }
                            }
                        }
                    }
                }
            }
        }
        assertThat(found).as("forbidden APIs in main code (mark a justified use with // forbidden-api: allowed)").isEmpty();
    }
}
