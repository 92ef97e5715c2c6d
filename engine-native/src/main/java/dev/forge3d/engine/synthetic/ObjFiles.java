package dev.forge3d.engine.synthetic;

import dev.forge3d.engine.io.AtomicFiles;

import java.io.BufferedWriter;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** Wavefront OBJ for {@link TriangleMesh}: vertices and triangles only, metres, 1-based indices. */
public final class ObjFiles {
    private ObjFiles() {
    }

    /** Writes the mesh (exact doubles), replacing the file atomically. */
    public static void write(TriangleMesh mesh, Path file) throws IOException {
        Path tmp = AtomicFiles.temporarySibling(file);
        try (BufferedWriter out = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
            out.write("# Forge3D synthetic ground-truth mesh: " + mesh.vertexCount() + " vertices, "
                    + mesh.triangleCount() + " triangles, metres, Y up\n");
            double[] p = mesh.positions();
            StringBuilder line = new StringBuilder();
            for (int i = 0; i < mesh.vertexCount(); i++) {
                line.setLength(0);
                line.append("v ").append(p[3 * i]).append(' ').append(p[3 * i + 1]).append(' ')
                        .append(p[3 * i + 2]).append('\n');
                out.write(line.toString());
            }
            int[] t = mesh.triangles();
            for (int i = 0; i < mesh.triangleCount(); i++) {
                line.setLength(0);
                line.append("f ").append(t[3 * i] + 1).append(' ').append(t[3 * i + 1] + 1).append(' ')
                        .append(t[3 * i + 2] + 1).append('\n');
                out.write(line.toString());
            }
        } catch (IOException e) {
            Files.deleteIfExists(tmp);
            throw e;
        }
        AtomicFiles.moveIntoPlace(tmp, file);
    }

    /**
     * Reads the v and f lines of an OBJ (f entries may be v, v/vt, v/vt/vn or v//vn; polygons
     * are fanned into triangles; negative indices count from the end).
     */
    public static TriangleMesh read(Path file) throws IOException {
        List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        double[] positions = new double[3 * 1024];
        int[] triangles = new int[3 * 1024];
        int nv = 0;
        int nt = 0;
        for (String raw : lines) {
            String line = raw.strip();
            if (line.startsWith("v ")) {
                String[] f = line.split("\\s+");
                if (3 * nv + 3 > positions.length) {
                    positions = Arrays.copyOf(positions, positions.length * 2);
                }
                for (int k = 0; k < 3; k++) {
                    positions[3 * nv + k] = Double.parseDouble(f[k + 1]);
                }
                nv++;
            } else if (line.startsWith("f ")) {
                String[] f = line.split("\\s+");
                int[] corners = new int[f.length - 1];
                for (int k = 1; k < f.length; k++) {
                    int index = Integer.parseInt(f[k].split("/")[0]);
                    corners[k - 1] = index > 0 ? index - 1 : nv + index;
                }
                for (int k = 1; k + 1 < corners.length; k++) {
                    if (3 * nt + 3 > triangles.length) {
                        triangles = Arrays.copyOf(triangles, triangles.length * 2);
                    }
                    triangles[3 * nt] = corners[0];
                    triangles[3 * nt + 1] = corners[k];
                    triangles[3 * nt + 2] = corners[k + 1];
                    nt++;
                }
            }
        }
        return new TriangleMesh(Arrays.copyOf(positions, 3 * nv), Arrays.copyOf(triangles, 3 * nt));
    }
}
