package io.lwm2mbridge.engine.objects;

import io.lwm2mbridge.objects.ddf.Problem;

/** A problem of an uploaded document at a line and column, with the file it is in when it has a name. */
public record FileProblem(String file, int line, int column, String message) {

    static FileProblem of(DdfFile file, Problem problem) {
        return new FileProblem(file.name(), problem.line(), problem.column(), problem.message());
    }

    @Override
    public String toString() {
        return (file != null ? file + ": " : "") + "line " + line + ", column " + column + ": " + message;
    }
}
