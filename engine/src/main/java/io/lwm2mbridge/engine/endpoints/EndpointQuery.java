package io.lwm2mbridge.engine.endpoints;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Pattern;

/**
 * A search over endpoint records, as {@code endpoint.search} and {@code GET /endpoints?q=} take it:
 * {@code field:value} terms joined by {@code AND}, {@code OR} and {@code NOT}, grouped with
 * parentheses ({@code status:connected AND (tags.site:north OR tags.site:"south yard")}). Terms next
 * to each other with no operator are joined by AND; AND binds tighter than OR. A field is a dotted
 * path into the record's public fields ({@code key}, {@code name}, {@code status}, {@code identity},
 * {@code tags.version}, {@code registration.binding}, ...); a value is compared, ignoring case, with
 * the field's text, and {@code *} in it stands for any run of characters ({@code name:meter-*}; a lone
 * {@code *} means the field is present). Quote a value that holds spaces, colons or parentheses
 * ({@code "127.0.0.1:5683"}). An empty query or {@code *} matches everything.
 */
public final class EndpointQuery {

    /** A query that cannot be parsed; the message says where and what was expected. */
    public static final class Invalid extends IllegalArgumentException {
        private static final long serialVersionUID = 1L;
        private final int column;

        Invalid(String message, int column) {
            super("bad query at column " + column + ": " + message);
            this.column = column;
        }

        /** 1-based position in the query text. */
        public int column() {
            return column;
        }
    }

    /** A part of the parsed query, tested on a record through its fields by name (null: no such field). */
    private sealed interface Node {
        boolean test(Function<String, ?> record);
    }

    private record And(Node left, Node right) implements Node {
        public boolean test(Function<String, ?> r) {
            return left.test(r) && right.test(r);
        }
    }

    private record Or(Node left, Node right) implements Node {
        public boolean test(Function<String, ?> r) {
            return left.test(r) || right.test(r);
        }
    }

    private record Not(Node inner) implements Node {
        public boolean test(Function<String, ?> r) {
            return !inner.test(r);
        }
    }

    private record All() implements Node {
        public boolean test(Function<String, ?> r) {
            return true;
        }
    }

    /** @param any a lone unquoted {@code *}: the field only has to be present */
    private record Term(String field, String value, Pattern glob, boolean any) implements Node {
        public boolean test(Function<String, ?> r) {
            Object actual = resolve(r, field);
            if (actual == null) {
                return false;
            }
            if (any) {
                return true;
            }
            if (actual instanceof List<?> list) {
                return list.stream().anyMatch(item -> item != null && matchesText(text(item)));
            }
            return matchesText(text(actual));
        }

        private boolean matchesText(String text) {
            return glob != null ? glob.matcher(text).matches() : text.equalsIgnoreCase(value);
        }
    }

    private final String text;
    private final Node root;

    private EndpointQuery(String text, Node root) {
        this.text = text;
        this.root = root;
    }

    public static final EndpointQuery ALL = new EndpointQuery("", new All());

    /** @throws Invalid when the text is not a query, naming the column and what was expected */
    public static EndpointQuery parse(String text) {
        if (text == null || text.isBlank() || text.trim().equals("*")) {
            return new EndpointQuery(text == null ? "" : text, new All());
        }
        Parser p = new Parser(tokens(text));
        Node root = p.or();
        if (!p.atEnd()) {
            Token t = p.peek();
            throw new Invalid(t.kind == Kind.CLOSE ? "')' without a matching '('" : "expected AND or OR before '" + t.text + "'",
                    t.column);
        }
        return new EndpointQuery(text, root);
    }

    /** Whether the record whose fields {@code fields} reads matches: {@link EndpointRecord#shown} for a record. */
    public boolean matches(Function<String, ?> fields) {
        return root.test(fields);
    }

    @Override
    public String toString() {
        return text;
    }

    // ---- parsing ------------------------------------------------------------------------------

    private enum Kind { WORD, QUOTED, COLON, OPEN, CLOSE, END }

    private record Token(Kind kind, String text, int column) {
        boolean keyword(String k) {
            return kind == Kind.WORD && text.equalsIgnoreCase(k);
        }
    }

