package dev.forge3d.engine.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;

/**
 * A hierarchical k-means vocabulary (Nister and Stewenius, 2006) built from a job's own
 * descriptors: each node splits its descriptors into {@code branching} clusters, down to
 * {@code depth} levels; the leaves are the visual words. Training is seeded, so the same
 * descriptors and seed give the same tree.
 */
public final class VocabularyTree {
    private static final int KMEANS_ITERATIONS = 8;

    private final int dimension;
    private final int branching;
    /** Per node: the centres of its children, row-major, or null for a leaf. */
    private final List<float[]> childCentres = new ArrayList<>();
    /** Per node: the index of its first child (children are consecutive), or its word for a leaf. */
    private final List<Integer> firstChildOrWord = new ArrayList<>();
    private final List<Integer> childCount = new ArrayList<>();
    private int words;

    private VocabularyTree(int dimension, int branching) {
        this.dimension = dimension;
        this.branching = branching;
    }

    /**
     * @param descriptors training descriptors, row-major
     * @param count       rows
     * @param maxTraining at most this many rows are used, picked at random with the seed
     */
    public static VocabularyTree train(float[] descriptors, int count, int dimension, int branching, int depth,
                                       int maxTraining, long seed) {
        if (branching < 2 || depth < 1) {
            throw new IllegalArgumentException("branching >= 2 and depth >= 1 required");
        }
        SplittableRandom random = new SplittableRandom(seed);
        int[] rows = new int[count];
        for (int i = 0; i < count; i++) {
            rows[i] = i;
        }
        for (int i = 0; i < Math.min(count, maxTraining); i++) {
            int j = i + random.nextInt(count - i);
            int swap = rows[i];
            rows[i] = rows[j];
            rows[j] = swap;
        }
        int[] training = Arrays.copyOf(rows, Math.min(count, maxTraining));
        VocabularyTree tree = new VocabularyTree(dimension, branching);
        tree.build(descriptors, training, depth, random);
        return tree;
    }

    public int wordCount() {
        return words;
    }

    /** The visual word of one descriptor: descend to the nearest centre at every level. */
    public int word(float[] descriptors, int row) {
        int node = 0;
        int offset = row * dimension;
        while (childCentres.get(node) != null) {
            float[] centres = childCentres.get(node);
            int best = nearest(centres, childCount.get(node), descriptors, offset, dimension);
            node = firstChildOrWord.get(node) + best;
        }
        return firstChildOrWord.get(node);
    }

    private void build(float[] descriptors, int[] rows, int depth, SplittableRandom random) {
        // Breadth-first, so each node's children get consecutive indices.
        List<int[]> pending = new ArrayList<>();
        List<Integer> pendingDepth = new ArrayList<>();
        addNode();
        pending.add(rows);
        pendingDepth.add(depth);
        for (int node = 0; node < pending.size(); node++) {
            int[] members = pending.get(node);
            int levels = pendingDepth.get(node);
            if (levels == 0 || members.length < 2 * branching) {
                firstChildOrWord.set(node, words++);
                continue;
            }
            float[] centres = kMeans(descriptors, members, random);
            int[] assignment = new int[members.length];
            int[] sizes = new int[branching];
            for (int m = 0; m < members.length; m++) {
                assignment[m] = nearest(centres, branching, descriptors, members[m] * dimension, dimension);
                sizes[assignment[m]]++;
            }
            childCentres.set(node, centres);
            childCount.set(node, branching);
            firstChildOrWord.set(node, childCentres.size());
            for (int c = 0; c < branching; c++) {
                int[] child = new int[sizes[c]];
                int n = 0;
                for (int m = 0; m < members.length; m++) {
                    if (assignment[m] == c) {
                        child[n++] = members[m];
                    }
                }
                addNode();
                pending.add(child);
                pendingDepth.add(levels - 1);
            }
        }
    }

    private void addNode() {
        childCentres.add(null);
        firstChildOrWord.add(-1);
        childCount.add(0);
    }

    /** Lloyd's k-means with k-means++ seeding; an empty cluster keeps its previous centre. */
    private float[] kMeans(float[] descriptors, int[] members, SplittableRandom random) {
        float[] centres = new float[branching * dimension];
        double[] distance = new double[members.length];
        Arrays.fill(distance, Double.POSITIVE_INFINITY);
        int first = members[random.nextInt(members.length)];
        System.arraycopy(descriptors, first * dimension, centres, 0, dimension);
        for (int c = 1; c < branching; c++) {
            double total = 0;
            for (int m = 0; m < members.length; m++) {
                distance[m] = Math.min(distance[m], squaredDistance(centres, (c - 1) * dimension, descriptors,
                        members[m] * dimension, dimension));
                total += distance[m];
            }
            double pick = random.nextDouble() * total;
            int chosen = members.length - 1;
            for (int m = 0; m < members.length; m++) {
                pick -= distance[m];
                if (pick <= 0) {
                    chosen = m;
                    break;
                }
            }
            System.arraycopy(descriptors, members[chosen] * dimension, centres, c * dimension, dimension);
        }
        double[] sums = new double[branching * dimension];
        int[] sizes = new int[branching];
        for (int iteration = 0; iteration < KMEANS_ITERATIONS; iteration++) {
            Arrays.fill(sums, 0);
            Arrays.fill(sizes, 0);
            for (int member : members) {
                int c = nearest(centres, branching, descriptors, member * dimension, dimension);
                sizes[c]++;
                for (int k = 0; k < dimension; k++) {
                    sums[c * dimension + k] += descriptors[member * dimension + k];
                }
            }
            for (int c = 0; c < branching; c++) {
                if (sizes[c] > 0) {
                    for (int k = 0; k < dimension; k++) {
                        centres[c * dimension + k] = (float) (sums[c * dimension + k] / sizes[c]);
                    }
                }
            }
        }
        return centres;
    }

    static int nearest(float[] centres, int count, float[] descriptors, int offset, int dimension) {
        int best = 0;
        double bestDistance = Double.POSITIVE_INFINITY;
        for (int c = 0; c < count; c++) {
            double d = squaredDistance(centres, c * dimension, descriptors, offset, dimension);
            if (d < bestDistance) {
                bestDistance = d;
                best = c;
            }
        }
        return best;
    }

    private static double squaredDistance(float[] x, int offsetX, float[] y, int offsetY, int dimension) {
        float sum = 0;
        for (int k = 0; k < dimension; k++) {
            float d = x[offsetX + k] - y[offsetY + k];
            sum += d * d;
        }
        return sum;
    }
}
