package dev.forge3d.engine.mesh;

import dev.forge3d.api.spi.MeshKernels;
import dev.forge3d.api.View;
import org.junit.jupiter.api.Test;

import java.util.Arrays;
import java.util.SplittableRandom;
import java.util.stream.IntStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;

/** TextureBaker.sampleTexelRows, the CPU twin of the bake kernel, on cases worked out by hand. */
class TexelSamplingTest {
    private static final int BOTH_PLANES = MeshKernels.MIRROR_LEFT_RIGHT | MeshKernels.MIRROR_FRONT_BACK;

    private static final int W = 8, H = 8;

    /** The front orthographic camera: u = 4x + 4, v = 4 - 4y, depth = 10 - z, looking down -z. */
    private static double[] frontCamera() {
        return TextureBaker.bakeCameras(ViewCamera.orthographic(View.FRONT, W, H, 4));
    }

    @Test
    void visibleMirroredHiddenAndUncoveredTexels() {
        // Texels: 0 faces the camera at (0.25, 0, 0); 1 faces away at (-0.25, 0, 0); 2 faces the
        // camera at (0.5, 0.5, 0) behind a nearer surface; 3 is not covered.
        byte[] covered = {1, 1, 1, 0};
        float[] position = {0.25f, 0, 0, -0.25f, 0, 0, 0.5f, 0.5f, 0, 0, 0, 0};
        float[] normal = {0, 0, 1, 0, 0, -1, 0, 0, 1, 0, 0, 1};
        int[] rgb = new int[W * H];
        byte[] mask = new byte[W * H];
        float[] depth = new float[W * H];
        for (int y = 0; y < H; y++) {
            for (int x = 0; x < W; x++) {
                rgb[y * W + x] = (20 * x << 16) | (20 * y << 8) | 7;
            }
        }
        Arrays.fill(mask, (byte) 1);
        Arrays.fill(depth, Float.POSITIVE_INFINITY);
        depth[2 * W + 6] = 9; // texel 2 projects to pixel (6, 2) at depth 10
        int[] outRgb = new int[4];
        byte[] outSeen = new byte[4];

        TextureBaker.sampleTexelRows(2, covered, position, normal, 1, frontCamera(), new int[] {W, H}, rgb, mask,
                depth, 0.1, 0, outRgb, outSeen, 0, 2);
        // Texel 0 lands on u = 5, v = 4: the bilinear mean of pixels (4..5, 3..4).
        assertEquals((90 << 16) | (70 << 8) | 7, outRgb[0]);
        assertArrayEquals(new byte[] {1, 0, 0, 0}, outSeen);
        assertArrayEquals(new int[] {outRgb[0], 0, 0, 0}, outRgb);

        TextureBaker.sampleTexelRows(2, covered, position, normal, 1, frontCamera(), new int[] {W, H}, rgb, mask,
                depth, 0.1, BOTH_PLANES, outRgb, outSeen, 0, 2);
        // Texel 1's mirror across x = 0 still faces away; its mirror across z = 0 faces the camera
        // at u = 3, v = 4: pixels (2..3, 3..4).
        assertEquals((50 << 16) | (70 << 8) | 7, outRgb[1]);
        // Texel 2's mirror across x = 0, (-0.5, 0.5, 0), is not hidden: u = 2, v = 2, pixels (1..2, 1..2).
        assertEquals((30 << 16) | (30 << 8) | 7, outRgb[2]);
        assertArrayEquals(new byte[] {1, 1, 1, 0}, outSeen);
        int[] bothRgb = outRgb.clone();

        // Each plane alone: across x = 0 only texel 2's mirror helps, across z = 0 only texel 1's.
        TextureBaker.sampleTexelRows(2, covered, position, normal, 1, frontCamera(), new int[] {W, H}, rgb, mask,
                depth, 0.1, MeshKernels.MIRROR_LEFT_RIGHT, outRgb, outSeen, 0, 2);
        assertArrayEquals(new byte[] {1, 0, 1, 0}, outSeen);
        assertEquals(bothRgb[2], outRgb[2]);
        TextureBaker.sampleTexelRows(2, covered, position, normal, 1, frontCamera(), new int[] {W, H}, rgb, mask,
                depth, 0.1, MeshKernels.MIRROR_FRONT_BACK, outRgb, outSeen, 0, 2);
        assertArrayEquals(new byte[] {1, 1, 0, 0}, outSeen);
        assertEquals(bothRgb[1], outRgb[1]);

        // Outside the mask, texel 0 is not seen either.
        mask[4 * W + 5] = 0;
        TextureBaker.sampleTexelRows(2, covered, position, normal, 1, frontCamera(), new int[] {W, H}, rgb, mask,
                depth, 0.1, 0, outRgb, outSeen, 0, 2);
        assertEquals(0, outSeen[0]);
    }

    @Test
    void rowRangesInParallelGiveTheSingleThreadedResult() {
        SplittableRandom random = new SplittableRandom(5);
        int size = 64, texels = size * size;
        byte[] covered = new byte[texels];
        float[] position = new float[3 * texels];
        float[] normal = new float[3 * texels];
        for (int t = 0; t < texels; t++) {
            covered[t] = (byte) (random.nextInt(4) == 0 ? 0 : 1);
            for (int k = 0; k < 3; k++) {
                position[3 * t + k] = (float) (random.nextDouble() * 1.6 - 0.8);
                normal[3 * t + k] = (float) random.nextGaussian();
            }
        }
        double[] cameras = TextureBaker.bakeCameras(ViewCamera.orthographic(View.FRONT, W, H, 4),
                ViewCamera.orthographic(View.RIGHT, W, H, 4));
        int[] rgb = random.ints(2 * W * H, 0, 1 << 24).toArray();
        byte[] mask = new byte[2 * W * H];
        float[] depth = new float[2 * W * H];
        for (int p = 0; p < mask.length; p++) {
            mask[p] = (byte) (random.nextInt(8) == 0 ? 0 : 1);
            depth[p] = (float) (9.5 + random.nextDouble());
        }
        int[] wholeRgb = new int[texels], rowsRgb = new int[texels];
        byte[] wholeSeen = new byte[texels], rowsSeen = new byte[texels];
        TextureBaker.sampleTexelRows(size, covered, position, normal, 2, cameras, new int[] {W, H, W, H}, rgb, mask,
                depth, 0.05, BOTH_PLANES, wholeRgb, wholeSeen, 0, size);
        IntStream.range(0, size).parallel().forEach(y -> TextureBaker.sampleTexelRows(size, covered, position, normal,
                2, cameras, new int[] {W, H, W, H}, rgb, mask, depth, 0.05, BOTH_PLANES, rowsRgb, rowsSeen, y, y + 1));
        assertArrayEquals(wholeRgb, rowsRgb);
        assertArrayEquals(wholeSeen, rowsSeen);
        int seen = 0;
        for (byte b : wholeSeen) {
            seen += b;
        }
        // Both views see some texels and hide others: the comparison covers both outcomes.
        assertEquals(true, seen > texels / 10 && seen < texels * 9 / 10, seen + " of " + texels + " seen");
    }
}
