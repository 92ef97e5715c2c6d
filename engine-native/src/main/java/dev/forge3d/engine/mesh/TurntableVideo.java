package dev.forge3d.engine.mesh;

import dev.forge3d.engine.synthetic.Mp4VideoWriter;

import java.io.IOException;
import java.nio.file.Path;

/** A turntable MP4 of a textured mesh: one full turn rendered by {@link TurntableRenderer}. */
public final class TurntableVideo {
    public static final int SIZE = 480;
    public static final int FRAMES = 72;
    public static final double FPS = 24;

    private TurntableVideo() {
    }

    /** Writes the video; {@code checkCancelled} runs between frames. */
    public static void write(MeshAsset asset, Path file, Runnable checkCancelled) throws IOException {
        try (Mp4VideoWriter writer = new Mp4VideoWriter(file, SIZE, SIZE, FPS)) {
            for (int i = 0; i < FRAMES; i++) {
                checkCancelled.run();
                writer.write(TurntableRenderer.render(asset, TurntableRenderer.camera(asset, SIZE, SIZE, i, FRAMES)));
            }
        }
    }
}
