package dev.forge3d.engine.io;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SequencedMap;

/**
 * Minimal JSON for the files and CLI output Forge3D writes and reads (transforms.json, ground
 * truth, job reports). Objects are {@link Map}s (parsed insertion-ordered; written in their own
 * order or, for a map without one, by key), arrays are {@link List}s,
 * numbers are {@link Double} or {@link Long} when integral in the text, plus strings, booleans and
 * null. Writing accepts any {@link Number}, float and double arrays, and {@link java.nio.file.Path}
 * (as its string).
 */
public final class Json {
    /** Arrays and objects nest at most this deep; parsing recurses once per level. */
    public static final int MAX_DEPTH = 512;

    private Json() {
    }

    public static String write(Object value) {
        StringBuilder out = new StringBuilder();
        append(out, value);
        return out.toString();
    }

    public static Object parse(String text) {
        Parser parser = new Parser(text);
        Object value = parser.value();
        parser.skipSpace();
        if (parser.pos != text.length()) {
            throw parser.error("trailing characters");
        }
        return value;
    }

    /** Parses a JSON object. */
    @SuppressWarnings("unchecked")
    public static Map<String, Object> parseObject(String text) {
        Object value = parse(text);
        if (!(value instanceof Map)) {
            throw new IllegalArgumentException("expected a JSON object");
        }
        return (Map<String, Object>) value;
    }

    /**
     * A map with an order of its own (LinkedHashMap, TreeMap) is written in it; any other (Map.of,
     * HashMap) by its keys' text, so that the same content is always written as the same bytes:
     * Map.of's order changes from one JVM run to the next.
     */
    private static Iterable<? extends Map.Entry<?, ?>> inWritingOrder(Map<?, ?> map) {
        if (map instanceof SequencedMap<?, ?>) {
            return map.entrySet();
        }
        List<Map.Entry<?, ?>> entries = new ArrayList<>(map.entrySet());
        entries.sort(Comparator.comparing(entry -> String.valueOf(entry.getKey())));
        return entries;
    }

    private static void append(StringBuilder out, Object value) {
        switch (value) {
            case null -> out.append("null");
            case String s -> appendString(out, s);
            case Boolean b -> out.append(b);
            case Double d -> appendNumber(out, d);
            case Float f -> appendNumber(out, f.doubleValue());
            case Number n -> out.append(n.longValue());
            case Map<?, ?> map -> {
                out.append('{');
                boolean first = true;
                for (Map.Entry<?, ?> entry : inWritingOrder(map)) {
                    out.append(first ? "" : ",");
                    first = false;
                    appendString(out, String.valueOf(entry.getKey()));
                    out.append(':');
                    append(out, entry.getValue());
                }
                out.append('}');
            }
            case Iterable<?> items -> {
                out.append('[');
                boolean first = true;
                for (Object item : items) {
                    out.append(first ? "" : ",");
                    first = false;
                    append(out, item);
                }
                out.append(']');
            }
            case double[] array -> {
                List<Double> boxed = new ArrayList<>(array.length);
                for (double d : array) {
                    boxed.add(d);
                }
                append(out, boxed);
            }
            case float[] array -> {
                List<Double> boxed = new ArrayList<>(array.length);
                for (float f : array) {
                    boxed.add((double) f);
                }
                append(out, boxed);
            }
            case Enum<?> e -> appendString(out, e.name().toLowerCase(java.util.Locale.ROOT));
            default -> appendString(out, value.toString());
        }
    }

    private static void appendNumber(StringBuilder out, double d) {
        if (!Double.isFinite(d)) {
            out.append("null");
        } else if (d == Math.rint(d) && Math.abs(d) < 1e15) {
            out.append((long) d);
        } else {
            out.append(d);
        }
    }

