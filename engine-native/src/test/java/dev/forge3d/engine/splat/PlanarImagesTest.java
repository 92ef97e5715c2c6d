package dev.forge3d.engine.splat;

import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class PlanarImagesTest {
    @TempDir
    Path temp;

    private Path png(String name, int width, int height) throws Exception {
        BufferedImage image = new BufferedImage(width, height, BufferedImage.TYPE_INT_RGB);
        for (int y = 0; y < height; y++) {
            for (int x = 0; x < width; x++) {
                image.setRGB(x, y, 0x336699);
            }
        }
        Path file = temp.resolve(name);
        ImageIO.write(image, "png", file.toFile());
        return file;
    }

    @Test
    void aFrameIsLoadedAtItsCamerasSizeWhenItHasItsShape() throws Exception {
        // 450 x 800 at a downscale of 4: the camera's 112 x 200 rounds one side.
        float[] image = PlanarImages.load(png("portrait.png", 450, 800), 112, 200);
        assertEquals(3 * 112 * 200, image.length);
        assertEquals(0x33 / 255f, image[0], 1e-6);
        assertEquals(0x99 / 255f, image[2 * 112 * 200], 1e-6);
    }

    @Test
    void aFrameOfAnotherShapeThanItsCameraIsRefusedNotStretched() throws Exception {
        Path square = png("square.png", 450, 450);
        Forge3dException refused = assertThrows(Forge3dException.class, () -> PlanarImages.load(square, 112, 200));
        assertEquals(ErrorCode.UNREADABLE_INPUT, refused.code());
        assertTrue(refused.getMessage().startsWith(square + ": 450 x 450 pixels, another shape"),
                refused.getMessage());
        // Turned a quarter is another shape too: a frame is not rotated to fit.
        Path landscape = png("landscape.png", 800, 450);
        assertThrows(Forge3dException.class, () -> PlanarImages.load(landscape, 112, 200));
    }
}
