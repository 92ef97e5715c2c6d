package dev.forge3d.engine.splat;

import java.util.Arrays;

/**
 * The CPU twin of tile intersection and sorting: every visible Gaussian is bound to each 16x16
 * tile its three-sigma rectangle touches, and the (tile, Gaussian) pairs are ordered by the
 * 64-bit key {@code tile << 32 | depth bits}, ties by Gaussian index. On the GPU that is one
 * stable radix sort of keys emitted in Gaussian order; here a stable counting sort by tile
 * followed by a per-tile sort of {@code depth bits << 32 | gaussian}, which gives the same order.
 * Depths are positive, so their float bits order like the floats.
 */
final class TileBinning {
    final int tilesX;
    final int tilesY;
    final int tileCount;
    /** Entry range of tile t: {@code tileStart[t]..tileStart[t + 1]-1}. */
    final int[] tileStart;
    /** Per entry, after {@link #bin}: depth bits in the high word, the Gaussian in the low word. */
    long[] entryKeys = new long[0];
    /** Per entry: its Gaussian. */
    int[] entryGaussian = new int[0];
    int entries;
    private final int[] cursor;

    TileBinning(int width, int height) {
        tilesX = (width + Projection.TILE - 1) / Projection.TILE;
        tilesY = (height + Projection.TILE - 1) / Projection.TILE;
        tileCount = tilesX * tilesY;
        tileStart = new int[tileCount + 1];
        cursor = new int[tileCount];
    }

    void bin(ProjectedGaussians p, int count, WorkerPool pool) {
        Arrays.fill(cursor, 0);
        long total = 0;
        for (int i = 0; i < count; i++) {
            if (p.tilesTouched[i] == 0) {
                continue;
            }
            total += p.tilesTouched[i];
            for (int ty = p.tileRect[4 * i + 1]; ty < p.tileRect[4 * i + 3]; ty++) {
                for (int tx = p.tileRect[4 * i]; tx < p.tileRect[4 * i + 2]; tx++) {
                    cursor[ty * tilesX + tx]++;
                }
            }
        }
        if (total > Integer.MAX_VALUE - 8) {
            throw new IllegalStateException("too many tile intersections: " + total);
        }
        entries = (int) total;
        if (entryKeys.length < entries) {
            int size = Math.max(entries, entryKeys.length + entryKeys.length / 2);
            entryKeys = new long[size];
            entryGaussian = new int[size];
        }
        int start = 0;
        for (int t = 0; t < tileCount; t++) {
            tileStart[t] = start;
            start += cursor[t];
            cursor[t] = tileStart[t];
        }
        tileStart[tileCount] = start;
        for (int i = 0; i < count; i++) {
            if (p.tilesTouched[i] == 0) {
                continue;
            }
            long key = ((long) Float.floatToRawIntBits(p.depth[i]) << 32) | i;
            for (int ty = p.tileRect[4 * i + 1]; ty < p.tileRect[4 * i + 3]; ty++) {
                for (int tx = p.tileRect[4 * i]; tx < p.tileRect[4 * i + 2]; tx++) {
                    entryKeys[cursor[ty * tilesX + tx]++] = key;
                }
            }
        }
        pool.forEach(tileCount, t -> {
            int from = tileStart[t];
            int to = tileStart[t + 1];
            Arrays.sort(entryKeys, from, to);
            for (int e = from; e < to; e++) {
                entryGaussian[e] = (int) entryKeys[e];
            }
        });
    }
}
