package io.lwm2mbridge.scripting;

/**
 * Where and why a script failed to compile or to run.
 *
 * @param message the JavaScript error message ("ReferenceError: foo is not defined")
 * @param line 1-based line in the script, or 0 when it is not known
 * @param column 1-based column, or 0 when it is not known
 */
public record ScriptProblem(String message, int line, int column) {

    @Override
    public String toString() {
        return line > 0 ? "line " + line + ": " + message : message;
    }
}
