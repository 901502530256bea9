package io.lwm2mbridge.engine.objects;

import io.lwm2mbridge.objects.ObjectDefinition;
import io.lwm2mbridge.objects.ddf.ParseReport;
import io.lwm2mbridge.objects.ddf.Problem;
import io.lwm2mbridge.objects.ddf.RegistryDirectory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The definitions of {@code BRIDGE_OBJECTS_DIR}: every {@code *.xml} below it, read at each start. A
 * file with problems is logged and left out; the others load. Never fatal: a server with a bad folder
 * still starts, with the objects it could read.
 */
final class ObjectsFolder {

    private static final Logger LOG = LoggerFactory.getLogger(ObjectsFolder.class);
    /** Enough of one file's problems to fix the first ones without flooding the log. */
    private static final int PROBLEMS_LOGGED_PER_FILE = 5;

    private ObjectsFolder() {}

    static List<ObjectDefinition> load(Path dir, RegistryDirectory reader) {
        if (dir == null) {
            return List.of();
        }
        if (!Files.isDirectory(dir)) {
            LOG.warn("objects folder {} (BRIDGE_OBJECTS_DIR) is not a folder; no definitions loaded from it",
                    dir.toAbsolutePath());
            return List.of();
        }
        ParseReport report = reader.loadDirectory(dir);
        for (Map.Entry<Path, List<Problem>> e : report.problems().entrySet()) {
            List<Problem> problems = e.getValue();
            LOG.warn("objects folder: {} not loaded, {} problem(s): {}{}", e.getKey(), problems.size(),
                    problems.subList(0, Math.min(problems.size(), PROBLEMS_LOGGED_PER_FILE)),
                    problems.size() > PROBLEMS_LOGGED_PER_FILE ? " ..." : "");
        }
        report.skipped().forEach((file, why) -> LOG.info("objects folder: {} skipped: {}", file, why));
        LOG.info("objects folder {}: {} object definition(s) loaded, {} file(s) with problems",
                dir.toAbsolutePath(), report.objects().size(), report.problems().size());
        return report.objects();
    }
}
