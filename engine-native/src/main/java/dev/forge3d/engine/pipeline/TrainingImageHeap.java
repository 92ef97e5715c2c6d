package dev.forge3d.engine.pipeline;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;

import java.util.Locale;

/**
 * Training holds every image on the heap at once, three float channels a pixel
 * ({@code PlanarImages}), whatever the backend. A run whose images alone exceed the heap's maximum
 * can only end out of memory, so it is refused before it starts, rather than after the frames are
 * extracted and posed.
 */
final class TrainingImageHeap {
    /** Bytes one training pixel takes: red, green and blue as floats. */
    static final long BYTES_PER_PIXEL = 3L * Float.BYTES;

    private TrainingImageHeap() {
    }

    /** As {@link #requireRoom(long, long, String)}, against this JVM's maximum heap. */
    static void requireRoom(long pixels, String images) {
        requireRoom(pixels, Runtime.getRuntime().maxMemory(), images);
    }

    /**
     * @param pixels    the training images' pixels, all frames together
     * @param heapBytes the heap's maximum
     * @param images    what the images are, for the message
     * @throws Forge3dException {@link ErrorCode#OUT_OF_MEMORY} when the images alone need more than
     *                          {@code heapBytes}
     */
    static void requireRoom(long pixels, long heapBytes, String images) {
        double need = (double) pixels * BYTES_PER_PIXEL;
        if (need > heapBytes) {
            throw new Forge3dException(ErrorCode.OUT_OF_MEMORY, String.format(Locale.ROOT,
                    "%s need %.1f GiB of memory for training (%,d pixels, 12 bytes each), more than the Java heap's"
                            + " maximum of %.1f GiB; use a larger --downscale or fewer frames, or give Java a larger"
                            + " heap (-Xmx)", images, need / (1L << 30), pixels, heapBytes / (double) (1L << 30)));
        }
    }
}
