package io.lwm2mbridge.inventory;

/**
 * Validation of inventory names: 1 to 128 characters of {@code [A-Za-z0-9._-]}, not starting with '.'
 * and without "..", so a name is always a single, harmless path segment on disk and in a URI.
 */
public final class FirmwareName {

    /** The longest name accepted. */
    public static final int MAX_LENGTH = 128;

    private FirmwareName() {
    }

    /** Whether {@code name} is a valid inventory name. */
    public static boolean isValid(String name) {
        return problem(name) == null;
    }

    /**
     * Returns {@code name} if it is valid.
     *
     * @throws InvalidNameException saying why it is not
     */
    public static String requireValid(String name) {
        String problem = problem(name);
        if (problem != null) {
            throw new InvalidNameException(problem);
        }
        return name;
    }

    private static String problem(String name) {
        if (name == null || name.isEmpty()) {
            return "firmware name must not be empty";
        }
        if (name.length() > MAX_LENGTH) {
            return "firmware name must be at most " + MAX_LENGTH + " characters, got " + name.length();
        }
        for (int i = 0; i < name.length(); i++) {
            char c = name.charAt(i);
            if (!allowed(c)) {
                return "firmware name may only contain letters, digits, '.', '_' and '-', found "
                        + describe(c) + " at position " + i;
            }
        }
        // a leading dot would hide the file and is how the inventory marks its own temp files
        if (name.charAt(0) == '.') {
            return "firmware name must not start with '.'";
        }
        if (name.contains("..")) {
            return "firmware name must not contain \"..\"";
        }
        return null;
    }

    private static boolean allowed(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9')
                || c == '.' || c == '_' || c == '-';
    }

    private static String describe(char c) {
        return Character.isISOControl(c) || Character.isWhitespace(c)
                ? String.format("character U+%04X", (int) c)
                : "'" + c + "'";
    }
}
