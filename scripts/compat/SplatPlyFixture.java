import dev.forge3d.api.spi.SplatArrays;
import dev.forge3d.engine.io.GaussianPly;

import java.nio.file.Path;
import java.util.List;
import java.util.SplittableRandom;

/**
 * Writes a deterministic random 3DGS PLY with Forge3D's writer, reads it back with Forge3D's
 * reader, and prints the Gaussian count and each property's min and max as JSON, for the
 * compatibility check against an independent reader. Run with the engine classes on the class path:
 * java -cp engine-native/target/classes:engine-api/target/classes SplatPlyFixture.java OUT.ply
 */
public final class SplatPlyFixture {
    public static void main(String[] args) throws Exception {
        Path file = Path.of(args[0]);
        int count = 1000;
        SplittableRandom random = new SplittableRandom(42);
        SplatArrays g = SplatArrays.allocate(count);
        for (float[] a : new float[][] {g.means(), g.logScales(), g.rotations(), g.opacityLogits(), g.shDc(), g.shRest()}) {
            for (int i = 0; i < a.length; i++) {
                a[i] = (float) random.nextDouble(-3, 3);
            }
        }
        GaussianPly.write(g, file);
        SplatArrays back = GaussianPly.read(file);
        List<String> names = GaussianPly.PROPERTIES;
        StringBuilder json = new StringBuilder("{\"count\":" + back.count() + ",\"ranges\":{");
        for (int p = 0; p < names.size(); p++) {
            float min = Float.POSITIVE_INFINITY;
            float max = Float.NEGATIVE_INFINITY;
            for (int i = 0; i < back.count(); i++) {
                float v = value(back, i, p);
                min = Math.min(min, v);
                max = Math.max(max, v);
            }
            json.append(p == 0 ? "" : ",").append('"').append(names.get(p)).append("\":[").append(min).append(',')
                    .append(max).append(']');
        }
        System.out.println(json.append("}}"));
    }

    /** Property p of Gaussian i in file order, from the arrays (normals are zero). */
    static float value(SplatArrays g, int i, int p) {
        if (p < 3) {
            return g.means()[3 * i + p];
        }
        if (p < 6) {
            return 0f;
        }
        if (p < 9) {
            return g.shDc()[3 * i + p - 6];
        }
        if (p < 54) {
            int channel = (p - 9) / 15;
            int k = (p - 9) % 15;
            return g.shRest()[45 * i + 3 * k + channel];
        }
        if (p == 54) {
            return g.opacityLogits()[i];
        }
        if (p < 58) {
            return g.logScales()[3 * i + p - 55];
        }
        return g.rotations()[4 * i + p - 58];
    }
}
