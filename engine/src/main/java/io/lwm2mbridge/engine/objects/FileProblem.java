package io.lwm2mbridge.engine.objects;

import io.lwm2mbridge.objects.ddf.Problem;
import java.util.LinkedHashMap;
import java.util.Map;

/** A problem of an uploaded document at a line and column, with the file it is in when it has a name. */
public record FileProblem(String file, int line, int column, String message) {

    static FileProblem of(DdfFile file, Problem problem) {
        return new FileProblem(file.name(), problem.line(), problem.column(), problem.message());
    }

    /** {@code {file?, line, column, message}}, as the API returns it. */
    public Map<String, Object> toMap() {
        Map<String, Object> m = new LinkedHashMap<>();
        if (file != null) {
            m.put("file", file);
        }
        m.put("line", line);
        m.put("column", column);
        m.put("message", message);
        return m;
    }

    @Override
    public String toString() {
        return (file != null ? file + ": " : "") + "line " + line + ", column " + column + ": " + message;
    }
}
