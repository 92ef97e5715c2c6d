package dev.forge3d.engine.pipeline;

import dev.forge3d.engine.dataset.CameraIntrinsics;
import dev.forge3d.engine.dataset.PosedDataset;
import dev.forge3d.engine.dataset.PosedFrame;
import dev.forge3d.engine.dataset.SparsePoint;
import dev.forge3d.engine.synthetic.Background;
import dev.forge3d.engine.synthetic.CameraPose;
import dev.forge3d.engine.synthetic.GeneratedScene;
import dev.forge3d.engine.synthetic.PinholeIntrinsics;
import dev.forge3d.engine.synthetic.SyntheticScene;
import org.joml.Matrix4d;
import org.joml.Vector3d;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A generated scene as a posed dataset with its ground-truth cameras, and sparse points standing
 * in for SfM: samples of the object's surface and of the ground disc, each coloured by the
 * rendered frame whose camera is nearest to it among those that see it in front, and optionally
 * points on a far sphere in the background colour (the plain background is at infinity, so
 * training against a black background needs Gaussians there).
 */
public final class SyntheticPosedDataset {
    private SyntheticPosedDataset() {
    }

    public static PosedDataset from(GeneratedScene scene, int objectPoints, int groundPoints, long seed)
            throws IOException {
        return from(scene, objectPoints, groundPoints, 0, seed);
    }

    public static PosedDataset from(GeneratedScene scene, int objectPoints, int groundPoints, int skyPoints, long seed)
            throws IOException {
        PinholeIntrinsics k = scene.intrinsics();
        CameraIntrinsics camera = new CameraIntrinsics(k.width(), k.height(), k.fx(), k.fy(), k.cx(), k.cy(), 0);
        List<PosedFrame> frames = new ArrayList<>();
        List<Path> images = scene.images();
        for (int i = 0; i < scene.frameCount(); i++) {
            Path image = images.get(i);
            frames.add(new PosedFrame(scene.directory().relativize(image).toString(), image,
                    scene.poses().get(i).cameraToWorld(), 0));
        }
        double[] xyz = samplePoints(scene.scene(), objectPoints, groundPoints, seed);
        List<SparsePoint> points = new ArrayList<>(colour(xyz, scene, k));
        float[] sky = background(scene.scene());
        Vector3d centre = new Vector3d();
        for (CameraPose pose : scene.poses()) {
            centre.add(pose.position().x(), pose.position().y(), pose.position().z());
        }
        centre.div(scene.poses().size());
        double radius = 0;
        for (CameraPose pose : scene.poses()) {
            radius = Math.max(radius, centre.distance(pose.position().x(), pose.position().y(), pose.position().z()));
        }
        SplittableRandom random = new SplittableRandom(seed ^ 0x9E3779B97F4A7C15L);
        for (int i = 0; i < skyPoints; i++) {
            // Uniform on the sphere around the cameras' centre, three times their largest distance to it.
            double z = random.nextDouble(-1, 1);
            double phi = random.nextDouble(0, 2 * Math.PI);
            double r = Math.sqrt(1 - z * z);
            points.add(new SparsePoint(centre.x + 3 * radius * r * Math.cos(phi), centre.y + 3 * radius * z,
                    centre.z + 3 * radius * r * Math.sin(phi),
                    Math.round(sky[0] * 255), Math.round(sky[1] * 255), Math.round(sky[2] * 255)));
        }
        return new PosedDataset(scene.directory(), List.of(camera), frames, points);
    }

    private static double[] samplePoints(SyntheticScene scene, int objectPoints, int groundPoints, long seed) {
        double[] object = scene.sampleObjectSurface(objectPoints, seed);
        int ground = scene.ground() == null ? 0 : groundPoints;
        double[] xyz = new double[object.length + 3 * ground];
        System.arraycopy(object, 0, xyz, 0, object.length);
        SplittableRandom random = new SplittableRandom(seed ^ 0x5DEECE66DL);
        int n = objectPoints;
        while (n < objectPoints + ground) {
            double x = random.nextDouble(-1, 1);
            double z = random.nextDouble(-1, 1);
            if (x * x + z * z > 1) {
                continue;
            }
            double r = scene.ground().radius();
            if (scene.objectContains(x * r, 1e-6, z * r)) {
                continue; // under the object: never seen
            }
            xyz[3 * n] = x * r;
            xyz[3 * n + 1] = 0;
            xyz[3 * n + 2] = z * r;
            n++;
        }
        return xyz;
    }

    private static List<SparsePoint> colour(double[] xyz, GeneratedScene scene, PinholeIntrinsics k) throws IOException {
        int n = xyz.length / 3;
        List<CameraPose> poses = scene.poses();
        int[] frameOf = new int[n];
        double[] u = new double[n];
        double[] v = new double[n];
        java.util.Arrays.fill(frameOf, -1);
        double[] best = new double[n];
        java.util.Arrays.fill(best, Double.MAX_VALUE);
        Vector3d p = new Vector3d();
        for (int f = 0; f < poses.size(); f++) {
            Matrix4d w2c = poses.get(f).worldToCamera();
            for (int i = 0; i < n; i++) {
                w2c.transformPosition(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2], p);
                if (p.z <= 0.05) {
                    continue;
                }
                double pu = k.fx() * p.x / p.z + k.cx();
                double pv = k.fy() * p.y / p.z + k.cy();
                if (pu < 0 || pv < 0 || pu >= k.width() || pv >= k.height() || p.z >= best[i]) {
                    continue;
                }
                best[i] = p.z;
                frameOf[i] = f;
                u[i] = pu;
                v[i] = pv;
            }
        }
        int fallback = scene.scene().background() instanceof Background.Plain plain ? plain.rgb() : 0x808080;
        int[] rgb = new int[n];
        java.util.Arrays.fill(rgb, fallback);
        for (int f = 0; f < poses.size(); f++) {
            BufferedImage image = null;
            for (int i = 0; i < n; i++) {
                if (frameOf[i] != f) {
                    continue;
                }
                if (image == null) {
                    image = ImageIO.read(scene.image(f).toFile());
                }
                rgb[i] = image.getRGB((int) u[i], (int) v[i]) & 0xFFFFFF;
            }
        }
        List<SparsePoint> points = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            points.add(new SparsePoint(xyz[3 * i], xyz[3 * i + 1], xyz[3 * i + 2], (rgb[i] >> 16) & 0xFF,
                    (rgb[i] >> 8) & 0xFF, rgb[i] & 0xFF));
        }
        return points;
    }

    /** The plain background colour as r g b in 0..1, or black. */
    public static float[] background(SyntheticScene scene) {
        if (scene.background() instanceof Background.Plain plain) {
            int c = plain.rgb();
            return new float[] {((c >> 16) & 0xFF) / 255f, ((c >> 8) & 0xFF) / 255f, (c & 0xFF) / 255f};
        }
        return new float[] {0, 0, 0};
    }
}
