package dev.forge3d.engine.mesh;

import dev.forge3d.api.View;
import dev.forge3d.engine.mesh.BorderColourModel.Border;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgproc;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Rect;
import org.bytedeco.opencv.opencv_core.Size;

import java.util.Collection;
import java.util.EnumMap;
import java.util.Map;

/**
 * Finds the object in a photo. An image with a real alpha channel is its own mask. Otherwise,
 * on a downscaled copy:
 * <ol>
 *   <li>the border band's colours are clustered (k-means): pixels far from every cluster seed
 *       the foreground, the band itself is certain background ({@link BorderColourModel});</li>
 *   <li>a first GrabCut (OpenCV) splits the image from those seeds;</li>
 *   <li>a second GrabCut starts from a rectangle around the first one's object, grown by a
 *       small margin and spanning at least the image's central half, so that its colour models
 *       are learnt from the object's surroundings only;</li>
 *   <li>over a busy (many-coloured) border, {@link LocalGrabCut} iterates on from the second
 *       pass's labels with colour models local to each part of the image, and local models of
 *       texture energy ({@link TextureEnergy}) on a working copy large enough to resolve it,
 *       where a smooth patch on a textured side does not vouch for its own label
 *       ({@link SmoothRegions});</li>
 *   <li>over a plain border, while the object spans less than a fifth of the working copy, the cut
 *       runs again on a window of the photo around it ({@link PhotoWindow}), at up to full
 *       resolution: a small object in a large photo is a few pixels across on the working copy;</li>
 *   <li>the mask keeps the component nearest the image centre and the parts close to it, with
 *       holes filled ({@link MaskComponents});</li>
 *   <li>at full resolution, its edge pixels are relabelled by how much of them the object covers
 *       ({@link BoundaryCoverage}): GrabCut counts the mixed edge pixels as object.</li>
 * </ol>
 * {@link #segmentViews} segments the views of one object together: over a busy border, a view
 * whose opposite view is given recuts its labels with that view's mirrored outline as a shape
 * prior ({@link OppositeViews}); then, with all four views, a view over a busy border recuts
 * where the other views' rays need a part that it lost ({@link LostParts}), cuts the backdrop
 * patches glued to its outline beyond the opposite view's mirrored outline
 * ({@link GluedPatches}), then the thick stretches of backdrop it spilled into beyond that
 * outline ({@link BackdropSpills}); all before the last two steps. A view cut on a window sits
 * these out: its working copy is not the photo's.
 */
public final class Segmentation {
    /** GrabCut runs on a copy whose longest side is at most this, for speed. */
    static final int WORK_SIZE = 320;
    /** GrabCut iterations of the first pass, from the border model's seeds. */
    static final int GRABCUT_ITERATIONS = 4;
    /** GrabCut iterations of the second pass, around the first pass's object. */
    static final int REFINE_ITERATIONS = 8;
    /** The second pass's rectangle: the first pass's object grown by this fraction of the image. */
    static final double REFINE_MARGIN = 0.01;
    /** The second pass's rectangle covers at least the centre +- this fraction of the image. */
    static final double CENTRAL_RECTANGLE_HALF = 0.25;
    /** {@link LocalGrabCut} iterations after the second pass, over a busy border. */
    static final int LOCAL_ITERATIONS = 3;

    private Segmentation() {
    }

