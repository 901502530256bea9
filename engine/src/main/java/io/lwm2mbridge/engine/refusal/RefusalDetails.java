package io.lwm2mbridge.engine.refusal;

import java.io.Serializable;

/**
 * Where in a request a refusal points, so a client can mark the place: the item of an import ({@code index}),
 * the {@code field}, the record a name clashes with ({@code id}), and for a script that does not compile its
 * {@code line}, {@code column} and the compiler's {@code message}. Each part is null when it does not apply.
 */
public record RefusalDetails(Integer index, String field, String id, Integer line, Integer column, String message)
        implements Serializable {

    /** The refused field alone. */
    public static RefusalDetails field(String field) {
        return new RefusalDetails(null, field, null, null, null, null);
    }

    /** A name taken by the record {@code id}. */
    public static RefusalDetails clash(String field, String id) {
        return new RefusalDetails(null, field, id, null, null, null);
    }

    /** A script in {@code field} that does not compile at {@code line}:{@code column}. */
    public static RefusalDetails script(String field, int line, int column, String message) {
        return new RefusalDetails(null, field, null, line, column, message);
    }

    /** The same place within item {@code index} of an import; {@code details} may be null. */
    public static RefusalDetails atIndex(int index, RefusalDetails details) {
        return details == null ? new RefusalDetails(index, null, null, null, null, null)
                : new RefusalDetails(index, details.field, details.id, details.line, details.column, details.message);
    }
}
