package dev.forge3d.engine.mesh;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Writes turntable frames of an asset under target/mesh-renders, for a look by eye. */
final class RenderCheck {
    private RenderCheck() {
    }

    static void write(MeshAsset asset, String name, int... frames) throws IOException {
        Path folder = Files.createDirectories(Path.of("target", "mesh-renders"));
        int w = 320, h = 240;
        BufferedImage strip = new BufferedImage(w * frames.length, h, BufferedImage.TYPE_INT_RGB);
        for (int i = 0; i < frames.length; i++) {
            int[] rgb = TurntableRenderer.render(asset, TurntableRenderer.camera(asset, w, h, frames[i], 8));
            strip.setRGB(i * w, 0, w, h, rgb, 0, w);
        }
        ImageIO.write(strip, "png", folder.resolve(name + ".png").toFile());
    }
}
