package dev.forge3d.engine.pipeline;

import org.bytedeco.opencv.global.opencv_core;
import org.bytedeco.opencv.opencv_core.Mat;
import org.bytedeco.opencv.opencv_core.Scalar;
import org.junit.jupiter.api.Test;

import java.util.Optional;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class MeshViewSizeTest {
    @Test
    void aViewLongerThanTheWorkingSideIsShrunkToItKeepingItsShape() {
        try (Scalar grey = new Scalar(40, 120, 200, 0); Mat wide = new Mat(3000, 5000, opencv_core.CV_8UC3, grey);
             Mat tall = new Mat(5000, 100, opencv_core.CV_8UC4, grey)) {
            try (Mat shrunk = MeshViewSize.shrunk(wide).orElseThrow()) {
                assertEquals(MeshViewSize.MAX_WORKING_SIDE, shrunk.cols());
                assertEquals(Math.round(3000 * (double) MeshViewSize.MAX_WORKING_SIDE / 5000), shrunk.rows());
                assertEquals(wide.type(), shrunk.type());
                // An area average keeps a flat colour exactly.
                try (Scalar mean = opencv_core.mean(shrunk)) {
                    assertEquals(120, mean.get(1), 1e-9);
                }
            }
            try (Mat shrunk = MeshViewSize.shrunk(tall).orElseThrow()) {
                assertEquals(MeshViewSize.MAX_WORKING_SIDE, shrunk.rows());
                assertEquals(Math.round(100 * (double) MeshViewSize.MAX_WORKING_SIDE / 5000), shrunk.cols());
                assertEquals(4, shrunk.channels(), "the alpha channel stays");
            }
        }
    }

    @Test
    void aViewWithinTheWorkingSideIsUsedAsItIs() {
        int side = MeshViewSize.MAX_WORKING_SIDE;
        try (Mat square = new Mat(side, side, opencv_core.CV_8UC3); Mat small = new Mat(480, 640, opencv_core.CV_8UC3)) {
            assertEquals(Optional.empty(), MeshViewSize.shrunk(square), "the limit is inclusive");
            assertTrue(MeshViewSize.shrunk(small).isEmpty());
        }
    }
}
