package dev.forge3d.engine.matching;

import dev.forge3d.api.spi.DescriptorMatcher;
import dev.forge3d.engine.features.ImageFeatures;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/** Matches the selected pairs (ratio test and cross-check) and verifies them geometrically. */
public final class FeatureMatching {
    /** Lowe's ratio, as COLMAP's default. */
    public static final float RATIO = 0.8f;
    /** The RANSAC threshold of verification, in pixels. */
    public static final double MAX_EPIPOLAR_ERROR_PX = 2.0;

    private FeatureMatching() {
    }

    /**
     * @param done receives the number of pairs finished so far (from worker threads); it may
     *             throw to cancel
     * @return the verified pairs, in the order of {@code pairs}
     */
    public static List<VerifiedPair> matchAndVerify(List<ImageFeatures> images, List<ImagePair> pairs,
                                                    DescriptorMatcher matcher, IntConsumer done) {
        TwoViewVerifier verifier = new TwoViewVerifier(MAX_EPIPOLAR_ERROR_PX);
        @SuppressWarnings("unchecked")
        Optional<VerifiedPair>[] results = new Optional[pairs.size()];
        AtomicInteger finished = new AtomicInteger();
        IntStream.range(0, pairs.size()).parallel().forEach(k -> {
            ImagePair pair = pairs.get(k);
            ImageFeatures a = images.get(pair.first());
            ImageFeatures b = images.get(pair.second());
            int[] matches = matcher.match(a.descriptors(), a.count(), b.descriptors(), b.count(),
                    ImageFeatures.DIMENSION, RATIO);
            results[k] = verifier.verify(pair, a, b, matches);
            done.accept(finished.incrementAndGet());
        });
        List<VerifiedPair> verified = new ArrayList<>();
        for (Optional<VerifiedPair> result : results) {
            result.ifPresent(verified::add);
        }
        return verified;
    }
}
