package dev.forge3d.engine.io;

import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JsonTest {

    @Test
    void writesAndParsesNestedValuesBackToTheSameStructure() {
        Map<String, Object> value = new LinkedHashMap<>();
        value.put("name", "quote \" backslash \\ newline \n tab \t");
        value.put("count", 120L);
        value.put("ratio", 0.25);
        value.put("flags", List.of(true, false));
        value.put("none", null);
        value.put("nested", Map.of("k", List.of(1L, 2.5, "x")));

        String text = Json.write(value);

        assertEquals(value, Json.parse(text));
    }

    @Test
    void mapsWithoutAnOrderOfTheirOwnAreWrittenByKeySoTheSameContentGivesTheSameBytes() {
        Map<String, Object> unordered = Map.of("magFilter", 1, "minFilter", 2, "wrapS", 3, "wrapT", 4, "alpha", 5,
                "beta", 6, "gamma", 7, "delta", 8);
        assertEquals("{\"alpha\":5,\"beta\":6,\"delta\":8,\"gamma\":7,\"magFilter\":1,\"minFilter\":2,"
                + "\"wrapS\":3,\"wrapT\":4}", Json.write(unordered));
        Map<String, Object> inserted = new LinkedHashMap<>();
        inserted.put("z", 1);
        inserted.put("a", 2);
        assertEquals("{\"z\":1,\"a\":2}", Json.write(inserted), "an insertion-ordered map keeps its order");
    }

    @Test
    void writesIntegralDoublesWithoutAFractionAndNonFiniteAsNull() {
        assertEquals("[3,0.5,null]", Json.write(new double[] {3.0, 0.5, Double.NaN}));
    }

    @Test
    void parsesExponentsAndUnicodeEscapes() {
        assertEquals(List.of(1.5e-3, "é"), Json.parse(" [1.5e-3, \"\\u00e9\"] "));
    }

    @Test
    void rejectsMalformedText() {
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\":}"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("[1,2"));
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{} extra"));
    }

    /** A \\u escape takes exactly four hex digits; the message says where the bad one is. */
    @Test
    void rejectsUnicodeEscapesThatAreNotFourHexDigitsSayingWhere() {
        for (String bad : List.of("\\u+123", "\\u-123", "\\u12g4", "\\u 123", "\\u12")) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> Json.parse("[\"" + bad + "\"]"), bad);
            assertEquals("JSON: bad unicode escape at offset 4", e.getMessage(), bad);
        }
    }

    /** Parsing recurses per level: a file of brackets must be an error, not a StackOverflowError. */
    @Test
    void rejectsNestingDeeperThanTheLimit() {
        String deep = "[".repeat(Json.MAX_DEPTH) + "]".repeat(Json.MAX_DEPTH);
        assertEquals(1, ((List<?>) Json.parse(deep)).size(), "the limit itself parses");
        IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                () -> Json.parse("[" + deep + "]"));
        assertTrue(e.getMessage().contains("nested"), e.getMessage());
        assertThrows(IllegalArgumentException.class, () -> Json.parse("{\"a\":".repeat(1_000_000)));
    }
}
