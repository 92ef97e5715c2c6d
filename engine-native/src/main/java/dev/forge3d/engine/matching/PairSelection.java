package dev.forge3d.engine.matching;

import dev.forge3d.api.Matching;
import dev.forge3d.engine.features.ImageFeatures;

import java.util.ArrayList;
import java.util.List;
import java.util.TreeSet;

/**
 * Which image pairs to match, with COLMAP's meanings for the three strategies.
 */
public final class PairSelection {
    /** Sequential: each image against the next this many. */
    public static final int SEQUENTIAL_OVERLAP = 10;
    /** Sequential loop detection: every this many-th image is matched by retrieval too. */
    public static final int LOOP_DETECTION_PERIOD = 10;
    /** Sequential loop detection: that image against its this many most similar images. */
    public static final int LOOP_DETECTION_IMAGES = 20;
    /** Vocabulary tree: each image against its this many most similar images. */
    public static final int VOCAB_TREE_NEIGHBOURS = 20;

    private PairSelection() {
    }

    /** The pairs to match, in a fixed order (by first, then second image). */
    public static List<ImagePair> select(Matching strategy, List<ImageFeatures> images, long seed) {
        int n = images.size();
        TreeSet<ImagePair> pairs = new TreeSet<>((p, q) -> p.first() != q.first()
                ? Integer.compare(p.first(), q.first()) : Integer.compare(p.second(), q.second()));
        switch (strategy) {
            case EXHAUSTIVE -> {
                for (int i = 0; i < n; i++) {
                    for (int j = i + 1; j < n; j++) {
                        pairs.add(new ImagePair(i, j));
                    }
                }
            }
            case SEQUENTIAL -> {
                for (int i = 0; i < n; i++) {
                    for (int j = i + 1; j <= Math.min(n - 1, i + SEQUENTIAL_OVERLAP); j++) {
                        pairs.add(new ImagePair(i, j));
                    }
                }
                if (n > SEQUENTIAL_OVERLAP + 1) {
                    ImageRetrieval retrieval = ImageRetrieval.build(images, seed);
                    for (int i = 0; i < n; i += LOOP_DETECTION_PERIOD) {
                        for (int j : retrieval.mostSimilar(i, LOOP_DETECTION_IMAGES)) {
                            pairs.add(ImagePair.of(i, j));
                        }
                    }
                }
            }
            case VOCAB_TREE -> {
                ImageRetrieval retrieval = ImageRetrieval.build(images, seed);
                for (int i = 0; i < n; i++) {
                    for (int j : retrieval.mostSimilar(i, VOCAB_TREE_NEIGHBOURS)) {
                        pairs.add(ImagePair.of(i, j));
                    }
                }
            }
        }
        return new ArrayList<>(pairs);
    }
}
