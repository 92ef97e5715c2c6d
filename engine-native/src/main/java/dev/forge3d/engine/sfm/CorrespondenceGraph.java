package dev.forge3d.engine.sfm;

import dev.forge3d.engine.matching.VerifiedPair;

import java.util.List;

/**
 * For every feature of every image, the features of other images it was matched to (after
 * verification), in compressed rows per image.
 */
public final class CorrespondenceGraph {
    private final int[][] start;
    private final int[][] otherImage;
    private final int[][] otherFeature;

    public CorrespondenceGraph(int[] featureCounts, List<VerifiedPair> pairs) {
        int images = featureCounts.length;
        start = new int[images][];
        for (int i = 0; i < images; i++) {
            start[i] = new int[featureCounts[i] + 1];
        }
        for (VerifiedPair pair : pairs) {
            int[] m = pair.matches();
            for (int k = 0; k < m.length; k += 2) {
                start[pair.pair().first()][m[k] + 1]++;
                start[pair.pair().second()][m[k + 1] + 1]++;
            }
        }
        otherImage = new int[images][];
        otherFeature = new int[images][];
        int[][] fill = new int[images][];
        for (int i = 0; i < images; i++) {
            for (int f = 0; f < featureCounts[i]; f++) {
                start[i][f + 1] += start[i][f];
            }
            otherImage[i] = new int[start[i][featureCounts[i]]];
            otherFeature[i] = new int[otherImage[i].length];
            fill[i] = start[i].clone();
        }
        for (VerifiedPair pair : pairs) {
            int a = pair.pair().first();
            int b = pair.pair().second();
            int[] m = pair.matches();
            for (int k = 0; k < m.length; k += 2) {
                int slotA = fill[a][m[k]]++;
                otherImage[a][slotA] = b;
                otherFeature[a][slotA] = m[k + 1];
                int slotB = fill[b][m[k + 1]]++;
                otherImage[b][slotB] = a;
                otherFeature[b][slotB] = m[k];
            }
        }
    }

    /** First index of feature {@code feature}'s correspondences in {@link #otherImage(int, int)}. */
    public int from(int image, int feature) {
        return start[image][feature];
    }

    public int to(int image, int feature) {
        return start[image][feature + 1];
    }

    public int otherImage(int image, int index) {
        return otherImage[image][index];
    }

    public int otherFeature(int image, int index) {
        return otherFeature[image][index];
    }
}
