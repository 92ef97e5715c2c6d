package dev.forge3d.engine.pipeline;

import dev.forge3d.engine.dataset.CameraIntrinsics;
import dev.forge3d.engine.dataset.PosedDataset;
import dev.forge3d.engine.dataset.PosedFrame;
import dev.forge3d.engine.dataset.TransformsJson;
import org.joml.Matrix4d;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/** A dataset folder small enough to train in a test: two black frames a step apart, as transforms.json. */
final class TinyDataset {
    private TinyDataset() {
    }

    /** Writes {@code folder/images/f0.png, f1.png} and {@code folder/transforms.json}; returns the transforms.json. */
    static Path write(Path folder, int width, int height) throws IOException {
        Path images = Files.createDirectories(folder.resolve("images"));
        CameraIntrinsics camera = new CameraIntrinsics(width, height, width, width, width / 2.0, height / 2.0, 0);
        List<PosedFrame> frames = new ArrayList<>();
        for (int i = 0; i < 2; i++) {
            Path image = images.resolve("f" + i + ".png");
            ImageIO.write(new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB), "png", image.toFile());
            frames.add(new PosedFrame("images/f" + i + ".png", image, new Matrix4d().translation(0.2 * i, 0, -3), 0));
        }
        return TransformsJson.write(new PosedDataset(folder, List.of(camera), frames, List.of()));
    }
}
