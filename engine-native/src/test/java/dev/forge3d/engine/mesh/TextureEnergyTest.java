package dev.forge3d.engine.mesh;

import java.util.Random;

import org.junit.jupiter.api.Test;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The texture cue of {@link LocalGrabCut}: object and backdrop with one palette, told apart by texture. */
class TextureEnergyTest {
    static final int S = 288;
    static final int ORANGE = 0xC07030, BLUE = 0x3070C0;
    /** The object: a square of 2 x 2 checks; the starting labels: a box around it, this much wider. */
    static final int OBJECT_LO = 96, OBJECT_HI = 192, SLACK = 24;

    /**
     * The backdrop is flat bands of orange and blue, 24 pixels tall; the object a fine
     * checkerboard of the same two colours, so each colour is as common on both sides, in every
     * part of the image. Started from a box around the object, colour alone cannot tell the
     * box's backdrop from the object; with the texture cue, whose models are learnt from the same
     * labels, the cut finds the object.
     */
    @Test
    void texturedObjectOnFlatBackdropOfItsColoursIsSeparatedOnlyWithTheCue() {
        int[] rgb = new int[S * S];
        byte[] truth = new byte[S * S];
        for (int y = 0; y < S; y++) {
            for (int x = 0; x < S; x++) {
                boolean object = x >= OBJECT_LO && x < OBJECT_HI && y >= OBJECT_LO && y < OBJECT_HI;
                boolean orange = object ? (x / 2 + y / 2) % 2 == 0 : y / 24 % 2 == 0;
                rgb[y * S + x] = orange ? ORANGE : BLUE;
                truth[y * S + x] = (byte) (object ? 1 : 0);
            }
        }
        byte[] withCue = startingLabels(), colourOnly = startingLabels();
        LocalGrabCut.iterate(rgb, TextureEnergy.binsIfResolved(rgb, S, S), withCue, S, S, 3, null);
        LocalGrabCut.iterate(rgb, null, colourOnly, S, S, 3, null);
        double with = iou(withCue, truth), without = iou(colourOnly, truth);
        assertTrue(with > 0.9, "with the texture cue, mask IoU " + with);
        assertTrue(without < 0.8, "colour alone, mask IoU " + without);
    }

    /** Below {@link TextureEnergy#MIN_SIDE} the cue is not measured; bins are in range and the same on every call. */
    @Test
    void binsAreInRangeDeterministicAndOnlyOnLargeEnoughImages() {
        int[] rgb = new int[S * S];
        Random random = new Random(5);
        for (int i = 0; i < rgb.length; i++) {
            rgb[i] = random.nextInt(1 << 24);
        }
        int[] bins = TextureEnergy.binsIfResolved(rgb, S, S);
        assertArrayEquals(bins, TextureEnergy.bins(rgb.clone(), S, S));
        for (int b : bins) {
            assertTrue(b >= 0 && b < TextureEnergy.BINS, "bin " + b);
        }
        assertNull(TextureEnergy.binsIfResolved(new int[160 * 160], 160, 160));
    }

    /**
     * The least busy corner window: both flat sides of a straight edge read zero up to the edge
     * (all but the column left of it, which holds the forward difference across it), where a
     * centred window would count the edge's contrast up to its radius on both sides.
     */
    @Test
    void anEdgeBetweenFlatRegionsIsNotCountedAsTextureOnEitherSide() {
        int w = 32, h = 16;
        int[] rgb = new int[w * h];
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                rgb[y * w + x] = x < w / 2 ? ORANGE : BLUE;
            }
        }
        double[] energy = TextureEnergy.edgeAwareEnergy(TextureEnergy.squaredGradient(rgb, w, h), w, h,
                TextureEnergy.COARSE_RADIUS);
        for (int i = 0; i < energy.length; i++) {
            assertTrue(i % w == w / 2 - 1 ? energy[i] > 0 : energy[i] == 0, "energy " + energy[i] + " at x = " + i % w);
        }
    }

    private static byte[] startingLabels() {
        byte[] labels = new byte[S * S];
        for (int y = 0; y < S; y++) {
            for (int x = 0; x < S; x++) {
                boolean band = x < 2 || y < 2 || x >= S - 2 || y >= S - 2;
                boolean box = x >= OBJECT_LO - SLACK && x < OBJECT_HI + SLACK
                        && y >= OBJECT_LO - SLACK && y < OBJECT_HI + SLACK;
                labels[y * S + x] = band ? LocalGrabCut.BGD : box ? LocalGrabCut.PR_FGD : LocalGrabCut.PR_BGD;
            }
        }
        return labels;
    }

    private static double iou(byte[] labels, byte[] truth) {
        return ViewImage.maskIou(LocalGrabCut.objectMask(labels), truth);
    }
}
