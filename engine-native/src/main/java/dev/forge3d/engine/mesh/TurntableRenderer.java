package dev.forge3d.engine.mesh;

import dev.forge3d.api.Vec3;
import dev.forge3d.engine.synthetic.CameraPose;
import dev.forge3d.engine.synthetic.OrbitCameras;
import dev.forge3d.engine.synthetic.PinholeIntrinsics;

/**
 * Renders a textured {@link MeshAsset} with our rasteriser: base colour under a fixed
 * headlight-and-ambient shading, for turntable videos and visual checks.
 */
public final class TurntableRenderer {
    public static final int BACKGROUND_RGB = 0x202428;

    private TurntableRenderer() {
    }

    /** The camera of turntable frame {@code index} of {@code frames}, orbiting at 20 degrees elevation. */
    public static ViewCamera camera(MeshAsset asset, int width, int height, int index, int frames) {
        double[] b = asset.mesh().bounds();
        Vec3 centre = new Vec3((b[0] + b[3]) / 2, (b[1] + b[4]) / 2, (b[2] + b[5]) / 2);
        double radius = 0.5 * Math.sqrt(Math.pow(b[3] - b[0], 2) + Math.pow(b[4] - b[1], 2) + Math.pow(b[5] - b[2], 2));
        PinholeIntrinsics k = PinholeIntrinsics.fromHorizontalFov(width, height, 40);
        double fov = Math.min(Math.toRadians(40), 2 * Math.atan(0.5 * height / k.fy()));
        double distance = radius / Math.sin(0.45 * fov);
        CameraPose pose = OrbitCameras.camera(centre, distance, 20, 360.0 * index / frames);
        return ViewCamera.perspective(k, pose);
    }

    /** One shaded frame, 0xRRGGBB per pixel. */
    public static int[] render(MeshAsset asset, ViewCamera camera) {
        return render(asset, camera, true);
    }

    /** One frame, 0xRRGGBB per pixel; unshaded shows the base colour as it is. */
    public static int[] render(MeshAsset asset, ViewCamera camera, boolean shaded) {
        TriMesh mesh = asset.mesh();
        int w = camera.width(), h = camera.height();
        float[] depth = new float[w * h];
        int[] face = new int[w * h];
        MeshRasterizer.rasterize(mesh, camera, depth, face);
        int[] out = new int[w * h];
        float[] p = mesh.positions();
        float[] uv = mesh.uvs();
        float[] n = asset.normals();
        int[] idx = mesh.indices();
        double[] dir = camera.viewDirection();
        double[] s = new double[3];
        int size = asset.textureSize();
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int at = y * w + x;
                int f = face[at];
                if (f < 0) {
                    out[at] = BACKGROUND_RGB;
                    continue;
                }
                // Barycentrics of the pixel centre in screen space.
                int a = idx[3 * f], b = idx[3 * f + 1], c = idx[3 * f + 2];
                double[][] q = new double[3][];
                int[] vs = {a, b, c};
                for (int k = 0; k < 3; k++) {
                    camera.project(p[3 * vs[k]], p[3 * vs[k] + 1], p[3 * vs[k] + 2], s);
                    q[k] = s.clone();
                }
                double area = (q[1][0] - q[0][0]) * (q[2][1] - q[0][1]) - (q[1][1] - q[0][1]) * (q[2][0] - q[0][0]);
                double px = x + 0.5, py = y + 0.5;
                double wa = ((q[1][0] - px) * (q[2][1] - py) - (q[1][1] - py) * (q[2][0] - px)) / area;
                double wb = ((q[2][0] - px) * (q[0][1] - py) - (q[2][1] - py) * (q[0][0] - px)) / area;
                double wc = 1 - wa - wb;
                // Perspective-correct interpolation weights.
                double za = wa / q[0][2], zb = wb / q[1][2], zc = wc / q[2][2], sum = za + zb + zc;
                za /= sum;
                zb /= sum;
                zc /= sum;
                double u = za * uv[2 * a] + zb * uv[2 * b] + zc * uv[2 * c];
                double v = za * uv[2 * a + 1] + zb * uv[2 * b + 1] + zc * uv[2 * c + 1];
                int tx = Math.max(0, Math.min(size - 1, (int) (u * size)));
                int ty = Math.max(0, Math.min(size - 1, (int) (v * size)));
                int colour = asset.baseColour()[ty * size + tx];
                double nx = za * n[3 * a] + zb * n[3 * b] + zc * n[3 * c];
                double ny = za * n[3 * a + 1] + zb * n[3 * b + 1] + zc * n[3 * c + 1];
                double nz = za * n[3 * a + 2] + zb * n[3 * b + 2] + zc * n[3 * c + 2];
                double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
                double light = !shaded ? 1 : 0.35 + 0.65 * Math.abs(nx * dir[0] + ny * dir[1] + nz * dir[2]) / Math.max(len, 1e-12);
                int r = (int) Math.min(255, ((colour >> 16) & 0xFF) * light);
                int g = (int) Math.min(255, ((colour >> 8) & 0xFF) * light);
                int bl = (int) Math.min(255, (colour & 0xFF) * light);
                out[at] = (r << 16) | (g << 8) | bl;
            }
        }
        return out;
    }
}