    /**
     * Whether {@code segmented}, the cut of {@code image}, comes within {@link #backdropBand} (and
     * two pixels of resampling) of the photo's edge: the band is taken for certain backdrop, so an
     * object reaching it is probably cut there, or by the photo's edge. A cut-out's own alpha
     * channel has no band; it may end at the edge whole.
     */
    public static boolean reachesBackdropBand(Mat image, ViewImage segmented) {
        if (image.channels() == 4 && alphaMask(image) != null) {
            return false;
        }
        int w = segmented.width(), h = segmented.height();
        int reach = backdropBand(w, h) + 2;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                boolean nearEdge = x < reach || y < reach || x >= w - reach || y >= h - reach;
                if (nearEdge && segmented.mask()[y * w + x] != 0) {
                    return true;
                }
            }
        }
        return false;
    }

    /** The band along a photo's edge that the colour cut takes for certain backdrop, in photo pixels. */
    public static int backdropBand(int width, int height) {
        double scale = workScale(width, height);
        int band = BorderColourModel.borderBand(Math.max(8, (int) Math.round(width * scale)),
                Math.max(8, (int) Math.round(height * scale)));
        return (int) Math.ceil(band / scale);
    }

    /** The working copy's pixels per photo pixel. */
    private static double workScale(int width, int height) {
        return Math.min(1, (double) WORK_SIZE / Math.max(width, height));
    }

    /** Segments an 8-bit BGR, BGRA or grey image (OpenCV's decoding), returning colours and mask. */
    public static ViewImage segment(Mat image) {
        return firstPass(image).finish();
    }

    /**
     * Segments the views of one object (8-bit BGR, BGRA or grey images, as {@link #segment}),
     * each first on its own; then where both views of an opposite pair (front and back, left and
     * right) are given, a view's border is busy and the two outlines agree, the other's outline,
     * mirrored, joins that view's local colour models as a shape prior ({@link OppositeViews});
     * then, when all four views were cut by colour on working copies of one size and one has a
     * busy border, the views' visual hull under the job's assumed cameras gives back to a view
     * over a busy border the parts it lost ({@link LostParts}), and a view over a busy border cuts
     * the backdrop patches glued to its outline ({@link GluedPatches}) and the thick backdrop
     * stretches it spilled into ({@link BackdropSpills}). Otherwise a view keeps the single-image
     * result.
     */
    public static Map<View, ViewImage> segmentViews(Map<View, Mat> images) {
        return segmentViews(images, () -> { });
    }

    /**
     * {@link #segmentViews(Map)}, calling {@code checkpoint} before each view's cut and recut:
     * a job's cancellation check, which stops the segmentation by throwing (each cut takes up
     * to a second on a busy 512 x 512 view).
     */
    public static Map<View, ViewImage> segmentViews(Map<View, Mat> images, Runnable checkpoint) {
        Map<View, FirstPass> first = new EnumMap<>(View.class);
        for (Map.Entry<View, Mat> entry : new EnumMap<>(images).entrySet()) {
            checkpoint.run();
            first.put(entry.getKey(), firstPass(entry.getValue()));
        }
        Map<View, FirstPass> refined = new EnumMap<>(View.class);
        for (Map.Entry<View, FirstPass> entry : first.entrySet()) {
            checkpoint.run();
            FirstPass own = entry.getValue();
            FirstPass opposite = first.get(OppositeViews.opposite(entry.getKey()));
            refined.put(entry.getKey(),
                    opposite != null && own.withPriorFrom(opposite) ? own.refinedWithPrior(opposite) : own);
        }
        // The four-view steps lay a view's mask over the opposite view's, pixel for pixel: a view cut
        // down on its shorter side (a cut-out cropped to the object) has a narrower working copy.
        if (refined.size() == View.values().length && refined.values().stream().allMatch(FirstPass::cutByColour)
                && refined.values().stream().anyMatch(p -> p.border == Border.BUSY)
                && oneWorkingSize(refined.values())) {
            restoreLostParts(refined, checkpoint);
            cutAgainstOppositeViews(refined, (pass, mask, opposite) -> GluedPatches.cut(pass.smallRgb, pass.labels,
                    mask, opposite, pass.smallWidth, pass.smallHeight));
            cutAgainstOppositeViews(refined, (pass, mask, opposite) -> BackdropSpills.cut(pass.smallRgb,
                    pass.smallTexture, pass.labels, mask, opposite, pass.smallWidth, pass.smallHeight));
        }
        Map<View, ViewImage> out = new EnumMap<>(View.class);
        refined.forEach((view, pass) -> out.put(view, pass.finish()));
        return out;
    }

    /** Whether the passes' working copies are all of one size. */
    private static boolean oneWorkingSize(Collection<FirstPass> passes) {
        FirstPass first = passes.iterator().next();
        return passes.stream().allMatch(p -> p.smallWidth == first.smallWidth && p.smallHeight == first.smallHeight);
    }

    /**
     * {@link LostParts}: over a busy border, a view recuts where the other views' rays need a
     * part that it lost. Plain views lend their masks; they are not recut (nothing is lost on a
     * plain backdrop).
     */
    private static void restoreLostParts(Map<View, FirstPass> passes, Runnable checkpoint) {
        Map<View, ViewImage> working = new EnumMap<>(View.class);
        passes.forEach((view, pass) -> working.put(view, new ViewImage(pass.smallWidth, pass.smallHeight, pass.smallRgb,
                pass.smallMask())));
        Map<View, byte[]> regions = LostParts.regions(working);
        for (Map.Entry<View, byte[]> entry : regions.entrySet()) {
            checkpoint.run();
            FirstPass pass = passes.get(entry.getKey());
            if (pass.border != Border.BUSY) {
                continue;
            }
            byte[] labels = LostParts.recut(pass.smallRgb, pass.smallTexture, working.get(entry.getKey()).mask(),
                    entry.getValue(), working.get(OppositeViews.opposite(entry.getKey())).mask(), pass.smallWidth,
                    pass.smallHeight);
            if (labels != null) {
                passes.put(entry.getKey(), pass.withLabels(labels));
            }
        }
    }

    /**
     * Over a busy border, each view's labels as {@code cut} recuts them against the opposite
     * view's mask ({@link GluedPatches}, {@link BackdropSpills}). Every view is judged against the
     * opposite view's mask as it was before any of them is cut.
     */
    private static void cutAgainstOppositeViews(Map<View, FirstPass> passes, OppositeViewCut cut) {
        Map<View, byte[]> masks = new EnumMap<>(View.class);
        passes.forEach((view, pass) -> masks.put(view, pass.smallMask()));
        for (Map.Entry<View, FirstPass> entry : new EnumMap<>(passes).entrySet()) {
            FirstPass pass = entry.getValue();
            if (pass.border != Border.BUSY) {
                continue;
            }
            byte[] labels = cut.labels(pass, masks.get(entry.getKey()), masks.get(OppositeViews.opposite(entry.getKey())));
            if (labels != null) {
                passes.put(entry.getKey(), pass.withLabels(labels));
            }
        }
    }

    /** A recut of one view's labels against the opposite view's mask; null when nothing changes. */
    private interface OppositeViewCut {
        byte[] labels(FirstPass pass, byte[] mask, byte[] oppositeMask);
    }

    /**
     * One image after the per-image pass: the full-size colours of what was cut (the photo, or the
     * window of it around a small object: {@code window}, null for the whole photo), and either its
     * alpha mask or GrabCut's labels (OpenCV's values) on the downscaled working copy, with the
     * copy's colours and, over a busy border where it is resolved, its texture bins
     * ({@link TextureEnergy}, else null); labels are null when no object stands out.
     */
    private record FirstPass(int width, int height, int[] rgb, byte[] alphaMask, int[] smallRgb, int[] smallTexture,
                             int smallWidth, int smallHeight, byte[] labels, Border border, PhotoWindow window) {
        /**
         * Whether the opposite view's outline is used as a prior: both were cut by colour on the whole
         * photo and this border is busy.
         */
        boolean withPriorFrom(FirstPass opposite) {
            return alphaMask == null && window == null && labels != null && opposite.alphaMask == null
                    && opposite.window == null && opposite.labels != null && border == Border.BUSY
                    && smallWidth == opposite.smallWidth && smallHeight == opposite.smallHeight;
        }

        /**
         * Whether the object was cut by colour (GrabCut's labels) on the whole photo, not taken from
         * an alpha channel nor cut on a window around a small object, and found.
         */
        boolean cutByColour() {
            return alphaMask == null && window == null && objectBox() != null;
        }

        /** {xmin, ymin, xmax, ymax} of the object GrabCut cut on the working copy, or null when it found none. */
        int[] objectBox() {
            return labels == null ? null : ViewImage.maskBounds(smallMask(), smallWidth);
        }

        /** This pass with other labels on the working copy. */
        FirstPass withLabels(byte[] newLabels) {
            return new FirstPass(width, height, rgb, null, smallRgb, smallTexture, smallWidth, smallHeight, newLabels,
                    border, window);
        }

        /** The window around the object when it is small on the working copy ({@link PhotoWindow}), else null. */
        PhotoWindow aroundSmallObject(int photoWidth, int photoHeight, int[] photoRgb) {
            int[] box = objectBox();
            return box == null ? null : PhotoWindow.aroundSmallObject(box, smallWidth, smallHeight, window, photoWidth,
                    photoHeight, photoRgb);
        }

        /** The object on the working copy: the main component, holes filled. */
        byte[] smallMask() {
            return MaskComponents.clean(LocalGrabCut.objectMask(labels), smallWidth, smallHeight);
        }

        /** This pass with its labels recut by {@link OppositeViews#refine}, the opposite view's outline as prior. */
        FirstPass refinedWithPrior(FirstPass opposite) {
            return withLabels(OppositeViews.refine(smallRgb, labels, smallMask(), opposite.smallMask(), smallWidth,
                    smallHeight));
        }

        /**
         * The full-size view: labels upscaled, main object kept, edge pixels by coverage; a window's
         * cut placed in its photo.
         */
        ViewImage finish() {
            if (alphaMask != null) {
                return new ViewImage(width, height, rgb, alphaMask);
            }
            if (labels == null) {
                return new ViewImage(width, height, rgb, new byte[width * height]);
            }
            byte[] object = MaskComponents.clean(upscaled(labels, smallWidth, smallHeight, width, height), width, height);
            byte[] mask = MaskComponents.clean(BoundaryCoverage.halfCovered(object, rgb, width, height), width, height);
            ViewImage cut = new ViewImage(width, height, rgb, mask);
            return window == null ? cut : window.placed(cut);
        }
    }

    private static FirstPass firstPass(Mat image) {
        int w = image.cols(), h = image.rows();
        try (Mat bgr = bgr(image)) {
            byte[] alphaMask = image.channels() == 4 ? alphaMask(image) : null;
            int[] rgb = rgb(bgr);
            // The alpha channel is the photo's own cut-out: taken as it is.
            if (alphaMask != null) {
                return new FirstPass(w, h, rgb, alphaMask, null, null, 0, 0, null, null, null);
            }
            return cutZoomingIn(bgr, rgb);
        }
    }

    /**
     * {@link #grabCut} on the photo, then, over a plain border, on a window around the object for as
     * long as the object is small on the working copy of what was cut ({@link PhotoWindow}); the last
     * cut that found an object. Over a busy border the first pass seeds the middle of the photo as
     * object, a disc wider than a small object, and windows around what it found lost objects that
     * the whole photo's cut (with the other views) had found: mask IoU 0.96 to 0.03 for a sphere
     * spanning a tenth of a 1024-pixel view over the generator's textured backdrop.
     */
    private static FirstPass cutZoomingIn(Mat bgr, int[] rgb) {
        FirstPass pass = grabCut(bgr, rgb, null);
        while (pass.border == Border.PLAIN) {
            PhotoWindow window = pass.aroundSmallObject(bgr.cols(), bgr.rows(), rgb);
            if (window == null) {
                break;
            }
            FirstPass zoomed;
            try (Rect rect = new Rect(window.x(), window.y(), window.width(), window.height());
                 Mat region = new Mat(bgr, rect)) {
                zoomed = grabCut(region, window.colours(), window);
            }
            if (zoomed.objectBox() == null) {
                break;
            }
            pass = zoomed;
        }
        return pass;
    }

    /** An 8-bit grey, BGR or BGRA image (OpenCV's decoding) as BGR. */
    private static Mat bgr(Mat image) {
        Mat bgr = new Mat();
        if (image.channels() == 4) {
            opencv_imgproc.cvtColor(image, bgr, opencv_imgproc.COLOR_BGRA2BGR);
        } else if (image.channels() == 1) {
            opencv_imgproc.cvtColor(image, bgr, opencv_imgproc.COLOR_GRAY2BGR);
        } else {
            image.copyTo(bgr);
        }
        return bgr;
    }

    /** The copy GrabCut runs on: the BGR image resized (area average) to at most {@link #WORK_SIZE}. */
    private static Mat workingCopy(Mat bgr) {
        int w = bgr.cols(), h = bgr.rows();
        double scale = workScale(w, h);
        Mat small = new Mat();
        opencv_imgproc.resize(bgr, small, new Size(Math.max(8, (int) Math.round(w * scale)),
                Math.max(8, (int) Math.round(h * scale))), 0, 0, opencv_imgproc.INTER_AREA);
        return small;
    }

    /** The alpha channel as a mask, or null when every pixel is (nearly) opaque. */
    private static byte[] alphaMask(Mat bgra) {
        int w = bgra.cols(), h = bgra.rows();
        byte[] mask = new byte[w * h];
        boolean transparentSomewhere = false;
        try (UByteIndexer in = bgra.createIndexer()) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    int alpha = in.get(y, x, 3);
                    mask[y * w + x] = (byte) (alpha > 127 ? 1 : 0);
                    transparentSomewhere |= alpha < 250;
                }
            }
        }
        return transparentSomewhere ? mask : null;
    }

    private static int[] rgb(Mat bgr) {
        int w = bgr.cols(), h = bgr.rows();
        int[] out = new int[w * h];
        try (UByteIndexer in = bgr.createIndexer()) {
            for (int y = 0; y < h; y++) {
                for (int x = 0; x < w; x++) {
                    out[y * w + x] = (in.get(y, x, 2) << 16) | (in.get(y, x, 1) << 8) | in.get(y, x, 0);
                }
            }
        }
        return out;
    }

    /**
     * Border colour model, a first GrabCut, then a second GrabCut inside the first one's main
     * object grown by a margin, then over a busy border the local iterations; no labels when
     * nothing stands out. {@code bgr} and {@code rgb} are the photo's, or its {@code window}'s.
     */
    private static FirstPass grabCut(Mat bgr, int[] rgb, PhotoWindow window) {
        int w = bgr.cols(), h = bgr.rows();
        try (Mat small = workingCopy(bgr); Mat labels = new Mat(small.rows(), small.cols(), opencv_core.CV_8UC1);
             Mat background = new Mat(); Mat foreground = new Mat()) {
            int sw = small.cols(), sh = small.rows();
            int band = BorderColourModel.borderBand(sw, sh);
            Border border = BorderColourModel.seedLabels(small, labels, band);
            if (border == Border.NO_OBJECT) {
                return new FirstPass(w, h, rgb, null, null, null, sw, sh, null, border, window);
            }
            opencv_imgproc.grabCut(small, labels, new Rect(), background, foreground, GRABCUT_ITERATIONS,
                    opencv_imgproc.GC_INIT_WITH_MASK);
            // Every sizeable component counts here: parts of the object that the first pass split off
            // must stay inside the second pass's rectangle.
            byte[] first = MaskComponents.significantComponents(foreground(labels), sw, sh);
            int[] box = ViewImage.maskBounds(first, sw);
            if (box == null) {
                return new FirstPass(w, h, rgb, null, null, null, sw, sh, null, border, window);
            }
            // The second pass: GrabCut's colour models relearnt from the object's surroundings
            // only, as with a user-drawn rectangle. The first pass's model of the whole border
            // lets background colours that also occur on the object pull parts of it out.
            int margin = Math.max(1, (int) Math.round(REFINE_MARGIN * Math.max(sw, sh)));
            int x0 = Math.max(band, box[0] - margin), y0 = Math.max(band, box[1] - margin);
            int x1 = Math.min(sw - 1 - band, box[2] + margin), y1 = Math.min(sh - 1 - band, box[3] + margin);
            // The views look at the object's centre and show it whole: the rectangle spans at
            // least the central part of the image, so that parts of the object the first pass
            // missed (colours shared with the backdrop) can still come back.
            x0 = Math.min(x0, (int) Math.round(sw * (0.5 - CENTRAL_RECTANGLE_HALF)));
            y0 = Math.min(y0, (int) Math.round(sh * (0.5 - CENTRAL_RECTANGLE_HALF)));
            x1 = Math.max(x1, (int) Math.round(sw * (0.5 + CENTRAL_RECTANGLE_HALF)));
            y1 = Math.max(y1, (int) Math.round(sh * (0.5 + CENTRAL_RECTANGLE_HALF)));
            if (x1 > x0 && y1 > y0) {
                refine(small, labels, first, new Rect(x0, y0, x1 - x0 + 1, y1 - y0 + 1));
            }
            int[] smallRgb = rgb(small);
            int[] texture = border == Border.BUSY ? TextureEnergy.binsIfResolved(smallRgb, sw, sh) : null;
            if (border == Border.BUSY) {
                refineLocally(smallRgb, texture, labels);
            }
            byte[] out = new byte[sw * sh];
            try (UByteIndexer m = labels.createIndexer()) {
                for (int y = 0; y < sh; y++) {
                    for (int x = 0; x < sw; x++) {
                        out[y * sw + x] = (byte) m.get(y, x);
                    }
                }
            }
            return new FirstPass(w, h, rgb, null, smallRgb, texture, sw, sh, out, border, window);
        }
    }

    /** The labels' object, resized (bilinear) from the working copy to the full image, cut at half. */
    private static byte[] upscaled(byte[] labels, int sw, int sh, int w, int h) {
        try (Mat small = new Mat(sh, sw, opencv_core.CV_8UC1); Mat full = new Mat()) {
            try (UByteIndexer m = small.createIndexer()) {
                for (int y = 0; y < sh; y++) {
                    for (int x = 0; x < sw; x++) {
                        m.put(y, x, LocalGrabCut.isObject(labels[y * sw + x]) ? 255 : 0);
                    }
                }
            }
            opencv_imgproc.resize(small, full, new Size(w, h), 0, 0, opencv_imgproc.INTER_LINEAR);
            byte[] out = new byte[w * h];
            try (UByteIndexer f = full.createIndexer()) {
                for (int y = 0; y < h; y++) {
                    for (int x = 0; x < w; x++) {
                        out[y * w + x] = (byte) (f.get(y, x) > 127 ? 1 : 0);
                    }
                }
            }
            return out;
        }
    }

    /**
     * The second GrabCut: inside the rectangle probable foreground, outside certain background,
     * as with a user-drawn rectangle, so that the colour models are learnt from the object's
     * surroundings only. Where the first pass found object within
     * {@link BorderColourModel#CERTAIN_CENTRE_RADIUS} of the centre, it stays certain foreground:
     * without that anchor, GrabCut can settle on a background patch inside the rectangle and give
     * the whole object up.
     */
    private static void refine(Mat small, Mat labels, byte[] first, Rect rect) {
        int sw = small.cols(), sh = small.rows();
        try (UByteIndexer m = labels.createIndexer()) {
            for (int y = 0; y < sh; y++) {
                for (int x = 0; x < sw; x++) {
                    boolean inside = x >= rect.x() && y >= rect.y() && x < rect.x() + rect.width()
                            && y < rect.y() + rect.height();
                    boolean anchor = first[y * sw + x] != 0
                            && BorderColourModel.nearCentre(x, y, sw, sh, BorderColourModel.CERTAIN_CENTRE_RADIUS);
                    int label = !inside ? opencv_imgproc.GC_BGD
                            : anchor ? opencv_imgproc.GC_FGD : opencv_imgproc.GC_PR_FGD;
                    m.put(y, x, label);
                }
            }
        }
        try (Mat background = new Mat(); Mat foreground = new Mat()) {
            opencv_imgproc.grabCut(small, labels, new Rect(), background, foreground, REFINE_ITERATIONS,
                    opencv_imgproc.GC_INIT_WITH_MASK);
        }
    }

    /**
     * {@link LocalGrabCut}'s iterations on the labels of the working copy (its colours and texture
     * bins, null where the texture is not resolved), in place.
     */
    private static void refineLocally(int[] smallRgb, int[] texture, Mat labels) {
        int sw = labels.cols(), sh = labels.rows();
        byte[] local = new byte[sw * sh];
        try (UByteIndexer m = labels.createIndexer()) {
            for (int y = 0; y < sh; y++) {
                for (int x = 0; x < sw; x++) {
                    local[y * sw + x] = (byte) m.get(y, x);
                }
            }
            LocalGrabCut.iterate(smallRgb, texture, local, sw, sh, LOCAL_ITERATIONS, null);
            for (int y = 0; y < sh; y++) {
                for (int x = 0; x < sw; x++) {
                    m.put(y, x, local[y * sw + x]);
                }
            }
        }
    }

    private static byte[] foreground(Mat labels) {
        int sw = labels.cols(), sh = labels.rows();
        byte[] out = new byte[sw * sh];
        try (UByteIndexer m = labels.createIndexer()) {
            for (int y = 0; y < sh; y++) {
                for (int x = 0; x < sw; x++) {
                    out[y * sw + x] = (byte) (LocalGrabCut.isObject((byte) m.get(y, x)) ? 1 : 0);
                }
            }
        }
        return out;
    }
}
