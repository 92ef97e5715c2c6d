package dev.forge3d.engine.splat;

import dev.forge3d.api.spi.DensifySettings;
import dev.forge3d.api.spi.SplatArrays;
import org.junit.jupiter.api.Test;

import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

class DensificationTest {
    private static final DensifySettings NO_PRUNE_BY_SIZE = new DensifySettings(1e-4f, 0.01f, 0.005f, 0f, 0f);

    @Test
    void splitChildrenAreSampledFromTheParentGaussian() {
        // Every Gaussian is large and has a high gradient, so every one splits.
        int n = 3000;
        SplatArrays parents = SplatScenes.random(n, 11, 0.05f, 0.4f);
        float[] gradient = new float[n];
        Arrays.fill(gradient, 1f);
        int[] counts = new int[3];
        SplatArrays children = Densification.run(state(parents), gradient, new float[n], NO_PRUNE_BY_SIZE, 1f,
                10 * n, 3, 0, counts).params();
        assertArrayEquals(new int[] {0, n, 0}, counts);
        assertEquals(2 * n, children.count());
        assertEquals(2 * n, Densification.plan(parents, gradient, new float[n], NO_PRUNE_BY_SIZE, 1f, 10 * n)
                .keptChildren());
        // Offsets from the parent, in the parent's frame and in units of its scales: standard normal.
        double sum = 0;
        double sumSquares = 0;
        float[] r = new float[9];
        for (int i = 0; i < n; i++) {
            float[] q = Arrays.copyOfRange(parents.rotations(), 4 * i, 4 * i + 4);
            float qn = (float) Math.sqrt(q[0] * q[0] + q[1] * q[1] + q[2] * q[2] + q[3] * q[3]);
            Projection.rotation(q[0] / qn, q[1] / qn, q[2] / qn, q[3] / qn, r);
            for (int child = 0; child < 2; child++) {
                int j = 2 * i + child;
                for (int axis = 0; axis < 3; axis++) {
                    double local = 0;
                    for (int k = 0; k < 3; k++) {
                        local += r[3 * k + axis] * (children.means()[3 * j + k] - parents.means()[3 * i + k]);
                    }
                    local /= Math.exp(parents.logScales()[3 * i + axis]);
                    sum += local;
                    sumSquares += local * local;
                    assertEquals(parents.logScales()[3 * i + axis] - Math.log(1.6), children.logScales()[3 * j + axis],
                            1e-5);
                }
            }
        }
        int samples = 6 * n;
        assertEquals(0, sum / samples, 0.05, "mean offset");
        assertEquals(1, sumSquares / samples, 0.06, "offset variance");
    }

    @Test
    void theCapDropsTheLowestGradientsAndOnEqualGradientsTheLowerIndices() {
        int n = 10;
        SplatArrays small = SplatScenes.random(n, 5, 0.001f, 0.002f); // all clones
        Arrays.fill(small.opacityLogits(), 1f);
        float[] gradient = {5e-4f, 1e-3f, 1e-3f, 0, 1e-3f, 2e-4f, 9e-4f, 1e-3f, 0, 3e-4f};
        int[] counts = new int[3];
        // Eight candidates, room for four: 1e-3 at 1, 2, 4, 7 wins over 9e-4 at 6; then room for three.
        SplatArrays out = Densification.run(state(small), gradient, new float[n], NO_PRUNE_BY_SIZE, 1f, n + 4, 0, 0,
                counts).params();
        assertArrayEquals(new int[] {4, 0, 0}, counts);
        assertClonesOf(small, out, 1, 2, 4, 7);
        out = Densification.run(state(small), gradient, new float[n], NO_PRUNE_BY_SIZE, 1f, n + 3, 0, 0, counts)
                .params();
        assertClonesOf(small, out, 2, 4, 7);
    }

    @Test
    void theSameSeedAndCallGiveTheSameSplitsAndAnotherCallOthers() {
        int n = 50;
        SplatArrays parents = SplatScenes.random(n, 2, 0.1f, 0.3f);
        float[] gradient = new float[n];
        Arrays.fill(gradient, 1f);
        int[] counts = new int[3];
        float[] first = Densification.run(state(parents), gradient, new float[n], NO_PRUNE_BY_SIZE, 1f, 1000, 8, 1,
                counts).params().means();
        float[] again = Densification.run(state(parents), gradient, new float[n], NO_PRUNE_BY_SIZE, 1f, 1000, 8, 1,
                counts).params().means();
        float[] nextCall = Densification.run(state(parents), gradient, new float[n], NO_PRUNE_BY_SIZE, 1f, 1000, 8, 2,
                counts).params().means();
        assertArrayEquals(first, again);
        assertEquals(false, Arrays.equals(first, nextCall), "another call index samples other children");
    }

    private static void assertClonesOf(SplatArrays source, SplatArrays out, int... cloned) {
        int n = source.count();
        assertEquals(n + cloned.length, out.count());
        for (int c = 0; c < cloned.length; c++) {
            assertArrayEquals(Arrays.copyOfRange(source.means(), 3 * cloned[c], 3 * cloned[c] + 3),
                    Arrays.copyOfRange(out.means(), 3 * (n + c), 3 * (n + c) + 3), "clone " + c);
        }
    }

    private static Densification.State state(SplatArrays params) {
        return new Densification.State(params, SplatArrays.allocate(params.count()),
                SplatArrays.allocate(params.count()));
    }
}
