package io.lwm2mbridge.engine.objects;

import java.util.Objects;

/**
 * One uploaded DDF document: its bytes as sent and, for a file of a multipart upload, its file name
 * ({@code null} for a plain XML body), which problems and logs name.
 */
public record DdfFile(String name, byte[] content) {

    public DdfFile {
        Objects.requireNonNull(content, "content");
    }

    /** The name for messages and the store: the file name, or "upload" for a plain body. */
    public String label() {
        return name == null || name.isBlank() ? "upload" : name;
    }
}
