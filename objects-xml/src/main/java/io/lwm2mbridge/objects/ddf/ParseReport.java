package io.lwm2mbridge.objects.ddf;

import io.lwm2mbridge.objects.ObjectDefinition;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What loading a folder of DDF files gave: the definitions of every file without problems, the
 * problems of the others per file, and the files skipped because they define no object (with why).
 */
public record ParseReport(
        List<ObjectDefinition> objects, Map<Path, List<Problem>> problems, Map<Path, String> skipped) {

    public ParseReport {
        objects = List.copyOf(objects);
        problems = Collections.unmodifiableMap(new LinkedHashMap<>(problems));
        skipped = Collections.unmodifiableMap(new LinkedHashMap<>(skipped));
    }

    /** Whether no file had a problem (skipped files are not problems). */
    public boolean isOk() {
        return problems.isEmpty();
    }
}
