package dev.forge3d.api;

import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JobResultTest {
    @Test
    @SuppressWarnings("unchecked")
    void metricsKeepTheirOrderAndListsCannotChangeAfterwards() {
        List<Double> size = new ArrayList<>(List.of(1.5, 0.8, 0.9));
        Map<String, Object> metrics = new LinkedHashMap<>();
        metrics.put("faces", 20_000);
        metrics.put("device", "cpu");
        metrics.put("bbox_m", size);
        metrics.put("quads_only", false);
        JobResult result = new JobResult(Map.of("glb", Path.of("mesh.glb")), metrics, 1.0);
        size.set(0, 9.0);
        assertEquals(List.of("faces", "device", "bbox_m", "quads_only"), List.copyOf(result.metrics().keySet()));
        assertEquals(List.of(1.5, 0.8, 0.9), result.metrics().get("bbox_m"));
        assertThrows(UnsupportedOperationException.class, () -> ((List<Object>) result.metrics().get("bbox_m")).add(1.0));
    }

    @Test
    void anArrayOrAnObjectIsNoMetric() {
        for (Object value : new Object[] {new double[] {1, 2, 3}, new Object(), List.of("a"), null}) {
            Map<String, Object> metrics = new LinkedHashMap<>();
            metrics.put("bbox_m", value);
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new JobResult(Map.of(), metrics, 0));
            assertTrue(e.getMessage().contains("bbox_m"), e.getMessage());
        }
    }

    @Test
    void missingPartsAreRefusedByName() {
        Map<String, Path> nullPath = new LinkedHashMap<>();
        nullPath.put("glb", null);
        assertMessage("outputs", assertThrows(NullPointerException.class, () -> new JobResult(null, Map.of(), 0)));
        assertMessage("metrics", assertThrows(NullPointerException.class, () -> new JobResult(Map.of(), null, 0)));
        assertMessage("output glb", assertThrows(NullPointerException.class, () -> new JobResult(nullPath, Map.of(), 0)));
        Map<String, Object> nullName = new LinkedHashMap<>();
        nullName.put(null, 1);
        assertMessage("metric", assertThrows(NullPointerException.class, () -> new JobResult(Map.of(), nullName, 0)));
    }

    @Test
    void elapsedSecondsMustBeAFiniteNonNegativeNumber() {
        for (double elapsed : new double[] {-1, Double.NaN, Double.POSITIVE_INFINITY}) {
            IllegalArgumentException e = assertThrows(IllegalArgumentException.class,
                    () -> new JobResult(Map.of(), Map.of(), elapsed));
            assertMessage("elapsedSeconds", e);
        }
    }

    private static void assertMessage(String expected, RuntimeException e) {
        assertTrue(String.valueOf(e.getMessage()).contains(expected), e.getMessage());
    }
}
