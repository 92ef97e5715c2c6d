package dev.forge3d.cuda;

import dev.forge3d.api.DeviceKind;
import dev.forge3d.api.EngineConfig;
import dev.forge3d.api.ErrorCode;
import dev.forge3d.api.Forge3dException;
import dev.forge3d.api.InputSource;
import dev.forge3d.api.MeshParams;
import dev.forge3d.api.MeshRequest;
import dev.forge3d.api.Resolution;
import dev.forge3d.api.View;
import dev.forge3d.cuda.internal.CudaMeshKernels;
import dev.forge3d.cuda.internal.CudaProbe;
import dev.forge3d.cuda.internal.FakeCudaLibrary;
import dev.forge3d.engine.LocalEngine;
import dev.forge3d.engine.cpu.CpuBackend;
import dev.forge3d.engine.synthetic.GeneratedScene;
import dev.forge3d.engine.synthetic.GenerationSpec;
import dev.forge3d.engine.synthetic.SceneGenerator;
import dev.forge3d.engine.synthetic.ScenePreset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The CUDA backend hands the mesh job its GPU kernels only when it is available, and the job on it
 * (here over the fake library, no GPU) calls the hull kernel for its four views, says that the
 * kernels run on the cuda backend, and frees every stream and buffer. The fake computes nothing,
 * so the job then fails as it would for views that admit no object: {@code reconstruction_failed}.
 */
class CudaMeshJobTest {
    @TempDir
    Path temp;

    @Test
    void theMeshKernelsAreTheGpuOnesOnlyWhenTheBackendIsAvailable() {
        CudaBackend unavailable = new CudaBackend(() -> new CudaProbe.NotReady("no CUDA driver: test", Map.of()));
        assertTrue(unavailable.meshKernels().isEmpty());
        try (FakeCudaLibrary fake = new FakeCudaLibrary()) {
            CudaBackend ready = new CudaBackend(() -> CudaProbe.probe(fake.symbols(), "/fake/libforge3d_cuda.so"));
            assertInstanceOf(CudaMeshKernels.class, ready.meshKernels().orElseThrow());
        }
    }

    @Test
    void theMeshJobOnTheCudaBackendCallsTheGpuKernelsAndFreesThem() throws Exception {
        // The job decodes and segments with OpenCV, and the generator writes with ImageIO; the GPU
        // bundle carries neither (docs/gpu-bundle.md), so there this test skips.
        assumeTrue(ModuleLayer.boot().findModule("java.desktop").isPresent()
                && getClass().getClassLoader().getResource("org/bytedeco/opencv/global/opencv_imgcodecs.class")
                != null, "needs java.desktop and OpenCV, which the GPU bundle leaves out");
        GeneratedScene scene = SceneGenerator.generate(GenerationSpec.fourViews(ScenePreset.SPHERE.isolated(5), 96)
                .withMesh(false), temp.resolve("views"));
        Map<View, InputSource> views = new EnumMap<>(View.class);
        for (View view : View.values()) {
            views.put(view, new InputSource.FromPath(scene.image(view)));
        }
        MeshParams params = MeshParams.builder().resolution(Resolution.LOW_POLY).faces(1000).textureSize(512)
                .device(DeviceKind.CUDA).build();
        try (FakeCudaLibrary fake = new FakeCudaLibrary()) {
            CudaBackend cuda = new CudaBackend(() -> CudaProbe.probe(fake.symbols(), "/fake/libforge3d_cuda.so"));
            try (LocalEngine engine = new LocalEngine(EngineConfig.builder().workRoot(temp.resolve("work")).build(),
                    List.of(new CpuBackend(), cuda))) {
                var job = engine.submit(new MeshRequest(views, params, temp.resolve("out.glb")));
                ExecutionException failure = assertThrows(ExecutionException.class,
                        () -> job.completion().get(120, TimeUnit.SECONDS));
                Forge3dException error = assertInstanceOf(Forge3dException.class, failure.getCause());
                assertEquals(ErrorCode.RECONSTRUCTION_FAILED, error.code(), error.getMessage());
                assertTrue(job.messages().contains(
                        "volume carving, marching cubes and texture bake run on the cuda backend"),
                        job.messages().toString());
            }
            // The fake's field is all zero: the coarse pass (40 samples on the longest side) and the
            // retry on low_poly's 64-sample grid find nothing, and the job stops before the fine field.
            assertEquals(2, fake.count("f3d_volume_hull_field"), "the coarse pass and its retry");
            assertEquals(fake.count("f3d_buffer_alloc"), fake.count("f3d_buffer_free"));
            assertEquals(Set.of(), fake.liveHandles());
        }
    }
}
