package dev.forge3d.engine.pipeline;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.api.View;
import dev.forge3d.engine.dataset.ReferenceMapping;
import dev.forge3d.engine.mesh.Segmentation;
import dev.forge3d.engine.mesh.ViewImage;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * What the mesh job needs of its views, decoded and then segmented. The views' cameras are
 * assumed, not estimated: one lens across each photo's longer side (ViewNormalisation), so a
 * photo cropped to another shape shows the object at another size than its lens implies, and the
 * views then disagree; a photo given for two views claims the object looks alike from both sides.
 * Either gave a mesh of the wrong size and shape, written as if nothing were amiss. Segmented, a
 * view must show an object a couple of dozen pixels across at least, and one that reaches the
 * photo's edge is noted: the mesh lacks what was cut off.
 */
final class MeshViewChecks {
    /**
     * The fewest pixels across (the object's longer side) that a view's object may span: a
     * silhouette coarser than that, each pixel over 4% of the object, gives a mesh of blocks. The
     * segmentation finds smaller ones on a plain backdrop (mask IoU 0.94-0.99 at 20 pixels in a
     * 1024-pixel photo).
     */
    static final int MIN_OBJECT_PIXELS = 24;

    private MeshViewChecks() {
    }

    /**
     * Every view is the front's photo as the assumed lens saw it: its shape, turned a quarter or
     * not, at any size ({@link ReferenceMapping#fit}), as the photos of a scan folder must; or cut
     * down on its shorter side only, as cut-outs cropped to the object are, which keeps the longer
     * side the lens spans ({@code ViewNormalisation}) within 2% of the front's.
     *
     * @throws Forge3dException {@code unreadable_input} naming the two views and their sizes
     */
    static void requireOneShape(Map<View, Mat> images) {
        Mat front = images.get(View.FRONT);
        int frontLong = Math.max(front.cols(), front.rows());
        for (Map.Entry<View, Mat> entry : images.entrySet()) {
            Mat image = entry.getValue();
            boolean sameShape = ReferenceMapping.fit(image.cols(), image.rows(), front.cols(), front.rows()).isPresent();
            boolean sameLongSide = Math.abs(Math.max(image.cols(), image.rows()) - frontLong) <= 0.02 * frontLong;
            if (!sameShape && !sameLongSide) {
                throw new Forge3dException(ErrorCode.UNREADABLE_INPUT, "the views differ in shape: the front view is "
                        + front.cols() + "x" + front.rows() + " but the " + name(entry.getKey()) + " view is "
                        + image.cols() + "x" + image.rows() + "; the views are taken as photos through one lens, so "
                        + "they must have one aspect ratio (portrait and landscape, or other sizes of it, are fine) "
                        + "or be cut down on their shorter side only: crop or pad them alike");
            }
        }
    }

    /**
     * No two views are the same image (the same pixels, as when one file is given twice).
     *
     * @throws Forge3dException {@code invalid_param} naming the two views
     */
    static void requireDistinct(Map<View, Mat> images) {
        List<View> seen = new ArrayList<>();
        for (Map.Entry<View, Mat> entry : images.entrySet()) {
            for (View earlier : seen) {
                if (samePixels(images.get(earlier), entry.getValue())) {
                    throw new Forge3dException(ErrorCode.INVALID_PARAM, "the " + name(entry.getKey())
                            + " view is the same image as the " + name(earlier) + " view; each view must be a photo "
                            + "from its own side of the object (leave a view out rather than repeat one)");
                }
            }
            seen.add(entry.getKey());
        }
    }

    /**
     * The segmentation found an object in the view, at least {@link #MIN_OBJECT_PIXELS} across.
     *
     * @throws Forge3dException {@code reconstruction_failed} saying which and what a user can change
     */
    static void requireObject(View view, ViewImage segmented) {
        if (segmented.maskArea() == 0) {
            throw new Forge3dException(ErrorCode.RECONSTRUCTION_FAILED, "segmentation found no object in the "
                    + name(view) + " view: no region stands out from the colours along the image border (is the "
                    + "image blank, is the object only a few pixels across, or does it fill the photo or run off "
                    + "its edges? It must stand whole in the photo, with backdrop around it)");
        }
        int across = segmented.widestSide();
        if (across < MIN_OBJECT_PIXELS) {
            throw new Forge3dException(ErrorCode.RECONSTRUCTION_FAILED, "the object in the " + name(view)
                    + " view is only " + across + " pixels across, " + (MIN_OBJECT_PIXELS - across) + " short of the "
                    + MIN_OBJECT_PIXELS + " the mesh needs: move closer, or crop every view alike around the object, "
                    + "keeping a margin of backdrop");
        }
    }

    /**
     * The note for a view whose object reaches the band along the photo's edge that segmentation
     * takes for backdrop ({@link Segmentation#reachesBackdropBand}): the mesh lacks what was cut.
     */
    static String cutOffNote(View view, ViewImage segmented) {
        return "the object in the " + name(view) + " view reaches the edge of the photo (the "
                + Segmentation.backdropBand(segmented.width(), segmented.height()) + " pixels along it are taken "
                + "for backdrop): any part of it there or beyond the photo is missing from the mesh; leave a "
                + "margin of backdrop around the object";
    }

    private static boolean samePixels(Mat a, Mat b) {
        return a.rows() == b.rows() && a.cols() == b.cols() && a.type() == b.type()
                && opencv_core.norm(a, b) == 0;
    }

    private static String name(View view) {
        return view.name().toLowerCase(Locale.ROOT);
    }
}
