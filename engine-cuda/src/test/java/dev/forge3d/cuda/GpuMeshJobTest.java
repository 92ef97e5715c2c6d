package dev.forge3d.cuda;

import dev.forge3d.api.DeviceKind;
import dev.forge3d.api.EngineConfig;
import dev.forge3d.api.InputSource;
import dev.forge3d.api.JobResult;
import dev.forge3d.api.MeshParams;
import dev.forge3d.api.MeshRequest;
import dev.forge3d.api.OutputFormat;
import dev.forge3d.api.Resolution;
import dev.forge3d.api.View;
import dev.forge3d.cuda.internal.GpuTestSupport;
import dev.forge3d.engine.LocalEngine;
import dev.forge3d.engine.cpu.CpuBackend;
import dev.forge3d.engine.synthetic.GeneratedScene;
import dev.forge3d.engine.synthetic.GenerationSpec;
import dev.forge3d.engine.synthetic.SceneGenerator;
import dev.forge3d.engine.synthetic.ScenePreset;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.util.HashMap;
import javax.imageio.ImageIO;
import java.awt.image.BufferedImage;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

import static dev.forge3d.cuda.internal.TwinAssertions.assertRelativeErrorBelow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

/**
 * The mesh job on the CUDA backend gives the CPU job's mesh for the generator's composite object
 * from four views: the same dense and final face counts, the same OBJ faces, vertex positions,
 * UVs and normals within a relative error of 1e-5, and a base colour texture that differs in at most
 * 0.1% of the texels. The kernels reproduce their twins' arrays (bit-identical expected), so the
 * simplification, which is sensitive to the smallest change, sees the same dense mesh.
 *
 * <p>Needs OpenCV (segmentation, silhouette distances) and java.desktop (the generator's PNGs),
 * which the GPU bundle leaves out: run it from a Maven build on a machine with a GPU
 * ({@code ./mvnw -pl engine-cuda -am verify -Dtest=GpuMeshJobTest -Dsurefire.failIfNoSpecifiedTests=false}).
 * In the bundle GpuMeshStagesTest covers the same kernels in the texture stage and marching cubes.
 */
@Tag("gpu")
class GpuMeshJobTest {
    @TempDir
    Path temp;

    @Test
    void theJobOnTheGpuGivesTheCpuJobsMesh() throws Exception {
        GpuTestSupport.runtimeOrSkip();
        assumeTrue(ModuleLayer.boot().findModule("java.desktop").isPresent()
                && getClass().getClassLoader().getResource("org/bytedeco/opencv/global/opencv_imgcodecs.class")
                != null, "needs java.desktop and OpenCV, which the GPU bundle leaves out");
        GeneratedScene scene = SceneGenerator.generate(GenerationSpec.fourViews(ScenePreset.COMPOSITE.isolated(7), 160)
                .withMesh(false), temp.resolve("views"));
        Map<View, InputSource> views = new EnumMap<>(View.class);
        for (View view : View.values()) {
            views.put(view, new InputSource.FromPath(scene.image(view)));
        }
        try (LocalEngine engine = new LocalEngine(EngineConfig.builder().workRoot(temp.resolve("work")).build(),
                List.of(new CpuBackend(), new CudaBackend()))) {
            JobResult cpu = run(engine, views, DeviceKind.CPU, new ArrayList<>());
            List<String> gpuMessages = new ArrayList<>();
            JobResult gpu = run(engine, views, DeviceKind.CUDA, gpuMessages);
            assertTrue(gpuMessages.contains("volume carving, marching cubes and texture bake run on the cuda backend"),
                    gpuMessages.toString());
            for (String metric : List.of("dense_faces", "faces", "vertices")) {
                assertEquals(cpu.metrics().get(metric), gpu.metrics().get(metric), metric);
            }
            compareObj(cpu.outputs().get("obj"), gpu.outputs().get("obj"));
            compareTexture(cpu.outputs().get("texture_basecolor"), gpu.outputs().get("texture_basecolor"));
        }
    }

    private JobResult run(LocalEngine engine, Map<View, InputSource> views, DeviceKind device, List<String> messages)
            throws Exception {
        MeshParams params = MeshParams.builder().resolution(Resolution.LOW_POLY).faces(1500).textureSize(512)
                .device(device).outputs(EnumSet.of(OutputFormat.OBJ)).build();
        Path output = Files.createDirectories(temp.resolve(device.wireName())).resolve("mesh.obj");
        var job = engine.submit(new MeshRequest(views, params, output));
        JobResult result = job.completion().get(300, TimeUnit.SECONDS);
        messages.addAll(job.messages());
        return result;
    }

    /**
     * The numbers of the v, vt and vn lines each within 1e-5 relative L2 error (a vertex moved by a
     * rounding moves its normal and may nudge its chart); every other line, the faces first, equal.
     */
    private static void compareObj(Path cpuFile, Path gpuFile) throws Exception {
        List<String> cpu = Files.readAllLines(cpuFile);
        List<String> gpu = Files.readAllLines(gpuFile);
        assertEquals(cpu.size(), gpu.size(), "OBJ lines");
        Map<String, List<Float>> cpuNumbers = new HashMap<>();
        Map<String, List<Float>> gpuNumbers = new HashMap<>();
        for (int i = 0; i < cpu.size(); i++) {
            String kind = cpu.get(i).split("\\s+", 2)[0];
            if (List.of("v", "vt", "vn").contains(kind) && gpu.get(i).startsWith(kind + " ")) {
                addNumbers(cpu.get(i), cpuNumbers.computeIfAbsent(kind, k -> new ArrayList<>()));
                addNumbers(gpu.get(i), gpuNumbers.computeIfAbsent(kind, k -> new ArrayList<>()));
            } else {
                assertEquals(cpu.get(i), gpu.get(i), "OBJ line " + (i + 1));
            }
        }
        assertTrue(cpuNumbers.get("v").size() > 300, "vertices " + cpuNumbers.get("v").size() / 3);
        for (String kind : cpuNumbers.keySet()) {
            assertRelativeErrorBelow("OBJ " + kind + " numbers", toArray(cpuNumbers.get(kind)),
                    toArray(gpuNumbers.get(kind)), 1e-5);
        }
    }

    private static void addNumbers(String line, List<Float> out) {
        String[] parts = line.trim().split("\\s+");
        for (int k = 1; k < parts.length; k++) {
            out.add(Float.parseFloat(parts[k]));
        }
    }

    private static float[] toArray(List<Float> values) {
        float[] out = new float[values.size()];
        for (int i = 0; i < out.length; i++) {
            out[i] = values.get(i);
        }
        return out;
    }

    private static void compareTexture(Path cpuFile, Path gpuFile) throws Exception {
        BufferedImage cpu = ImageIO.read(cpuFile.toFile());
        BufferedImage gpu = ImageIO.read(gpuFile.toFile());
        assertEquals(cpu.getWidth(), gpu.getWidth());
        assertEquals(cpu.getHeight(), gpu.getHeight());
        int differing = 0;
        for (int y = 0; y < cpu.getHeight(); y++) {
            for (int x = 0; x < cpu.getWidth(); x++) {
                differing += cpu.getRGB(x, y) != gpu.getRGB(x, y) ? 1 : 0;
            }
        }
        int texels = cpu.getWidth() * cpu.getHeight();
        assertTrue(differing <= texels / 1000, differing + " of " + texels + " base colour texels differ");
    }
}
