package dev.forge3d.engine.io;

import org.bytedeco.javacpp.BytePointer;
import org.bytedeco.javacpp.indexer.UByteIndexer;
import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.global.opencv_imgcodecs;
import org.bytedeco.opencv.opencv_core.Mat;

/** Encodes 0xRRGGBB images as PNG bytes through OpenCV. */
public final class PngEncoding {
    private PngEncoding() {
    }

    public static byte[] encode(int[] rgb, int width, int height) {
        if (rgb.length != width * height) {
            throw new IllegalArgumentException("need width * height pixels");
        }
        try (Mat mat = new Mat(height, width, opencv_core.CV_8UC3); BytePointer out = new BytePointer()) {
            try (UByteIndexer in = mat.createIndexer()) {
                for (int y = 0; y < height; y++) {
                    for (int x = 0; x < width; x++) {
                        int c = rgb[y * width + x];
                        in.put(y, x, 0, c & 0xFF);
                        in.put(y, x, 1, (c >> 8) & 0xFF);
                        in.put(y, x, 2, (c >> 16) & 0xFF);
                    }
                }
            }
            if (!opencv_imgcodecs.imencode(".png", mat, out)) {
                throw new IllegalStateException("PNG encoding failed");
            }
            byte[] bytes = new byte[(int) out.limit()];
            out.get(bytes);
            return bytes;
        }
    }
}
