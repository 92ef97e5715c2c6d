package dev.forge3d.engine.mesh;

import java.util.Arrays;

/**
 * A z-buffer rasteriser of a triangle mesh through a {@link ViewCamera}: for every pixel, the
 * nearest face whose triangle covers the pixel centre, and its depth. Both faces of a triangle
 * are drawn. The CPU twin for visibility in the texture bake and for the turntable video.
 */
public final class MeshRasterizer {
    private MeshRasterizer() {
    }

    /** Fills depth (+inf where empty) and faceId (-1 where empty), width x height of the camera. */
    public static void rasterize(TriMesh mesh, ViewCamera camera, float[] depth, int[] faceId) {
        int w = camera.width(), h = camera.height();
        Arrays.fill(depth, Float.POSITIVE_INFINITY);
        Arrays.fill(faceId, -1);
        float[] pos = mesh.positions();
        int[] idx = mesh.indices();
        double[] screen = new double[3 * mesh.vertexCount()];
        double[] p = new double[3];
        for (int v = 0; v < mesh.vertexCount(); v++) {
            camera.project(pos[3 * v], pos[3 * v + 1], pos[3 * v + 2], p);
            screen[3 * v] = p[0];
            screen[3 * v + 1] = p[1];
            screen[3 * v + 2] = p[2];
        }
        for (int f = 0; f < mesh.faceCount(); f++) {
            int a = 3 * idx[3 * f], b = 3 * idx[3 * f + 1], c = 3 * idx[3 * f + 2];
            if (screen[a + 2] <= 0 || screen[b + 2] <= 0 || screen[c + 2] <= 0) {
                continue;
            }
            double ax = screen[a], ay = screen[a + 1], bx = screen[b], by = screen[b + 1], cx = screen[c], cy = screen[c + 1];
            double area = (bx - ax) * (cy - ay) - (by - ay) * (cx - ax);
            if (area == 0) {
                continue;
            }
            int x0 = Math.max(0, (int) Math.floor(Math.min(ax, Math.min(bx, cx)) - 0.5));
            int x1 = Math.min(w - 1, (int) Math.ceil(Math.max(ax, Math.max(bx, cx)) - 0.5));
            int y0 = Math.max(0, (int) Math.floor(Math.min(ay, Math.min(by, cy)) - 0.5));
            int y1 = Math.min(h - 1, (int) Math.ceil(Math.max(ay, Math.max(by, cy)) - 0.5));
            for (int y = y0; y <= y1; y++) {
                double py = y + 0.5;
                for (int x = x0; x <= x1; x++) {
                    double px = x + 0.5;
                    double wa = ((bx - px) * (cy - py) - (by - py) * (cx - px)) / area;
                    double wb = ((cx - px) * (ay - py) - (cy - py) * (ax - px)) / area;
                    double wc = 1 - wa - wb;
                    if (wa < 0 || wb < 0 || wc < 0) {
                        continue;
                    }
                    float d = (float) (wa * screen[a + 2] + wb * screen[b + 2] + wc * screen[c + 2]);
                    int at = y * w + x;
                    if (d < depth[at]) {
                        depth[at] = d;
                        faceId[at] = f;
                    }
                }
            }
        }
    }

    /** The mesh's silhouette through the camera: 1 where a face covers the pixel centre. */
    public static byte[] silhouette(TriMesh mesh, ViewCamera camera) {
        float[] depth = new float[camera.width() * camera.height()];
        int[] face = new int[depth.length];
        rasterize(mesh, camera, depth, face);
        byte[] mask = new byte[depth.length];
        for (int i = 0; i < mask.length; i++) {
            mask[i] = (byte) (face[i] >= 0 ? 1 : 0);
        }
        return mask;
    }
}
