package dev.forge3d.engine.mesh;

/**
 * A window of a photo that a small object is cut again on ({@link Segmentation}): the working copy
 * that GrabCut runs on resolves an object a few dozen pixels across in a large photo by a handful
 * of pixels. A window {@link #CONTEXT} times the object's size around it, cut at up to full
 * resolution, shows the object as a view of ordinary framing does: in the middle, backdrop all round.
 *
 * @param x           the window's left column in the photo
 * @param y           the window's top row in the photo
 * @param width       the window's width in photo pixels
 * @param height      the window's height in photo pixels
 * @param photoWidth  the photo's width
 * @param photoHeight the photo's height
 * @param photoRgb    the photo's colours, 0xRRGGBB, row-major
 */
record PhotoWindow(int x, int y, int width, int height, int photoWidth, int photoHeight, int[] photoRgb) {
    /** An object whose box spans less than this fraction of its working copy's longer side is small. */
    static final double SMALL_OBJECT = 0.2;
    /** The window's side in the object box's longer sides: the object spans 40% of it. */
    static final double CONTEXT = 2.5;
    /** No window is narrower than this, in photo pixels. */
    static final int MIN_SIDE = 16;

    /**
     * The window around an object whose box {xmin, ymin, xmax, ymax} was found on a
     * {@code smallWidth x smallHeight} working copy of {@code region} (a window of the photo, or
     * null for the whole photo), or null when the object is not small there.
     */
    static PhotoWindow aroundSmallObject(int[] box, int smallWidth, int smallHeight, PhotoWindow region,
                                         int photoWidth, int photoHeight, int[] photoRgb) {
        if (Math.max(box[2] - box[0], box[3] - box[1]) + 1 >= SMALL_OBJECT * Math.max(smallWidth, smallHeight)) {
            return null;
        }
        int regionX = region == null ? 0 : region.x, regionY = region == null ? 0 : region.y;
        int regionWidth = region == null ? photoWidth : region.width;
        int regionHeight = region == null ? photoHeight : region.height;
        double toRegionX = (double) regionWidth / smallWidth, toRegionY = (double) regionHeight / smallHeight;
        double centreX = regionX + (box[0] + box[2] + 1) / 2.0 * toRegionX;
        double centreY = regionY + (box[1] + box[3] + 1) / 2.0 * toRegionY;
        double boxSide = Math.max((box[2] - box[0] + 1) * toRegionX, (box[3] - box[1] + 1) * toRegionY);
        int side = Math.max(MIN_SIDE, (int) Math.ceil(CONTEXT * boxSide));
        int width = Math.min(side, photoWidth), height = Math.min(side, photoHeight);
        int x = clamp((int) Math.round(centreX - width / 2.0), photoWidth - width);
        int y = clamp((int) Math.round(centreY - height / 2.0), photoHeight - height);
        // Each window smaller than its region, so zooming in ends.
        return (long) width * height >= (long) regionWidth * regionHeight ? null
                : new PhotoWindow(x, y, width, height, photoWidth, photoHeight, photoRgb);
    }

    private static int clamp(int value, int max) {
        return Math.max(0, Math.min(max, value));
    }

    /** The window's colours, row-major. */
    int[] colours() {
        int[] out = new int[width * height];
        for (int row = 0; row < height; row++) {
            System.arraycopy(photoRgb, (y + row) * photoWidth + x, out, row * width, width);
        }
        return out;
    }

    /** The window's cut placed in the photo: its mask where the window is, nothing elsewhere; the photo's colours. */
    ViewImage placed(ViewImage cut) {
        byte[] mask = new byte[photoWidth * photoHeight];
        for (int row = 0; row < height; row++) {
            System.arraycopy(cut.mask(), row * width, mask, (y + row) * photoWidth + x, width);
        }
        return new ViewImage(photoWidth, photoHeight, photoRgb, mask);
    }
}
