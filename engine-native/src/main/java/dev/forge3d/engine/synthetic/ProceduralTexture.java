package dev.forge3d.engine.synthetic;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A seeded solid (3D) texture made for feature matching: high contrast, colourful and
 * non-repeating at several scales. It layers
 * <ol>
 *   <li>five octaves of value noise mapped through a seeded palette of alternately dark and
 *       bright colours (large and medium structure),</li>
 *   <li>a second, independent noise modulating brightness,</li>
 *   <li>sharp-edged colour blobs on two jittered cell grids (corner- and blob-like features),</li>
 *   <li>a fine speckle (small-scale detail).</li>
 * </ol>
 * It is a pure function of the seed, the frequency and the point, so rendering is deterministic
 * and multi-threaded rendering needs no shared state. Only arithmetic with exactly specified
 * results is used per point (no transcendental functions).
 */
public final class ProceduralTexture implements Surface {
    /** Coarsest-octave frequency, in cycles per metre, of {@link Surface#textured(long)}. */
    public static final double DEFAULT_FREQUENCY = 3.0;

    private static final int PALETTE_SIZE = 7;
    private static final int OCTAVES = 5;
    private static final double LACUNARITY = 2.07;
    private static final double GAIN = 0.55;

    private final long seed;
    private final double frequency;
    private final double[][] palette = new double[PALETTE_SIZE][];
    private final long[] octaveSeeds = new long[OCTAVES];
    private final double[] octaveOffsets = new double[OCTAVES * 3];
    private final long brightnessSeed;
    private final long blobSeedCoarse;
    private final long blobSeedFine;
    private final long speckleSeed;

    /**
     * @param seed      any value; different seeds give unrelated textures
     * @param frequency cycles per metre of the coarsest octave; the finest detail is about 40
     *                  times finer. Use a lower value for far surfaces (an environment sphere).
     */
    public ProceduralTexture(long seed, double frequency) {
        if (!(frequency > 0) || Double.isInfinite(frequency)) {
            throw new IllegalArgumentException("frequency must be positive: " + frequency);
        }
        this.seed = seed;
        this.frequency = frequency;
        long state = Hash.mix(seed ^ 0x5DEECE66DL);
        for (int i = 0; i < PALETTE_SIZE; i++) {
            state = Hash.mix(state + 1);
            double hue = Hash.unit(state);
            state = Hash.mix(state + 1);
            double saturation = 0.55 + 0.45 * Hash.unit(state);
            state = Hash.mix(state + 1);
            // Alternate dark and bright entries so neighbouring palette bands contrast strongly.
            double value = (i % 2 == 0) ? 0.12 + 0.28 * Hash.unit(state) : 0.75 + 0.25 * Hash.unit(state);
            palette[i] = hsvToRgb(hue, saturation, value);
        }
        for (int i = 0; i < OCTAVES; i++) {
            state = Hash.mix(state + 1);
            octaveSeeds[i] = state;
            for (int a = 0; a < 3; a++) {
                state = Hash.mix(state + 1);
                octaveOffsets[i * 3 + a] = 1000.0 * Hash.unit(state);
            }
        }
        brightnessSeed = Hash.mix(state + 11);
        blobSeedCoarse = Hash.mix(state + 12);
        blobSeedFine = Hash.mix(state + 13);
        speckleSeed = Hash.mix(state + 14);
    }

    public long seed() {
        return seed;
    }

    public double frequency() {
        return frequency;
    }

