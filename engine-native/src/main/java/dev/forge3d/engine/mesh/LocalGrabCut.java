package dev.forge3d.engine.mesh;

import java.util.Arrays;

/**
 * GrabCut's iteration (colour models learnt from the current labels, then a minimum cut) with
 * colour models local to each part of the image. Over a many-coloured backdrop, OpenCV's global
 * five-component mixtures fit a dark backdrop patch next to the object as well as the object's
 * own shading, and an object part whose colours are common elsewhere in the backdrop is given
 * up. Here each tile of the image has its own colour histograms of object and backdrop, counted
 * over the tiles around it, so a pixel is compared with the object and the backdrop near it.
 * Optionally a second cue, each pixel's texture bin ({@link TextureEnergy}), gets local
 * histograms learnt the same way; its cost is added to the colour's (naive Bayes).
 * <p>
 * A smooth patch ({@link SmoothRegions}) on a side that is otherwise finely textured does not
 * count towards its own costs: a flat backdrop dot that touches the object and was labelled
 * object with it would otherwise keep itself there, its hundreds of pixels of one colour making
 * that colour the object's (the dumps of the 512 x 512 synthetic views: such dots glued to the
 * outline were the commonest error over textured backdrops).
 */
final class LocalGrabCut {
    /** GrabCut's labels, OpenCV's values. */
    static final byte BGD = 0, FGD = 1, PR_BGD = 2, PR_FGD = 3;
    /** Histogram bins per colour channel. */
    static final int BINS = 16;
    /** Joint colour bins. */
    static final int COLOUR_BINS = BINS * BINS * BINS;
    /** Pseudo-count of every bin, so that a colour not seen nearby keeps a finite cost. */
    static final double PRIOR_COUNT = 0.5;
    /** GrabCut's smoothness weight (Rother et al. 2004; OpenCV's too). */
    static final double GAMMA = 50;
    /** The image is cut into this many tiles along its longer side. */
    static final int TILES = 8;
    /** A tile's histograms count the pixels of the tiles up to this many tiles away. */
    static final int REACH = 2;
    /**
     * A side's smooth regions are left out of their own costs only while at most this share of
     * the side's pixels lies in smooth regions: on a finely textured side a large smooth patch is
     * the exception that has to be explained by the rest; on a side that is mostly smooth
     * (a plain object, flat backdrop bands) its patches are what the side is made of.
     */
    static final double MAX_SMOOTH_SHARE = 0.5;

    private LocalGrabCut() {
    }

    /**
     * Runs the iterations on packed 0xRRGGBB pixels; the labels (BGD, FGD, PR_BGD, PR_FGD) are
     * updated in place, the certain ones kept. Stops early when one side has no pixels.
     */
    static void iterate(int[] rgb, byte[] labels, int w, int h, int iterations) {
        iterate(rgb, labels, w, h, iterations, null);
    }

    /**
     * {@link #iterate(int[], byte[], int, int, int)} with a shape prior: {@code objectBias[i]}
     * (nats) is added to the pixel's backdrop cost where positive and, negated, to its object
     * cost where negative; null for none.
     */
    static void iterate(int[] rgb, byte[] labels, int w, int h, int iterations, double[] objectBias) {
        iterate(rgb, null, labels, w, h, iterations, objectBias);
    }

