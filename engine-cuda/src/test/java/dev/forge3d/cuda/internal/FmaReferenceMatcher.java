package dev.forge3d.cuda.internal;

import dev.forge3d.api.spi.DescriptorMatcher;

import java.util.Arrays;
import java.util.stream.IntStream;

/**
 * The matching contract written plainly, with the GPU kernel's rounding: squared norms and dot
 * products as chains of fused multiply-adds in index order, distances
 * {@code (|a|^2 + |b|^2) - 2 a.b} in float, each row's nearest two found by a scan in increasing
 * index with the CPU twin's update rule, then the twin's ratio test and cross-check. The kernel
 * must reproduce it bit for bit; it needs no native library, so the GPU bundle (which ships no
 * OpenBLAS for the CPU twin) can still check the kernel.
 */
final class FmaReferenceMatcher implements DescriptorMatcher {

    @Override
    public int[] match(float[] a, int countA, float[] b, int countB, int dimension, float ratio) {
        DescriptorMatcher.checkArguments(a, countA, b, countB, dimension, ratio);
        if (countA == 0 || countB == 0) {
            return new int[0];
        }
        float[] normA = squaredNorms(a, countA, dimension);
        float[] normB = squaredNorms(b, countB, dimension);
        Nearest ofA = nearest(a, normA, countA, b, normB, countB, dimension);
        Nearest ofB = nearest(b, normB, countB, a, normA, countA, dimension);
        float ratio2 = ratio * ratio;
        int[] out = new int[2 * Math.min(countA, countB)];
        int n = 0;
        for (int i = 0; i < countA; i++) {
            int j = ofA.index[i];
            if (ofB.index[j] == i && passes(ofA.best1[i], ofA.best2[i], ratio2, ratio)
                    && passes(ofB.best1[j], ofB.best2[j], ratio2, ratio)) {
                out[n++] = i;
                out[n++] = j;
            }
        }
        return Arrays.copyOf(out, n);
    }

    private static boolean passes(float best1, float best2, float ratio2, float ratio) {
        return ratio >= 1 || Math.max(best1, 0) < ratio2 * Math.max(best2, 0);
    }

    private record Nearest(int[] index, float[] best1, float[] best2) {
    }

    /** For every row of {@code from}, its nearest and second-nearest row of {@code to}. */
    private static Nearest nearest(float[] from, float[] normFrom, int countFrom, float[] to, float[] normTo,
                                   int countTo, int dimension) {
        int[] index = new int[countFrom];
        float[] best1 = new float[countFrom];
        float[] best2 = new float[countFrom];
        IntStream.range(0, countFrom).parallel().forEach(i -> {
            int nearest = 0;
            float first = Float.POSITIVE_INFINITY;
            float second = Float.POSITIVE_INFINITY;
            for (int j = 0; j < countTo; j++) {
                float dot = 0;
                for (int k = 0; k < dimension; k++) {
                    dot = Math.fma(from[i * dimension + k], to[j * dimension + k], dot);
                }
                float distance = normFrom[i] + normTo[j] - 2 * dot;
                if (distance < first) {
                    second = first;
                    first = distance;
                    nearest = j;
                } else if (distance < second) {
                    second = distance;
                }
            }
            index[i] = nearest;
            best1[i] = first;
            best2[i] = second;
        });
        return new Nearest(index, best1, best2);
    }

    private static float[] squaredNorms(float[] rows, int count, int dimension) {
        float[] norms = new float[count];
        for (int i = 0; i < count; i++) {
            float sum = 0;
            for (int k = i * dimension, end = k + dimension; k < end; k++) {
                sum = Math.fma(rows[k], rows[k], sum);
            }
            norms[i] = sum;
        }
        return norms;
    }
}