    private static List<Token> tokens(String s) {
        List<Token> out = new ArrayList<>();
        int i = 0;
        while (i < s.length()) {
            char c = s.charAt(i);
            if (Character.isWhitespace(c)) {
                i++;
            } else if (c == '(' || c == ')' || c == ':') {
                out.add(new Token(c == '(' ? Kind.OPEN : c == ')' ? Kind.CLOSE : Kind.COLON, String.valueOf(c), i + 1));
                i++;
            } else if (c == '"' || c == '\'') {
                StringBuilder b = new StringBuilder();
                int start = i++;
                boolean closed = false;
                while (i < s.length()) {
                    char d = s.charAt(i++);
                    if (d == '\\' && i < s.length()) {
                        b.append(s.charAt(i++));
                    } else if (d == c) {
                        closed = true;
                        break;
                    } else {
                        b.append(d);
                    }
                }
                if (!closed) {
                    throw new Invalid("the quoted value has no closing " + c, start + 1);
                }
                out.add(new Token(Kind.QUOTED, b.toString(), start + 1));
            } else {
                int start = i;
                while (i < s.length() && !Character.isWhitespace(s.charAt(i)) && "():\"'".indexOf(s.charAt(i)) < 0) {
                    i++;
                }
                out.add(new Token(Kind.WORD, s.substring(start, i), start + 1));
            }
        }
        out.add(new Token(Kind.END, "", s.length() + 1));
        return out;
    }

    private static final class Parser {
        private final List<Token> tokens;
        private int pos;

        Parser(List<Token> tokens) {
            this.tokens = tokens;
        }

        Token peek() {
            return tokens.get(pos);
        }

        Token next() {
            return tokens.get(pos++);
        }

        boolean atEnd() {
            return peek().kind == Kind.END;
        }

        Node or() {
            Node left = and();
            while (peek().keyword("OR")) {
                next();
                left = new Or(left, and());
            }
            return left;
        }

        Node and() {
            Node left = unary();
            while (true) {
                Token t = peek();
                if (t.keyword("AND")) {
                    next();
                    left = new And(left, unary());
                } else if (t.kind == Kind.WORD && !t.keyword("OR") || t.kind == Kind.OPEN) {
                    left = new And(left, unary()); // terms side by side: AND
                } else {
                    return left;
                }
            }
        }

        Node unary() {
            Token t = peek();
            if (t.keyword("NOT")) {
                next();
                return new Not(unary());
            }
            if (t.kind == Kind.OPEN) {
                next();
                if (peek().kind == Kind.CLOSE) {
                    throw new Invalid("empty parentheses", peek().column);
                }
                Node inner = or();
                Token close = next();
                if (close.kind != Kind.CLOSE) {
                    throw new Invalid("'(' at column " + t.column + " is not closed", close.column);
                }
                return inner;
            }
            return term();
        }

        Node term() {
            Token field = next();
            if (field.kind == Kind.END) {
                throw new Invalid("expected field:value at the end of the query", field.column);
            }
            if (field.kind != Kind.WORD || field.keyword("AND") || field.keyword("OR")) {
                throw new Invalid("expected field:value, found '" + field.text + "'", field.column);
            }
            Token colon = next();
            if (colon.kind != Kind.COLON) {
                throw new Invalid("expected ':' after '" + field.text + "' (terms are field:value, like status:connected)",
                        colon.column);
            }
            Token value = next();
            if (value.kind != Kind.WORD && value.kind != Kind.QUOTED) {
                throw new Invalid("expected a value after '" + field.text + ":'", value.column);
            }
            Pattern glob = value.kind == Kind.WORD && value.text.contains("*") && !value.text.equals("*")
                    ? glob(value.text) : null;
            return new Term(field.text, value.text, glob, value.kind == Kind.WORD && value.text.equals("*"));
        }
    }

    private static Pattern glob(String value) {
        StringBuilder regex = new StringBuilder();
        String[] parts = value.split("\\*", -1);
        for (int i = 0; i < parts.length; i++) {
            if (i > 0) {
                regex.append(".*");
            }
            if (!parts[i].isEmpty()) {
                regex.append(Pattern.quote(parts[i]));
            }
        }
        return Pattern.compile(regex.toString(), Pattern.CASE_INSENSITIVE | Pattern.DOTALL | Pattern.UNICODE_CASE);
    }

    // ---- matching -----------------------------------------------------------------------------

    /** Follows a dotted path; a key that itself contains dots ({@code tags["a.b"]}) is found whole first. */
    static Object resolve(Function<String, ?> record, String field) {
        Object whole = record.apply(field);
        if (whole != null) {
            return whole;
        }
        int dot = field.indexOf('.');
        while (dot > 0) {
            Object head = record.apply(field.substring(0, dot));
            if (head instanceof Map<?, ?> m) {
                Object found = resolve(m::get, field.substring(dot + 1));
                if (found != null) {
                    return found;
                }
            }
            dot = field.indexOf('.', dot + 1);
        }
        return null;
    }

    private static String text(Object v) {
        if (v instanceof Double d && d == Math.rint(d) && !d.isInfinite()) {
            return Long.toString(d.longValue());
        }
        return String.valueOf(v);
    }
}