    /**
     * {@link #iterate(int[], byte[], int, int, int, double[])} with a second cue: {@code texture}
     * holds each pixel's bin in [0, {@link TextureEnergy#BINS}) (null for colour alone); its
     * local histograms are learnt from the labels like the colour ones and its cost is added.
     */
    static void iterate(int[] rgb, int[] texture, byte[] labels, int w, int h, int iterations, double[] objectBias) {
        int n = w * h;
        int[] bin = colourBins(rgb);
        int[] regions = SmoothRegions.of(rgb, w, h);
        double[] edges = smoothness(rgb, w, h);
        double certain = 1 + 8 * GAMMA;
        for (int it = 0; it < iterations; it++) {
            double[] objectCost = new double[n], backdropCost = new double[n];
            if (!localCosts(bin, COLOUR_BINS, labels, regions, w, h, true, objectCost)
                    || !localCosts(bin, COLOUR_BINS, labels, regions, w, h, false, backdropCost)) {
                return;
            }
            if (texture != null) {
                double[] objectTexture = new double[n], backdropTexture = new double[n];
                localCosts(texture, TextureEnergy.BINS, labels, regions, w, h, true, objectTexture);
                localCosts(texture, TextureEnergy.BINS, labels, regions, w, h, false, backdropTexture);
                for (int i = 0; i < n; i++) {
                    objectCost[i] += objectTexture[i];
                    backdropCost[i] += backdropTexture[i];
                }
            }
            if (objectBias != null) {
                for (int i = 0; i < n; i++) {
                    backdropCost[i] += Math.max(0, objectBias[i]);
                    objectCost[i] += Math.max(0, -objectBias[i]);
                }
            }
            GridMaxFlow graph = new GridMaxFlow(w, h);
            for (int i = 0; i < n; i++) {
                byte label = labels[i];
                // Source side is object: the source link is paid when the pixel is labelled backdrop.
                double source = label == FGD ? certain : label == BGD ? 0 : backdropCost[i];
                double sink = label == BGD ? certain : label == FGD ? 0 : objectCost[i];
                graph.addTerminal(i, source, sink);
                for (int k = 4; k < 8; k++) {
                    if (graph.neighbour(i, k) >= 0) {
                        graph.setEdge(i, k, edges[i * 4 + k - 4]);
                    }
                }
            }
            graph.solve();
            for (int i = 0; i < n; i++) {
                if (labels[i] == PR_BGD || labels[i] == PR_FGD) {
                    labels[i] = graph.sourceSide(i) ? PR_FGD : PR_BGD;
                }
            }
        }
    }

    /** The labels' object (FGD or PR_FGD) as a 0/1 mask. */
    static byte[] objectMask(byte[] labels) {
        byte[] mask = new byte[labels.length];
        for (int i = 0; i < labels.length; i++) {
            mask[i] = (byte) (isObject(labels[i]) ? 1 : 0);
        }
        return mask;
    }

    /** Each pixel's histogram bin, BINS per channel. */
    static int[] colourBins(int[] rgb) {
        int[] bin = new int[rgb.length];
        for (int i = 0; i < rgb.length; i++) {
            int c = rgb[i];
            int r = (c >> 16 & 0xFF) * BINS >> 8, g = (c >> 8 & 0xFF) * BINS >> 8, b = (c & 0xFF) * BINS >> 8;
            bin[i] = (r * BINS + g) * BINS + b;
        }
        return bin;
    }