    private static void appendString(StringBuilder out, String s) {
        out.append('"');
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            switch (c) {
                case '"' -> out.append("\\\"");
                case '\\' -> out.append("\\\\");
                case '\n' -> out.append("\\n");
                case '\r' -> out.append("\\r");
                case '\t' -> out.append("\\t");
                default -> {
                    if (c < 0x20) {
                        out.append(String.format("\\u%04x", (int) c));
                    } else {
                        out.append(c);
                    }
                }
            }
        }
        out.append('"');
    }

    private static final class Parser {
        private final String text;
        private int pos;
        /** Arrays and objects open around the current position. */
        private int depth;

        Parser(String text) {
            this.text = text;
        }

        Object value() {
            skipSpace();
            if (pos >= text.length()) {
                throw error("unexpected end");
            }
            char c = text.charAt(pos);
            return switch (c) {
                case '{' -> nested(this::object);
                case '[' -> nested(this::array);
                case '"' -> string();
                case 't' -> literal("true", Boolean.TRUE);
                case 'f' -> literal("false", Boolean.FALSE);
                case 'n' -> literal("null", null);
                default -> number();
            };
        }

        /** Parses an array or object one level deeper; past MAX_DEPTH an error, before the stack runs out. */
        private Object nested(java.util.function.Supplier<Object> parse) {
            if (++depth > MAX_DEPTH) {
                throw error("arrays and objects nested deeper than " + MAX_DEPTH);
            }
            Object value = parse.get();
            depth--;
            return value;
        }

        private Map<String, Object> object() {
            Map<String, Object> map = new LinkedHashMap<>();
            pos++;
            skipSpace();
            if (peek() == '}') {
                pos++;
                return map;
            }
            while (true) {
                skipSpace();
                if (peek() != '"') {
                    throw error("expected a key");
                }
                String key = string();
                skipSpace();
                expect(':');
                map.put(key, value());
                skipSpace();
                if (peek() == ',') {
                    pos++;
                } else {
                    expect('}');
                    return map;
                }
            }
        }

        private List<Object> array() {
            List<Object> list = new ArrayList<>();
            pos++;
            skipSpace();
            if (peek() == ']') {
                pos++;
                return list;
            }
            while (true) {
                list.add(value());
                skipSpace();
                if (peek() == ',') {
                    pos++;
                } else {
                    expect(']');
                    return list;
                }
            }
        }

        private String string() {
            StringBuilder out = new StringBuilder();
            pos++;
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == '"') {
                    return out.toString();
                }
                if (c != '\\') {
                    out.append(c);
                    continue;
                }
                if (pos >= text.length()) {
                    break;
                }
                char e = text.charAt(pos++);
                switch (e) {
                    case 'n' -> out.append('\n');
                    case 't' -> out.append('\t');
                    case 'r' -> out.append('\r');
                    case 'b' -> out.append('\b');
                    case 'f' -> out.append('\f');
                    case 'u' -> {
                        // Four hex digits, no more and no fewer: parseInt would also take a sign ("\\u+123").
                        if (pos + 4 > text.length()
                                || !text.substring(pos, pos + 4).chars().allMatch(java.util.HexFormat::isHexDigit)) {
                            throw error("bad unicode escape");
                        }
                        out.append((char) Integer.parseInt(text.substring(pos, pos + 4), 16));
                        pos += 4;
                    }
                    default -> out.append(e);
                }
            }
            throw error("unterminated string");
        }

        private Object number() {
            int start = pos;
            while (pos < text.length() && "+-0123456789.eE".indexOf(text.charAt(pos)) >= 0) {
                pos++;
            }
            String token = text.substring(start, pos);
            if (token.isEmpty()) {
                throw error("unexpected character '" + text.charAt(start) + "'");
            }
            try {
                if (token.matches("-?\\d{1,18}")) {
                    return Long.parseLong(token);
                }
                return Double.parseDouble(token);
            } catch (NumberFormatException e) {
                throw error("bad number " + token);
            }
        }

        private Object literal(String word, Object value) {
            if (!text.startsWith(word, pos)) {
                throw error("unexpected token");
            }
            pos += word.length();
            return value;
        }

        private char peek() {
            return pos < text.length() ? text.charAt(pos) : '\0';
        }

        private void expect(char c) {
            if (peek() != c) {
                throw error("expected '" + c + "'");
            }
            pos++;
        }

        void skipSpace() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        IllegalArgumentException error(String what) {
            return new IllegalArgumentException("JSON: " + what + " at offset " + pos);
        }
    }
}
