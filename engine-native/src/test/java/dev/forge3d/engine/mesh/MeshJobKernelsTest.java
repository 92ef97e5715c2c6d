package dev.forge3d.engine.mesh;

import dev.forge3d.api.BackendInfo;
import dev.forge3d.api.DeviceKind;
import dev.forge3d.api.EngineConfig;
import dev.forge3d.api.InputSource;
import dev.forge3d.api.MeshParams;
import dev.forge3d.api.MeshRequest;
import dev.forge3d.api.Resolution;
import dev.forge3d.api.View;
import dev.forge3d.api.spi.ComputeBackend;
import dev.forge3d.api.spi.FusedAdam;
import dev.forge3d.api.spi.MeshKernels;
import dev.forge3d.engine.LocalEngine;
import dev.forge3d.engine.cpu.CpuBackend;
import dev.forge3d.engine.synthetic.GeneratedScene;
import dev.forge3d.engine.synthetic.GenerationSpec;
import dev.forge3d.engine.synthetic.SceneGenerator;
import dev.forge3d.engine.synthetic.ScenePreset;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The mesh job takes its volume carving, marching cubes and texture bake from its backend, and
 * says so; a backend without them gets the CPU twins, and the job says that instead. The test
 * backend stands in for CUDA (same kind) and counts the calls its kernels get.
 */
class MeshJobKernelsTest {
    @TempDir
    Path temp;

    @Test
    void theJobRunsTheBackendsKernelsAndSaysSo() throws Exception {
        CountingKernels counting = new CountingKernels();
        List<String> messages = runOn(new StandInBackend(counting), temp);
        // The coarse and the fine hull field, one extraction, one colour bake.
        assertEquals(List.of("hullField", "hullField", "marchingCubes", "bakeTexels"), counting.calls);
        assertTrue(messages.contains("volume carving, marching cubes and texture bake run on the stand-in backend"),
                messages.toString());
    }

    @Test
    void aBackendWithoutMeshKernelsFallsBackToTheCpuTwinsAndSaysSo() throws Exception {
        List<String> messages = runOn(new StandInBackend(null), temp);
        assertTrue(messages.contains("the stand-in backend has no mesh kernels; volume carving, marching cubes and "
                + "texture bake run on the CPU"), messages.toString());
    }

    /** A small two-view job at low_poly on {@code backend} (asked for as CUDA); its messages. */
    private static List<String> runOn(ComputeBackend backend, Path temp) throws Exception {
        GeneratedScene scene = SceneGenerator.generate(GenerationSpec.fourViews(ScenePreset.SPHERE.isolated(3), 128)
                .withMesh(false), temp.resolve("views"));
        Map<View, InputSource> views = new EnumMap<>(View.class);
        for (View view : List.of(View.FRONT, View.RIGHT)) {
            views.put(view, new InputSource.FromPath(scene.image(view)));
        }
        MeshParams params = MeshParams.builder().resolution(Resolution.LOW_POLY).faces(1000).textureSize(512)
                .device(DeviceKind.CUDA).build();
        try (LocalEngine engine = new LocalEngine(EngineConfig.builder().workRoot(temp.resolve("work")).build(),
                List.of(new CpuBackend(), backend))) {
            var job = engine.submit(new MeshRequest(views, params, temp.resolve("out.glb")));
            job.completion().get(120, TimeUnit.SECONDS);
            return job.messages();
        }
    }

    /** The CPU twins, recording which op each call reached. */
    private static final class CountingKernels implements MeshKernels {
        final List<String> calls = Collections.synchronizedList(new ArrayList<>());
        private final MeshKernels twins = new CpuMeshKernels();

        @Override
        public float[] hullField(int nx, int ny, int nz, double originX, double originY, double originZ,
                                 double voxel, double[] cameras, int[] viewSizes, float[][] signedDistance) {
            calls.add("hullField");
            return twins.hullField(nx, ny, nz, originX, originY, originZ, voxel, cameras, viewSizes, signedDistance);
        }

        @Override
        public Surface marchingCubes(int nx, int ny, int nz, double originX, double originY, double originZ,
                                     double voxel, float[] field) {
            calls.add("marchingCubes");
            return twins.marchingCubes(nx, ny, nz, originX, originY, originZ, voxel, field);
        }

        @Override
        public void bakeTexels(int size, byte[] covered, float[] position, float[] normal, int viewCount,
                               double[] cameras, int[] viewSizes, int[] viewRgb, byte[] viewMask, float[] viewDepth,
                               double depthTolerance, int mirrorPlanes, int[] outRgb, byte[] outSeen) {
            calls.add("bakeTexels");
            twins.bakeTexels(size, covered, position, normal, viewCount, cameras, viewSizes, viewRgb, viewMask,
                    viewDepth, depthTolerance, mirrorPlanes, outRgb, outSeen);
        }
    }

    /** An available backend of the CUDA kind with the given mesh kernels, or none. */
    private record StandInBackend(MeshKernels kernels) implements ComputeBackend {
        @Override
        public DeviceKind kind() {
            return DeviceKind.CUDA;
        }

        @Override
        public BackendInfo info() {
            return new BackendInfo("stand-in", true, "", "test", 0, 0, Map.of());
        }

        @Override
        public FusedAdam fusedAdam() {
            throw new UnsupportedOperationException("the mesh job does not train");
        }

        @Override
        public Optional<MeshKernels> meshKernels() {
            return Optional.ofNullable(kernels);
        }
    }
}
