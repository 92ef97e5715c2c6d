package dev.forge3d.engine.matching;

import dev.forge3d.engine.features.ImageFeatures;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.stream.IntStream;

/**
 * Image similarity by bag of visual words: each image is a tf-idf weighted, L2-normalised
 * histogram of the words of its descriptors in a {@link VocabularyTree}; similarity is the dot
 * product of two histograms.
 */
public final class ImageRetrieval {
    private static final int BRANCHING = 10;
    private static final int DEPTH = 3;
    /**
     * The vocabulary is trained on a seeded sample of this many descriptors: 20 per word of the
     * 1,000-word tree is plenty for k-means, and training on all of a scan's (about 80,000 at
     * 80 frames) took three times as long for much the same neighbours.
     */
    private static final int MAX_TRAINING_DESCRIPTORS = 20_000;

    private final double[][] histograms;

    private ImageRetrieval(double[][] histograms) {
        this.histograms = histograms;
    }

    /** Builds the vocabulary from these images' own descriptors and describes every image with it. */
    public static ImageRetrieval build(List<ImageFeatures> images, long seed) {
        int total = images.stream().mapToInt(ImageFeatures::count).sum();
        float[] all = new float[total * ImageFeatures.DIMENSION];
        int offset = 0;
        for (ImageFeatures image : images) {
            System.arraycopy(image.descriptors(), 0, all, offset, image.descriptors().length);
            offset += image.descriptors().length;
        }
        VocabularyTree tree = VocabularyTree.train(all, total, ImageFeatures.DIMENSION, BRANCHING, DEPTH,
                MAX_TRAINING_DESCRIPTORS, seed);
        int words = tree.wordCount();
        double[][] counts = new double[images.size()][];
        IntStream.range(0, images.size()).parallel().forEach(i -> {
            ImageFeatures image = images.get(i);
            double[] histogram = new double[words];
            for (int f = 0; f < image.count(); f++) {
                histogram[tree.word(image.descriptors(), f)]++;
            }
            counts[i] = histogram;
        });
        double[] idf = new double[words];
        for (int w = 0; w < words; w++) {
            int containing = 0;
            for (double[] histogram : counts) {
                containing += histogram[w] > 0 ? 1 : 0;
            }
            idf[w] = containing == 0 ? 0 : Math.log((double) images.size() / containing);
        }
        for (double[] histogram : counts) {
            double norm = 0;
            for (int w = 0; w < words; w++) {
                histogram[w] *= idf[w];
                norm += histogram[w] * histogram[w];
            }
            double scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
            for (int w = 0; w < words; w++) {
                histogram[w] *= scale;
            }
        }
        return new ImageRetrieval(counts);
    }

    public double similarity(int a, int b) {
        double sum = 0;
        for (int w = 0; w < histograms[a].length; w++) {
            sum += histograms[a][w] * histograms[b][w];
        }
        return sum;
    }

    /** The {@code k} images most similar to {@code query}, best first, ties to the lower index. */
    public List<Integer> mostSimilar(int query, int k) {
        List<Integer> others = new ArrayList<>();
        double[] scores = new double[histograms.length];
        for (int i = 0; i < histograms.length; i++) {
            if (i != query) {
                others.add(i);
                scores[i] = similarity(query, i);
            }
        }
        others.sort(Comparator.<Integer>comparingDouble(i -> -scores[i]).thenComparing(i -> i));
        return others.subList(0, Math.min(k, others.size()));
    }
}
