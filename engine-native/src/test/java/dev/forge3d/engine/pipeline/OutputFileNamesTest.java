package dev.forge3d.engine.pipeline;

import dev.forge3d.api.OutputFormat;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The names of the files written beside a requested output. */
class OutputFileNamesTest {
    @Test
    void eachMeshFormatTakesThePrimaryOutputsStemInItsFolder() {
        assertEquals(Path.of("out.d", "chair.v2.obj"), MeshPipeline.outputFile(Path.of("out.d", "chair.v2.GLB"),
                OutputFormat.OBJ));
        assertEquals(Path.of("chair.fbx"), MeshPipeline.outputFile(Path.of("chair"), OutputFormat.FBX));
        assertEquals(Path.of(".hidden.usdz"), MeshPipeline.outputFile(Path.of(".hidden"), OutputFormat.USDZ));
    }

    @Test
    void thePrimaryOutputIsWrittenUnderTheNameItWasGiven() {
        assertEquals(Path.of("out", "UP.GLB"), MeshPipeline.outputFile(Path.of("out", "UP.GLB"), OutputFormat.GLB));
        assertEquals(Path.of("out", "UP.obj"), MeshPipeline.outputFile(Path.of("out", "UP.GLB"), OutputFormat.OBJ));
        assertEquals(Path.of("out", ".glb"), MeshPipeline.outputFile(Path.of("out", ".glb"), OutputFormat.GLB));
        assertEquals(Path.of("Chair.Usdz"), MeshPipeline.outputFile(Path.of("Chair.Usdz"), OutputFormat.USDZ));
    }

    @Test
    void thePreviewReplacesOnlyAPlyExtension() {
        assertEquals(Path.of("out", "scene-preview.png"), TrainPipeline.previewPath(Path.of("out", "scene.ply")));
        assertEquals(Path.of("scene.v2-preview.png"), TrainPipeline.previewPath(Path.of("scene.v2.PLY")));
        assertEquals(Path.of("scene.bin-preview.png"), TrainPipeline.previewPath(Path.of("scene.bin")));
        assertEquals(Path.of("x.ply", "scene-preview.png"), TrainPipeline.previewPath(Path.of("x.ply", "scene")));
    }

    @Test
    void aHiddenPlyKeepsItsNameInThePreviews() {
        // ".ply" is a hidden file with no extension; its preview used to be "-preview.png", a name
        // that lost the output's and that shell tools read as an option.
        assertEquals(Path.of("out", ".ply-preview.png"), TrainPipeline.previewPath(Path.of("out", ".ply")));
    }
}
