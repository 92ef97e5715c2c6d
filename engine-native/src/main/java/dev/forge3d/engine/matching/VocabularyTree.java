package dev.forge3d.engine.matching;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.SplittableRandom;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * A hierarchical k-means vocabulary (Nister and Stewenius, 2006) built from a job's own
 * descriptors: each node splits its descriptors into {@code branching} clusters, down to
 * {@code depth} levels; the leaves are the visual words. Training is seeded, so the same
 * descriptors and seed give the same tree.
 */
public final class VocabularyTree {
    private static final int KMEANS_ITERATIONS = 8;
    /** Loops over at least this many independent items (members, or groups of four) run in parallel. */
    private static final int PARALLEL_MEMBERS = 1024;

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
            int[] assignment = nearestCentres(centres, descriptors, members);
            int[] sizes = new int[branching];
            for (int m = 0; m < members.length; m++) {
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
            int previous = (c - 1) * dimension;
            forEachMember(members.length, m -> distance[m] = Math.min(distance[m],
                    squaredDistance(centres, previous, descriptors, members[m] * dimension, dimension)));
            double total = 0;
            for (int m = 0; m < members.length; m++) {
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
            int[] assignment = nearestCentres(centres, descriptors, members);
            for (int m = 0; m < members.length; m++) {
                int member = members[m];
                int c = assignment[m];
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

    /**
     * The nearest centre of every member, as {@link #nearest} finds it, four members at a time (in
     * parallel for large nodes); the caller sums in member order.
     */
    private int[] nearestCentres(float[] centres, float[] descriptors, int[] members) {
        int[] assignment = new int[members.length];
        int quads = members.length / 4;
        forEachMember(quads, q -> nearestOfFour(centres, descriptors, members, 4 * q, assignment));
        for (int m = 4 * quads; m < members.length; m++) {
            assignment[m] = nearest(centres, branching, descriptors, members[m] * dimension, dimension);
        }
        return assignment;
    }

    /**
     * {@link #nearest} for members {@code first..first+3} at once: the same float operations in
     * the same order per member, so the same result, but four independent sums in flight instead
     * of one chain of dependent additions.
     */
    private void nearestOfFour(float[] centres, float[] descriptors, int[] members, int first, int[] assignment) {
        int o0 = members[first] * dimension;
        int o1 = members[first + 1] * dimension;
        int o2 = members[first + 2] * dimension;
        int o3 = members[first + 3] * dimension;
        int best0 = 0, best1 = 0, best2 = 0, best3 = 0;
        double bestDistance0 = Double.POSITIVE_INFINITY, bestDistance1 = Double.POSITIVE_INFINITY;
        double bestDistance2 = Double.POSITIVE_INFINITY, bestDistance3 = Double.POSITIVE_INFINITY;
        for (int c = 0; c < branching; c++) {
            int oc = c * dimension;
            float sum0 = 0, sum1 = 0, sum2 = 0, sum3 = 0;
            for (int k = 0; k < dimension; k++) {
                float centre = centres[oc + k];
                float d0 = centre - descriptors[o0 + k];
                float d1 = centre - descriptors[o1 + k];
                float d2 = centre - descriptors[o2 + k];
                float d3 = centre - descriptors[o3 + k];
                sum0 += d0 * d0;
                sum1 += d1 * d1;
                sum2 += d2 * d2;
                sum3 += d3 * d3;
            }
            if (sum0 < bestDistance0) {
                bestDistance0 = sum0;
                best0 = c;
            }
            if (sum1 < bestDistance1) {
                bestDistance1 = sum1;
                best1 = c;
            }
            if (sum2 < bestDistance2) {
                bestDistance2 = sum2;
                best2 = c;
            }
            if (sum3 < bestDistance3) {
                bestDistance3 = sum3;
                best3 = c;
            }
        }
        assignment[first] = best0;
        assignment[first + 1] = best1;
        assignment[first + 2] = best2;
        assignment[first + 3] = best3;
    }

    /**
     * Runs an independent per-member computation, in parallel for large nodes. Each member writes
     * only its own slot and every reduction stays sequential, so the tree does not depend on the
     * thread count.
     */
    private static void forEachMember(int count, IntConsumer body) {
        IntStream range = IntStream.range(0, count);
        (count >= PARALLEL_MEMBERS ? range.parallel() : range).forEach(body);
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
