package io.lwm2mbridge.engine.objects;

import java.util.List;

/**
 * An upload of object definitions that was refused as a whole; nothing of it was loaded. {@link #tooLarge()}
 * tells a document over the size bound (HTTP 413) from a bad one (400).
 */
public final class UploadException extends Exception {

    private static final long serialVersionUID = 1L;

    private final transient List<FileProblem> problems;
    private final boolean tooLarge;

    UploadException(String message, List<FileProblem> problems, boolean tooLarge) {
        super(message);
        this.problems = List.copyOf(problems);
        this.tooLarge = tooLarge;
    }

    public List<FileProblem> problems() {
        return problems;
    }

    public boolean tooLarge() {
        return tooLarge;
    }
}
