package dev.forge3d.engine.matching;

/** Two images to match, {@code first < second}. */
public record ImagePair(int first, int second) {
    public ImagePair {
        if (first < 0 || first >= second) {
            throw new IllegalArgumentException("an image pair needs 0 <= first < second: " + first + ", " + second);
        }
    }

    public static ImagePair of(int a, int b) {
        return new ImagePair(Math.min(a, b), Math.max(a, b));
    }
}