    @Override
    public void albedo(double x, double y, double z, double[] out) {
        double px = x * frequency;
        double py = y * frequency;
        double pz = z * frequency;

        // 1. Multi-octave noise through the palette, contrast-stretched.
        double sum = 0;
        double norm = 0;
        double amplitude = 1;
        double scale = 1;
        for (int i = 0; i < OCTAVES; i++) {
            sum += amplitude * Hash.valueNoise(octaveSeeds[i], px * scale + octaveOffsets[i * 3],
                    py * scale + octaveOffsets[i * 3 + 1], pz * scale + octaveOffsets[i * 3 + 2]);
            norm += amplitude;
            amplitude *= GAIN;
            scale *= LACUNARITY;
        }
        double t = clamp01((sum / norm - 0.5) * 2.6 + 0.5);
        double slot = t * (PALETTE_SIZE - 1);
        int index = Math.min((int) slot, PALETTE_SIZE - 2);
        double f = slot - index;
        double[] a = palette[index];
        double[] b = palette[index + 1];
        double r = a[0] + (b[0] - a[0]) * f;
        double g = a[1] + (b[1] - a[1]) * f;
        double bl = a[2] + (b[2] - a[2]) * f;

        // 2. Independent brightness modulation at a different scale.
        double brightness = 0.55 + 0.9 * Hash.valueNoise(brightnessSeed, px * 1.7 + 17.3, py * 1.7 - 5.1,
                pz * 1.7 + 9.7);

        // 3. Sharp colour blobs on a coarse and a fine jittered grid.
        long blob = blob(blobSeedFine, px * 9.0, py * 9.0, pz * 9.0, 0.55);
        if (blob == NO_BLOB) {
            blob = blob(blobSeedCoarse, px * 2.6, py * 2.6, pz * 2.6, 0.45);
        }
        if (blob != NO_BLOB) {
            // The blob's colour: a saturated hue, either very dark or very bright.
            long h = Hash.mix(blob + 1);
            double hue = Hash.unit(h);
            h = Hash.mix(h + 1);
            double value = Hash.unit(h) < 0.5 ? 0.08 : 0.95;
            hsvToRgb(hue, 0.85, value, out);
            r = out[0];
            g = out[1];
            bl = out[2];
            brightness = 1.0;
        }

        // 4. Fine speckle.
        double speckle = 0.8 + 0.4 * Hash.valueNoise(speckleSeed, px * 22.0, py * 22.0, pz * 22.0);
        double k = brightness * speckle;
        out[0] = clamp01(r * k);
        out[1] = clamp01(g * k);
        out[2] = clamp01(bl * k);
    }

    private static final long NO_BLOB = Long.MIN_VALUE;

    /**
     * A ball of random radius, jittered inside each unit cell, present in a fraction of the
     * cells. Balls stay inside their cell, so only the point's own cell needs checking. Returns
     * the ball's hash (its colour's seed) when the point is inside one, else {@link #NO_BLOB}.
     */
    private static long blob(long seed, double x, double y, double z, double presence) {
        int ix = (int) Math.floor(x);
        int iy = (int) Math.floor(y);
        int iz = (int) Math.floor(z);
        long h = Hash.lattice(seed, ix, iy, iz);
        if (Hash.unit(h) >= presence) {
            return NO_BLOB;
        }
        h = Hash.mix(h + 1);
        double radius = 0.18 + 0.2 * Hash.unit(h);
        h = Hash.mix(h + 1);
        double cx = ix + radius + (1 - 2 * radius) * Hash.unit(h);
        h = Hash.mix(h + 1);
        double cy = iy + radius + (1 - 2 * radius) * Hash.unit(h);
        h = Hash.mix(h + 1);
        double cz = iz + radius + (1 - 2 * radius) * Hash.unit(h);
        double dx = x - cx;
        double dy = y - cy;
        double dz = z - cz;
        return dx * dx + dy * dy + dz * dz > radius * radius ? NO_BLOB : h;
    }

    private static double clamp01(double v) {
        return v < 0 ? 0 : (v > 1 ? 1 : v);
    }

    private static double[] hsvToRgb(double h, double s, double v) {
        double[] rgb = new double[3];
        hsvToRgb(h, s, v, rgb);
        return rgb;
    }

    private static void hsvToRgb(double h, double s, double v, double[] rgb) {
        double h6 = h * 6.0;
        int sector = Math.min((int) h6, 5);
        double f = h6 - sector;
        double p = v * (1 - s);
        double q = v * (1 - s * f);
        double t = v * (1 - s * (1 - f));
        switch (sector) {
            case 0 -> { rgb[0] = v; rgb[1] = t; rgb[2] = p; }
            case 1 -> { rgb[0] = q; rgb[1] = v; rgb[2] = p; }
            case 2 -> { rgb[0] = p; rgb[1] = v; rgb[2] = t; }
            case 3 -> { rgb[0] = p; rgb[1] = q; rgb[2] = v; }
            case 4 -> { rgb[0] = t; rgb[1] = p; rgb[2] = v; }
            default -> { rgb[0] = v; rgb[1] = p; rgb[2] = q; }
        }
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", "textured");
        json.put("seed", JsonValues.seedValue(seed));
        json.put("frequency", frequency);
        return json;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof ProceduralTexture other && other.seed == seed
                && Double.compare(other.frequency, frequency) == 0;
    }

    @Override
    public int hashCode() {
        return Objects.hash(seed, frequency);
    }

    @Override
    public String toString() {
        return "ProceduralTexture[seed=" + seed + ", frequency=" + frequency + "]";
    }
}
