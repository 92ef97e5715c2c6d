package dev.forge3d.engine.mesh;

import dev.forge3d.api.View;
import dev.forge3d.api.spi.MeshKernels;

import java.util.EnumMap;
import java.util.Map;

/**
 * Crops, centres and scales segmented views to one reference: the tallest silhouette is
 * {@link #HEIGHT_FRACTION} of its canvas height (1 unit), the others keep their size relative
 * to it; the canvas is widened if the object is wider. Each view keeps the focal length of the
 * assumed lens in canvas pixels and where the photo's centre lands, so that
 * {@link AssumedCameras} can place a perspective camera at the distance the object's angular
 * size in the photo implies, aimed as the photo was.
 */
public final class ViewNormalisation {
    public static final double HEIGHT_FRACTION = 0.8;

    /**
     * The lens assumed for every photo: 40 degrees across the photo's longer side, the "normal"
     * lens (50 mm full-frame equivalent, 39.6 degrees) of product photography, and close to a
     * phone's 2x camera (about 48-52 mm equivalent). With the object's size in the photo it fixes
     * how far away the camera stood, and so how much larger the near parts look. A wrong guess
     * costs shape: on the generator's 40 degree views, assuming a phone's main camera (69
     * degrees) takes the cylinder's volume IoU from about 0.84 to 0.71 (docs/perf/2026-11-21-mesh-cpu.md).
     */
    public static final double ASSUMED_FIELD_OF_VIEW_DEGREES = 40;

    /**
     * A normalised view, the assumed lens's focal length in its canvas pixels (the photo's focal
     * length for the assumed field of view, times the normalisation's scale), and the principal
     * point in canvas pixels: where the photo's centre landed, which the camera aimed at the
     * object's centre. {@code scale} is canvas pixels per photo pixel, and the photo point
     * ({@code boxCentreX}, {@code boxCentreY}), the centre of the silhouette's box, lies at the
     * canvas's centre.
     */
    public record NormalisedView(ViewImage image, double focalPixels, double principalX, double principalY,
                                 double scale, double boxCentreX, double boxCentreY) {
        public NormalisedView {
            if (!(focalPixels > 0) || !Double.isFinite(principalX) || !Double.isFinite(principalY)) {
                throw new IllegalArgumentException("bad lens: focal " + focalPixels + ", principal point "
                        + principalX + ", " + principalY);
            }
            if (!(scale > 0) || !Double.isFinite(boxCentreX) || !Double.isFinite(boxCentreY)) {
                throw new IllegalArgumentException("bad placement: scale " + scale + ", box centre " + boxCentreX
                        + ", " + boxCentreY);
            }
        }

        /**
         * A camera of this canvas as the camera of the photo it came from ({@code photoWidth} x
         * {@code photoHeight}): a canvas position c is the photo position (c - canvas size / 2) /
         * scale + box centre, so the projection rows are mapped by that affine map.
         */
        public ViewCamera photoCamera(ViewCamera canvasCamera, int photoWidth, int photoHeight) {
            double offsetX = boxCentreX - image.width() / (2 * scale);
            double offsetY = boxCentreY - image.height() / (2 * scale);
            double[] r = canvasCamera.rows();
            double[] rows = new double[12];
            for (int k = 0; k < 4; k++) {
                rows[k] = r[k] / scale + offsetX * r[8 + k];
                rows[4 + k] = r[4 + k] / scale + offsetY * r[8 + k];
                rows[8 + k] = r[8 + k];
            }
            return new ViewCamera(rows, canvasCamera.perspective(), canvasCamera.pixelsPerUnit() / scale, photoWidth,
                    photoHeight, canvasCamera.viewDirection());
        }
    }

    private ViewNormalisation() {
    }

    /** Pixels per world unit of a canvas {@code height} pixels tall (the object is 1 unit tall). */
    public static double pixelsPerUnit(int height) {
        return HEIGHT_FRACTION * height;
    }

    /**
     * The views on canvases {@code height} pixels tall, all at one scale: the photos are taken
     * with one lens from one distance, so an object part is as large in every photo (relative to
     * the photo's longer side), and the tallest silhouette fills {@link #HEIGHT_FRACTION} of its
     * canvas. Scaling each view to its own silhouette height would make them disagree as soon as
     * the camera looks down: a view across the object's deeper side then shows more of its top.
     * Each silhouette's box is centred on its canvas; the principal point is where the photo's
     * centre lands, clamped into the silhouette's box (a photo whose centre misses the object
     * was not aimed at it, or was cropped). No mask may be empty.
     */
    public static Map<View, NormalisedView> normalise(Map<View, ViewImage> views, int height) {
        return normalise(views, height, ASSUMED_FIELD_OF_VIEW_DEGREES);
    }

