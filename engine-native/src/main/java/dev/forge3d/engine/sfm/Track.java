package dev.forge3d.engine.sfm;

import java.util.Arrays;

/** A 3D point and the image features that observe it. */
final class Track {
    final double[] xyz = new double[3];
    private int[] images = new int[4];
    private int[] features = new int[4];
    private int size;

    int size() {
        return size;
    }

    int image(int k) {
        return images[k];
    }

    int feature(int k) {
        return features[k];
    }

    boolean observedIn(int image) {
        for (int k = 0; k < size; k++) {
            if (images[k] == image) {
                return true;
            }
        }
        return false;
    }

    void add(int image, int feature) {
        if (size == images.length) {
            images = Arrays.copyOf(images, 2 * size);
            features = Arrays.copyOf(features, 2 * size);
        }
        images[size] = image;
        features[size++] = feature;
    }

    void remove(int k) {
        images[k] = images[size - 1];
        features[k] = features[size - 1];
        size--;
    }
}
