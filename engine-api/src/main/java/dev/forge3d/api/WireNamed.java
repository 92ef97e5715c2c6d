package dev.forge3d.api;

import java.util.Locale;

/**
 * An enum with stable lower-case names for flags, JSON and files: the wire name of {@code VOCAB_TREE}
 * is {@code vocab_tree}. Never rename a constant of such an enum.
 */
public interface WireNamed {
    String name();

    default String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a wire name case-insensitively.
     *
     * @throws Forge3dException {@link ErrorCode#INVALID_PARAM} naming {@code field} and every allowed name
     */
    static <E extends Enum<E> & WireNamed> E parse(String field, String text, Class<E> type) {
        E[] constants = type.getEnumConstants();
        String wanted = text == null ? "" : text.trim();
        for (E constant : constants) {
            if (constant.wireName().equalsIgnoreCase(wanted)) {
                return constant;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (E constant : constants) {
            allowed.append(allowed.isEmpty() ? "" : "|").append(constant.wireName());
        }
        throw Forge3dException.invalidParam(field, text, allowed.toString());
    }
}
