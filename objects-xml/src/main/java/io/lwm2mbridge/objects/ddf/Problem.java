package io.lwm2mbridge.objects.ddf;

/**
 * Something wrong with a DDF document, at a 1-based line and column: for an element, where its start
 * tag ends (as the XML reader reports it); for malformed XML, where the reader gave up.
 */
public record Problem(int line, int column, String message) {

    /** "line 12, column 7: resource 5 of object 3303: unknown Type 'Strin' (...)". */
    @Override
    public String toString() {
        return "line " + line + ", column " + column + ": " + message;
    }
}