    /** {@link #normalise(Map, int)} with another lens (degrees across the photo's longer side). */
    public static Map<View, NormalisedView> normalise(Map<View, ViewImage> views, int height,
                                                      double fieldOfViewDegrees) {
        Map<View, int[]> boxes = new EnumMap<>(View.class);
        double tallest = 0;
        for (Map.Entry<View, ViewImage> e : views.entrySet()) {
            int[] box = maskBox(e.getValue());
            boxes.put(e.getKey(), box);
            tallest = Math.max(tallest, (box[3] - box[1]) / (double) longSide(e.getValue()));
        }
        int fitted = height;
        for (int widest = widestCanvas(views, boxes, tallest, fitted);
             fitted > 1 && widest > MeshKernels.MAX_BAKE_SIDE; widest = widestCanvas(views, boxes, tallest, fitted)) {
            fitted = Math.min(fitted - 1, (int) (fitted * (double) MeshKernels.MAX_BAKE_SIDE / widest));
        }
        Map<View, NormalisedView> out = new EnumMap<>(View.class);
        for (Map.Entry<View, ViewImage> e : views.entrySet()) {
            out.put(e.getKey(), normalise(e.getValue(), boxes.get(e.getKey()), fitted,
                    scale(e.getValue(), tallest, fitted), fieldOfViewDegrees));
        }
        return out;
    }

    /** Canvas pixels per photo pixel: the tallest silhouette, relative to its photo, fills {@link #HEIGHT_FRACTION}. */
    private static double scale(ViewImage view, double tallest, int height) {
        return pixelsPerUnit(height) / (tallest * longSide(view));
    }

    /**
     * The widest canvas of the views at {@code height}. The views are baked from, so none may be
     * wider than {@link MeshKernels#MAX_BAKE_SIDE}: an object more than about 36 times longer than
     * it is tall, at 512 pixels, gets a lower canvas height instead, the same for every view so
     * that they keep one scale.
     */
    private static int widestCanvas(Map<View, ViewImage> views, Map<View, int[]> boxes, double tallest, int height) {
        int widest = 0;
        for (Map.Entry<View, ViewImage> e : views.entrySet()) {
            widest = Math.max(widest, canvasWidth(boxes.get(e.getKey()), height, scale(e.getValue(), tallest, height)));
        }
        return widest;
    }

    /** A canvas at least as wide as it is tall, and wide enough for the silhouette with a margin. */
    private static int canvasWidth(int[] box, int height, double scale) {
        return Math.max(height, 2 * (int) Math.ceil(0.55 * (box[2] - box[0]) * scale));
    }

    private static int longSide(ViewImage view) {
        return Math.max(view.width(), view.height());
    }

    /** The mask's box: min x, min y, then max x + 1, max y + 1. */
    private static int[] maskBox(ViewImage view) {
        int[] bounds = ViewImage.maskBounds(view.mask(), view.width());
        if (bounds == null) {
            throw new IllegalArgumentException("empty mask");
        }
        return new int[] {bounds[0], bounds[1], bounds[2] + 1, bounds[3] + 1};
    }

    /** One view scaled by {@code scale} with its silhouette box centred on the canvas. */
    private static NormalisedView normalise(ViewImage view, int[] box, int height, double scale,
                                            double fieldOfViewDegrees) {
        int w = view.width(), h = view.height();
        int width = canvasWidth(box, height, scale);
        double centreX = (box[0] + box[2]) / 2.0, centreY = (box[1] + box[3]) / 2.0;
        int[] rgb = new int[width * height];
        byte[] mask = new byte[width * height];
        float[] coverage = new float[w * h];
        for (int i = 0; i < coverage.length; i++) {
            coverage[i] = view.mask()[i];
        }
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                double u = centreX + (x + 0.5 - width / 2.0) / scale;
                double v = centreY + (y + 0.5 - height / 2.0) / scale;
                if (u < 0 || v < 0 || u > w || v > h) {
                    continue;
                }
                int at = y * width + x;
                mask[at] = (byte) (VolumeFields.bilinear(coverage, w, h, u, v) >= 0.5 ? 1 : 0);
                rgb[at] = view.rgb()[Math.min(h - 1, (int) v) * w + Math.min(w - 1, (int) u)];
            }
        }
        double photoFocal = 0.5 * Math.max(w, h) / Math.tan(Math.toRadians(fieldOfViewDegrees) / 2);
        double aimX = Math.clamp(w / 2.0, box[0], box[2]);
        double aimY = Math.clamp(h / 2.0, box[1], box[3]);
        return new NormalisedView(new ViewImage(width, height, rgb, mask), scale * photoFocal,
                width / 2.0 + (aimX - centreX) * scale, height / 2.0 + (aimY - centreY) * scale, scale, centreX,
                centreY);
    }
}
