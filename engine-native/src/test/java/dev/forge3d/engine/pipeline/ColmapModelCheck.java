package dev.forge3d.engine.pipeline;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Reads a COLMAP text model back and checks that it is consistent, as COLMAP's reader expects. */
final class ColmapModelCheck {
    private ColmapModelCheck() {
    }

    /** One shared camera; @return the number of registered images in images.txt */
    static int check(Path sparse, int width, int height, double focal) throws IOException {
        List<String> cameras = data(sparse.resolve("cameras.txt"));
        assertEquals(1, cameras.size());
        String[] camera = cameras.getFirst().split(" ");
        assertEquals("SIMPLE_RADIAL", camera[1]);
        assertEquals(width, Integer.parseInt(camera[2]));
        assertEquals(height, Integer.parseInt(camera[3]));
        assertEquals(focal, Double.parseDouble(camera[4]), 1e-9 * focal);
        return check(sparse);
    }

    /** Any number of cameras; @return the number of registered images in images.txt */
    static int check(Path sparse) throws IOException {
        Map<Integer, String[]> cameras = new HashMap<>();
        for (String line : data(sparse.resolve("cameras.txt"))) {
            String[] camera = line.split(" ");
            assertEquals("SIMPLE_RADIAL", camera[1]);
            assertEquals(null, cameras.put(Integer.parseInt(camera[0]), camera), "camera ids are distinct");
        }
        List<String> images = data(sparse.resolve("images.txt"));
        assertEquals(0, images.size() % 2);
        Map<Integer, String[]> points2d = new HashMap<>();
        for (int i = 0; i < images.size(); i += 2) {
            String[] header = images.get(i).split(" ");
            assertEquals(10, header.length);
            double norm = 0;
            for (int q = 1; q <= 4; q++) {
                norm += Math.pow(Double.parseDouble(header[q]), 2);
            }
            assertEquals(1, norm, 1e-9, "unit quaternion");
            assertTrue(cameras.containsKey(Integer.parseInt(header[8])), "image " + header[0] + " has its camera");
            points2d.put(Integer.parseInt(header[0]), images.get(i + 1).isBlank() ? new String[0]
                    : images.get(i + 1).split(" "));
        }
        for (String line : data(sparse.resolve("points3D.txt"))) {
            String[] f = line.split(" ");
            assertTrue(f.length >= 8 + 4 && (f.length - 8) % 2 == 0, "a track of two or more: " + line);
            for (int k = 8; k < f.length; k += 2) {
                String[] observations = points2d.get(Integer.parseInt(f[k]));
                int index = Integer.parseInt(f[k + 1]);
                assertEquals(f[0], observations[3 * index + 2], "2D point " + index + " of image " + f[k]
                        + " refers back to point " + f[0]);
            }
        }
        return images.size() / 2;
    }

    private static List<String> data(Path file) throws IOException {
        return Files.readAllLines(file).stream().filter(l -> !l.startsWith("#")).toList();
    }
}
