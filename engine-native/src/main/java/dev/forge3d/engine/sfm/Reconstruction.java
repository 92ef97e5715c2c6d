package dev.forge3d.engine.sfm;

import dev.forge3d.engine.features.ImageFeatures;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The growing model of incremental SfM: one shared SIMPLE_RADIAL camera, the world-to-camera
 * pose of every registered image, and the tracks (3D points with their observations).
 */
public final class Reconstruction {
    final List<ImageFeatures> features;
    final int width;
    final int height;
    /** f, k1, cx, cy. */
    final double[] intrinsics;
    final double[] rotations;
    final double[] translations;
    final boolean[] registered;
    /** Per image, per feature: the track it belongs to, or -1. */
    final int[][] trackOfFeature;
    /** Index = track id; null once a track is deleted. */
    final List<Track> tracks = new ArrayList<>();

    Reconstruction(List<ImageFeatures> features, int width, int height, double focal) {
        this.features = List.copyOf(features);
        this.width = width;
        this.height = height;
        int images = features.size();
        intrinsics = new double[] {focal, 0, width / 2.0, height / 2.0};
        rotations = new double[9 * images];
        translations = new double[3 * images];
        registered = new boolean[images];
        trackOfFeature = new int[images][];
        for (int i = 0; i < images; i++) {
            trackOfFeature[i] = new int[features.get(i).count()];
            Arrays.fill(trackOfFeature[i], -1);
        }
    }

    public int imageCount() {
        return registered.length;
    }

    public int width() {
        return width;
    }

    public int height() {
        return height;
    }

    public boolean isRegistered(int image) {
        return registered[image];
    }

    public int registeredCount() {
        int n = 0;
        for (boolean r : registered) {
            n += r ? 1 : 0;
        }
        return n;
    }

    public double focal() {
        return intrinsics[0];
    }

    public double k1() {
        return intrinsics[1];
    }

    public double cx() {
        return intrinsics[2];
    }

    public double cy() {
        return intrinsics[3];
    }

    /** World-to-camera rotation of a registered image, row-major (a copy). */
    public double[] rotation(int image) {
        return Arrays.copyOfRange(rotations, 9 * image, 9 * image + 9);
    }

    /** World-to-camera translation of a registered image (a copy). */
    public double[] translation(int image) {
        return Arrays.copyOfRange(translations, 3 * image, 3 * image + 3);
    }

    /** The live tracks' ids, in creation order. */
    public int[] pointIds() {
        return java.util.stream.IntStream.range(0, tracks.size()).filter(t -> tracks.get(t) != null).toArray();
    }

    public double[] point(int id) {
        return tracks.get(id).xyz.clone();
    }

    /** The mean colour of a point over its observations, r, g, b in 0-255. */
    public int[] colour(int id) {
        Track track = tracks.get(id);
        int[] sum = new int[3];
        for (int k = 0; k < track.size(); k++) {
            byte[] rgb = features.get(track.image(k)).rgb();
            for (int c = 0; c < 3; c++) {
                sum[c] += rgb[3 * track.feature(k) + c] & 0xFF;
            }
        }
        return new int[] {sum[0] / track.size(), sum[1] / track.size(), sum[2] / track.size()};
    }

    /** Observations of a point: image, feature pairs interleaved. */
    public int[] observations(int id) {
        Track track = tracks.get(id);
        int[] out = new int[2 * track.size()];
        for (int k = 0; k < track.size(); k++) {
            out[2 * k] = track.image(k);
            out[2 * k + 1] = track.feature(k);
        }
        return out;
    }

    /** The reprojection error of feature {@code feature} of image {@code image} against a world point, or +inf behind the camera. */
    public double reprojectionError(int image, int feature, double[] xyz) {
        double[] residual = new double[2];
        ImageFeatures f = features.get(image);
        if (!ReprojectionError.evaluate(rotations, 9 * image, translations, 3 * image, xyz, 0, intrinsics,
                f.x(feature), f.y(feature), residual, null, null, null)) {
            return Double.POSITIVE_INFINITY;
        }
        return Math.hypot(residual[0], residual[1]);
    }

    /** Mean reprojection error over every observation of every point, in pixels. */
    public double meanReprojectionError() {
        double sum = 0;
        long count = 0;
        for (Track track : tracks) {
            if (track == null) {
                continue;
            }
            for (int k = 0; k < track.size(); k++) {
                sum += reprojectionError(track.image(k), track.feature(k), track.xyz);
                count++;
            }
        }
        return count == 0 ? 0 : sum / count;
    }

    /** Normalised, undistorted image coordinates (x/z, y/z) of a feature under the current camera. */
    double[] normalised(int image, int feature) {
        ImageFeatures f = features.get(image);
        double xd = (f.x(feature) - intrinsics[2]) / intrinsics[0];
        double yd = (f.y(feature) - intrinsics[3]) / intrinsics[0];
        double x = xd;
        double y = yd;
        for (int iteration = 0; iteration < 10; iteration++) {
            double d = 1 + intrinsics[1] * (x * x + y * y);
            x = xd / d;
            y = yd / d;
        }
        return new double[] {x, y};
    }

    double[] centre(int image) {
        return Triangulation.centre(rotations, 9 * image, translations, 3 * image);
    }

    int addTrack(Track track) {
        tracks.add(track);
        int id = tracks.size() - 1;
        for (int k = 0; k < track.size(); k++) {
            trackOfFeature[track.image(k)][track.feature(k)] = id;
        }
        return id;
    }

    void addObservation(int id, int image, int feature) {
        tracks.get(id).add(image, feature);
        trackOfFeature[image][feature] = id;
    }

    void removeObservation(int id, int k) {
        Track track = tracks.get(id);
        trackOfFeature[track.image(k)][track.feature(k)] = -1;
        track.remove(k);
    }

    void deleteTrack(int id) {
        Track track = tracks.get(id);
        for (int k = 0; k < track.size(); k++) {
            trackOfFeature[track.image(k)][track.feature(k)] = -1;
        }
        tracks.set(id, null);
    }
}
