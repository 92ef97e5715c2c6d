package dev.forge3d.engine.synthetic;

import dev.forge3d.api.Vec3;
import org.joml.Matrix4d;

import java.util.stream.IntStream;

/**
 * Renders a {@link SyntheticScene} on the CPU by casting rays against the analytic primitives.
 * Each pixel averages an s x s grid of sub-pixel rays (sample (a, b) of pixel (i, j) passes
 * through image point (i + (a + 0.5) / s, j + (b + 0.5) / s)); the mask, hit id and depth come
 * from the single ray through the pixel centre (i + 0.5, j + 0.5). Rows render in parallel;
 * every pixel is a pure function of the scene and camera, so output is deterministic.
 */
public final class RayCastRenderer {
    /** Hit id of a ray that meets nothing but the background. */
    public static final int HIT_BACKGROUND = -1;
    /** Hit id of a ray whose first hit is the ground disc. */
    public static final int HIT_GROUND = -2;

    private static final double T_MIN = 1e-9;

    private final SyntheticScene scene;
    private final Primitive[] objects;
    private final double[] plainBackground = new double[3];

    public RayCastRenderer(SyntheticScene scene) {
        this.scene = scene;
        this.objects = scene.objects().toArray(new Primitive[0]);
        if (scene.background() instanceof Background.Plain plain) {
            new Surface.Solid(plain.rgb()).albedo(0, 0, 0, plainBackground);
        }
    }

    public SyntheticScene scene() {
        return scene;
    }

    /**
     * Renders one view.
     *
     * @param supersampling s, the sub-pixel grid edge (1 = no anti-aliasing, 3 = 9 rays a pixel)
     */
    public RenderedView render(PinholeIntrinsics intrinsics, CameraPose pose, int supersampling) {
        if (supersampling < 1 || supersampling > 8) {
            throw new IllegalArgumentException("supersampling must be 1..8: " + supersampling);
        }
        int w = intrinsics.width();
        int h = intrinsics.height();
        int[] rgb = new int[w * h];
        int[] ids = new int[w * h];
        float[] depth = new float[w * h];
        Matrix4d m = pose.cameraToWorld();
        // The rotation, row-major (JOML's mCR is column C, row R).
        double[] r = {m.m00(), m.m10(), m.m20(), m.m01(), m.m11(), m.m21(), m.m02(), m.m12(), m.m22()};
        Vec3 eye = pose.position();
        IntStream.range(0, h).parallel().forEach(y -> {
            Hit hit = new Hit();
            double[] colour = new double[3];
            double[] sum = new double[3];
            for (int x = 0; x < w; x++) {
                sum[0] = 0;
                sum[1] = 0;
                sum[2] = 0;
                for (int b = 0; b < supersampling; b++) {
                    double v = y + (b + 0.5) / supersampling;
                    for (int a = 0; a < supersampling; a++) {
                        double u = x + (a + 0.5) / supersampling;
                        castThroughPixel(intrinsics, r, eye, u, v, hit);
                        shade(hit, colour);
                        sum[0] += colour[0];
                        sum[1] += colour[1];
                        sum[2] += colour[2];
                    }
                }
                double n = supersampling * supersampling;
                int i = y * w + x;
                rgb[i] = (toByte(sum[0] / n) << 16) | (toByte(sum[1] / n) << 8) | toByte(sum[2] / n);
                double rayScale = castThroughPixel(intrinsics, r, eye, x + 0.5, y + 0.5, hit);
                ids[i] = hit.id;
                depth[i] = hit.id == HIT_BACKGROUND ? Float.POSITIVE_INFINITY : (float) (hit.t / rayScale);
            }
        });
        return new RenderedView(w, h, rgb, ids, depth);
    }

    /**
     * Casts the ray through image point (u, v) and fills hit; returns the length of the
     * camera-space direction ((u - cx) / fx, (v - cy) / fy, 1), so depth = t / return value.
     */
    private double castThroughPixel(PinholeIntrinsics k, double[] r, Vec3 eye, double u, double v, Hit hit) {
        double cx = (u - k.cx()) / k.fx();
        double cy = (v - k.cy()) / k.fy();
        double len = Math.sqrt(cx * cx + cy * cy + 1);
        double dx = (r[0] * cx + r[1] * cy + r[2]) / len;
        double dy = (r[3] * cx + r[4] * cy + r[5]) / len;
        double dz = (r[6] * cx + r[7] * cy + r[8]) / len;
        // Renormalise in world space too so rotation round-off cannot stretch distances.
        double wl = Math.sqrt(dx * dx + dy * dy + dz * dz);
        cast(eye.x(), eye.y(), eye.z(), dx / wl, dy / wl, dz / wl, hit);
        return len;
    }

    /** The first hit along a ray with a unit direction. */
    void cast(double ox, double oy, double oz, double dx, double dy, double dz, Hit hit) {
        double best = Double.POSITIVE_INFINITY;
        int id = HIT_BACKGROUND;
        for (int i = 0; i < objects.length; i++) {
            double t = objects[i].intersect(ox, oy, oz, dx, dy, dz, T_MIN);
            if (t < best) {
                best = t;
                id = i;
            }
        }
        GroundDisc ground = scene.ground();
        if (ground != null) {
            double t = ground.intersect(ox, oy, oz, dx, dy, dz, T_MIN);
            if (t < best) {
                best = t;
                id = HIT_GROUND;
            }
        }
        if (id == HIT_BACKGROUND && scene.background() instanceof Background.TexturedSphere sphere) {
            best = sphere.intersect(ox, oy, oz, dx, dy, dz);
        }
        hit.id = id;
        hit.t = best;
        hit.x = ox + best * dx;
        hit.y = oy + best * dy;
        hit.z = oz + best * dz;
    }

    /** The shaded colour (0..1 per channel) at a hit. */
    private void shade(Hit hit, double[] out) {
        if (hit.id >= 0) {
            Primitive p = objects[hit.id];
            p.toLocal(hit.x, hit.y, hit.z, out);
            p.surface().albedo(out[0], out[1], out[2], out);
            p.outwardNormal(hit.x, hit.y, hit.z, hit.normal);
            scale(out, scene.lighting().shade(hit.normal[0], hit.normal[1], hit.normal[2]));
        } else if (hit.id == HIT_GROUND) {
            scene.ground().surface().albedo(hit.x, 0, hit.z, out);
            scale(out, scene.lighting().shade(0, 1, 0));
        } else {
            switch (scene.background()) {
                case Background.Plain plain -> System.arraycopy(plainBackground, 0, out, 0, 3);
                case Background.TexturedSphere sphere -> {
                    if (Double.isInfinite(hit.t)) {
                        out[0] = 0;
                        out[1] = 0;
                        out[2] = 0;
                    } else {
                        sphere.surface().albedo(hit.x, hit.y, hit.z, out);
                    }
                }
            }
        }
    }

    private static void scale(double[] c, double k) {
        c[0] *= k;
        c[1] *= k;
        c[2] *= k;
    }

    private static int toByte(double v) {
        long q = Math.round(v * 255);
        return (int) Math.max(0, Math.min(255, q));
    }

    /** Mutable per-thread hit record. */
    static final class Hit {
        int id;
        double t;
        double x;
        double y;
        double z;
        final double[] normal = new double[3];
    }
}