    /**
     * -log p(bin | side, tile) for every pixel, {@code bin[i]} in [0, bins) (a colour or a texture
     * bin): the histogram of the side's pixels (object: FGD or PR_FGD) in the tiles up to
     * {@link #REACH} away from the pixel's tile. A pixel of a smooth region ({@code regions[i]}
     * at least 0, {@link SmoothRegions}) is costed without its region's own pixels of the side,
     * unless more than {@link #MAX_SMOOTH_SHARE} of the side lies in smooth regions. (The region's
     * pixels are taken out as counted over the whole region, not per tile: a region wider than
     * the tiles' reach can take out more than a tile counted, hence the floor at zero.)
     * False when the side has no pixels at all.
     */
    static boolean localCosts(int[] bin, int bins, byte[] labels, int[] regions, int w, int h, boolean object,
                              double[] cost) {
        int tile = Math.max(1, (Math.max(w, h) + TILES - 1) / TILES);
        int tilesX = (w + tile - 1) / tile, tilesY = (h + tile - 1) / tile;
        float[] histograms = new float[tilesX * tilesY * bins];
        int[] totals = new int[tilesX * tilesY];
        int counted = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                if (isObject(labels[i]) != object) {
                    continue;
                }
                counted++;
                int tx = x / tile, ty = y / tile;
                for (int ny = Math.max(0, ty - REACH); ny <= Math.min(tilesY - 1, ty + REACH); ny++) {
                    for (int nx = Math.max(0, tx - REACH); nx <= Math.min(tilesX - 1, tx + REACH); nx++) {
                        histograms[(ny * tilesX + nx) * bins + bin[i]]++;
                        totals[ny * tilesX + nx]++;
                    }
                }
            }
        }
        if (counted == 0) {
            return false;
        }
        int[][] own = ownCounts(bin, bins, labels, regions, object, counted);
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int t = (y / tile) * tilesX + x / tile, i = y * w + x;
                double count = histograms[t * bins + bin[i]], total = totals[t];
                if (own != null) {
                    count = Math.max(0, count - own[0][i]);
                    total = Math.max(count, total - own[1][i]);
                }
                cost[i] = -Math.log((count + PRIOR_COUNT) / (total + PRIOR_COUNT * bins));
            }
        }
        return true;
    }

    /**
     * For every pixel, the side's pixels of its smooth region with its bin ({@code [0][i]}) and
     * in all ({@code [1][i]}), zero outside regions; null when the side is mostly smooth
     * ({@link #MAX_SMOOTH_SHARE}) and its regions keep counting for themselves.
     */
    private static int[][] ownCounts(int[] bin, int bins, byte[] labels, int[] regions, boolean object, int sidePixels) {
        int n = bin.length, regionCount = SmoothRegions.count(regions), inRegions = 0;
        for (int i = 0; i < n; i++) {
            inRegions += regions[i] >= 0 && isObject(labels[i]) == object ? 1 : 0;
        }
        if (inRegions == 0 || inRegions > MAX_SMOOTH_SHARE * sidePixels) {
            return null;
        }
        // Sorted (region, bin) keys of the side's region pixels: a pixel's count is the length of
        // its key's run.
        long[] keys = new long[inRegions];
        int[] regionTotal = new int[regionCount];
        int k = 0;
        for (int i = 0; i < n; i++) {
            if (regions[i] >= 0 && isObject(labels[i]) == object) {
                keys[k++] = (long) regions[i] * bins + bin[i];
                regionTotal[regions[i]]++;
            }
        }
        Arrays.sort(keys);
        int[][] own = new int[2][n];
        for (int i = 0; i < n; i++) {
            if (regions[i] >= 0) {
                long key = (long) regions[i] * bins + bin[i];
                own[0][i] = firstAbove(keys, key) - firstAbove(keys, key - 1);
                own[1][i] = regionTotal[regions[i]];
            }
        }
        return own;
    }

    /** The index of the first key above {@code key} in the sorted keys. */
    private static int firstAbove(long[] keys, long key) {
        int lo = 0, hi = keys.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (keys[mid] <= key) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }

    /** Whether a GrabCut label is object (FGD or PR_FGD). */
    static boolean isObject(byte label) {
        return label == FGD || label == PR_FGD;
    }

    /**
     * GrabCut's contrast-sensitive smoothness for the arcs to neighbours 4..7 of
     * {@link GridMaxFlow} (right, down-left, down, down-right), four per pixel:
     * gamma exp(-beta |dc|^2) / length, with beta = 1 / (2 mean |dc|^2).
     */
    static double[] smoothness(int[] rgb, int w, int h) {
        int n = w * h;
        double[] squared = new double[n * 4];
        double sum = 0;
        int count = 0;
        for (int y = 0; y < h; y++) {
            for (int x = 0; x < w; x++) {
                int i = y * w + x;
                for (int k = 4; k < 8; k++) {
                    int nx = x + GridMaxFlow.DX[k], ny = y + GridMaxFlow.DY[k];
                    if (nx < 0 || ny < 0 || nx >= w || ny >= h) {
                        continue;
                    }
                    squared[i * 4 + k - 4] = ViewImage.squaredColourDistance(rgb[i], rgb[ny * w + nx]);
                    sum += squared[i * 4 + k - 4];
                    count++;
                }
            }
        }
        double beta = sum <= 0 ? 0 : count / (2 * sum);
        double[] weight = new double[n * 4];
        for (int i = 0; i < n; i++) {
            for (int k = 4; k < 8; k++) {
                double length = GridMaxFlow.DX[k] != 0 && GridMaxFlow.DY[k] != 0 ? Math.sqrt(2) : 1;
                weight[i * 4 + k - 4] = GAMMA * Math.exp(-beta * squared[i * 4 + k - 4]) / length;
            }
        }
        return weight;
    }
}
