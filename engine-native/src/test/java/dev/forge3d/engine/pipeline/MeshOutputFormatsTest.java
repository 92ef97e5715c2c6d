package dev.forge3d.engine.pipeline;

import dev.forge3d.api.InputSource;
import dev.forge3d.api.MeshParams;
import dev.forge3d.api.MeshRequest;
import dev.forge3d.api.OutputFormat;
import dev.forge3d.api.View;
import dev.forge3d.engine.io.ObjWriter;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;
import java.util.EnumSet;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;

class MeshOutputFormatsTest {
    private static MeshRequest request(String output, EnumSet<OutputFormat> formats) {
        return new MeshRequest(Map.of(View.FRONT, InputSource.of(Path.of("front.png"))),
                MeshParams.builder().outputs(formats).build(), Path.of("out", output));
    }

    @Test
    void thePrimaryOutputsFormatIsAlwaysWrittenBesideTheOnesAskedFor() {
        assertEquals(EnumSet.of(OutputFormat.GLB, OutputFormat.OBJ),
                MeshPipeline.formats(request("chair.obj", EnumSet.of(OutputFormat.GLB))));
        assertEquals(EnumSet.of(OutputFormat.GLB, OutputFormat.USDZ, OutputFormat.MP4),
                MeshPipeline.formats(request("chair.MP4", EnumSet.of(OutputFormat.GLB, OutputFormat.USDZ))));
        assertEquals(EnumSet.of(OutputFormat.FBX), MeshPipeline.formats(request("chair.fbx", EnumSet.of(
                OutputFormat.FBX))));
    }

    @Test
    void theFilesAnObjNamesHaveNoWhiteSpace() {
        assertEquals("my_model.v2", ObjWriter.companionStem(Path.of("out", "my model.v2.obj")));
        assertEquals("my_model.v2_basecolor.png",
                ObjWriter.TextureFiles.beside(Path.of("my\tmodel.v2.fbx")).baseColour());
        assertEquals("chair", ObjWriter.companionStem(Path.of("chair.obj")));
    }
}
