package dev.forge3d.engine.mesh;

/**
 * The mesh surface behind every texel of a square texture: which texels a face covers, and the
 * interpolated position, unit normal and tangent frame there. Built by rasterising the faces in
 * uv space (texel centres at (i + 0.5) / size).
 */
public record TexelSurface(int size, byte[] covered, float[] position, float[] normal, float[] tangent) {

    public static TexelSurface rasterize(TriMesh mesh, float[] normals, float[] tangents, int size) {
        int texels = size * size;
        byte[] covered = new byte[texels];
        float[] position = new float[3 * texels];
        float[] normal = new float[3 * texels];
        float[] tangent = tangents == null ? null : new float[4 * texels];
        float[] p = mesh.positions();
        float[] uv = mesh.uvs();
        int[] idx = mesh.indices();
        for (int f = 0; f < idx.length; f += 3) {
            int a = idx[f], b = idx[f + 1], c = idx[f + 2];
            double ax = uv[2 * a] * size, ay = uv[2 * a + 1] * size;
            double bx = uv[2 * b] * size, by = uv[2 * b + 1] * size;
            double cx = uv[2 * c] * size, cy = uv[2 * c + 1] * size;
            double area = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
            if (area == 0) {
                continue;
            }
            int x0 = Math.max(0, (int) Math.floor(Math.min(ax, Math.min(bx, cx)) - 0.5));
            int x1 = Math.min(size - 1, (int) Math.ceil(Math.max(ax, Math.max(bx, cx)) - 0.5));
            int y0 = Math.max(0, (int) Math.floor(Math.min(ay, Math.min(by, cy)) - 0.5));
            int y1 = Math.min(size - 1, (int) Math.ceil(Math.max(ay, Math.max(by, cy)) - 0.5));
            for (int y = y0; y <= y1; y++) {
                for (int x = x0; x <= x1; x++) {
                    double px = x + 0.5, py = y + 0.5;
                    double wa = ((bx - px) * (cy - py) - (by - py) * (cx - px)) / area;
                    double wb = ((cx - px) * (ay - py) - (cy - py) * (ax - px)) / area;
                    double wc = 1 - wa - wb;
                    // Texels just outside the triangle (up to a texel) are filled too, extrapolated,
                    // so that chart borders have no seam of unset texels.
                    double slack = -1.0 / Math.sqrt(Math.abs(area));
                    if (wa < slack || wb < slack || wc < slack) {
                        continue;
                    }
                    int t = y * size + x;
                    boolean inside = wa >= 0 && wb >= 0 && wc >= 0;
                    if (covered[t] == 2 || (covered[t] == 1 && !inside)) {
                        continue;
                    }
                    covered[t] = (byte) (inside ? 2 : 1);
                    interpolate(p, 3, a, b, c, wa, wb, wc, position, t);
                    interpolate(normals, 3, a, b, c, wa, wb, wc, normal, t);
                    normalise(normal, 3 * t);
                    if (tangent != null) {
                        interpolate(tangents, 4, a, b, c, wa, wb, wc, tangent, t);
                        normalise(tangent, 4 * t);
                        tangent[4 * t + 3] = tangents[4 * a + 3];
                    }
                }
            }
        }
        return new TexelSurface(size, covered, position, normal, tangent);
    }

    private static void interpolate(float[] attribute, int width, int a, int b, int c, double wa, double wb, double wc,
                                    float[] out, int t) {
        for (int k = 0; k < width; k++) {
            out[width * t + k] = (float) (wa * attribute[width * a + k] + wb * attribute[width * b + k]
                    + wc * attribute[width * c + k]);
        }
    }

    private static void normalise(float[] v, int at) {
        double len = Math.sqrt(v[at] * v[at] + v[at + 1] * v[at + 1] + v[at + 2] * v[at + 2]);
        if (len > 0) {
            v[at] /= len;
            v[at + 1] /= len;
            v[at + 2] /= len;
        }
    }
}
