package dev.forge3d.benchmarks;

import dev.forge3d.api.DeviceKind;
import dev.forge3d.api.EngineConfig;
import dev.forge3d.api.InputSource;
import dev.forge3d.api.JobResult;
import dev.forge3d.api.MeshParams;
import dev.forge3d.api.MeshRequest;
import dev.forge3d.api.Resolution;
import dev.forge3d.api.View;
import dev.forge3d.engine.LocalEngine;
import dev.forge3d.engine.cpu.CpuBackend;
import dev.forge3d.engine.io.Json;
import dev.forge3d.engine.synthetic.GeneratedScene;
import dev.forge3d.engine.synthetic.GenerationSpec;
import dev.forge3d.engine.synthetic.SceneGenerator;
import dev.forge3d.engine.synthetic.ScenePreset;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * The mesh job end to end, as the acceptance times it: the synthetic composite's four 512 x 512
 * views, high_poly, 20,000 faces, a 1024 texture, GLB out, on the CPU backend. Runs it
 * {@code runs} times (the first warms the JVM up) and prints each run's stage seconds as JSON.
 * Given a photo, it runs that photo as the only view instead, with the same parameters.
 * Usage: MeshJobBench [runs] [output folder] [front photo]; scripts/bench-mesh.sh pins it to two cores.
 */
public final class MeshJobBench {
    private MeshJobBench() {
    }

    public static void main(String[] args) throws Exception {
        int runs = args.length > 0 ? Integer.parseInt(args[0]) : 3;
        Path folder = args.length > 1 ? Path.of(args[1]) : Files.createTempDirectory("mesh-bench");
        Map<View, InputSource> views = args.length > 2 ? Map.of(View.FRONT, new InputSource.FromPath(Path.of(args[2])))
                : syntheticComposite(folder.resolve("views"));
        MeshParams params = MeshParams.builder().resolution(Resolution.HIGH_POLY).faces(20_000).textureSize(1024)
                .device(DeviceKind.CPU).build();
        System.out.println("{\"cores\":" + Runtime.getRuntime().availableProcessors() + "}");
        try (LocalEngine engine = new LocalEngine(EngineConfig.builder().workRoot(folder.resolve("work")).build(),
                List.of(new CpuBackend()))) {
            for (int run = 0; run < runs; run++) {
                long start = System.nanoTime();
                JobResult result = engine.submit(new MeshRequest(views, params, folder.resolve("bench-" + run + ".glb")))
                        .completion().get(10, TimeUnit.MINUTES);
                Map<String, Object> line = new LinkedHashMap<>();
                line.put("run", run);
                line.put("seconds_total", (System.nanoTime() - start) / 1e9);
                line.putAll(result.metrics());
                System.out.println(Json.write(line));
            }
        }
    }

    /** The synthetic composite's four 512 x 512 views. */
    private static Map<View, InputSource> syntheticComposite(Path folder) throws IOException {
        GeneratedScene scene = SceneGenerator.generate(
                GenerationSpec.fourViews(ScenePreset.COMPOSITE.isolated(42), 512).withMesh(false), folder);
        Map<View, InputSource> views = new EnumMap<>(View.class);
        for (View view : View.values()) {
            views.put(view, new InputSource.FromPath(scene.image(view)));
        }
        return views;
    }
}
