package dev.forge3d.engine.matching;

/**
 * The matches of two images that survived geometric verification.
 *
 * @param pair                the images
 * @param matches             feature index pairs interleaved, {@code first0, second0, first1, ...}
 * @param homographyInliers   how many of the putative matches a homography explains; close to
 *                            the inlier count when the pair has no parallax (pure rotation, a plane)
 * @param medianFlowPx        the median distance between matched keypoints, in pixels
 */
public record VerifiedPair(ImagePair pair, int[] matches, int homographyInliers, double medianFlowPx) {
    public int inliers() {
        return matches.length / 2;
    }
}
