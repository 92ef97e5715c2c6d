package dev.forge3d.engine.synthetic;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ForkJoinPool;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Same seed, same bytes; different seed, different texture; thread count never matters. */
class DeterminismTest {
    @TempDir
    Path folder;

    private static GenerationSpec spec(long seed) {
        return GenerationSpec.orbit(ScenePreset.COMPOSITE.onGround(seed), 96, 64, 3).withSupersampling(2)
                .withVideo(false);
    }

    @Test
    void theSameSeedGivesByteIdenticalFiles() throws Exception {
        GeneratedScene first = SceneGenerator.generate(spec(5), folder.resolve("a"));
        GeneratedScene second = SceneGenerator.generate(spec(5), folder.resolve("b"));
        for (int i = 0; i < first.frameCount(); i++) {
            assertArrayEquals(Files.readAllBytes(first.image(i)), Files.readAllBytes(second.image(i)));
            assertArrayEquals(Files.readAllBytes(first.mask(i)), Files.readAllBytes(second.mask(i)));
        }
        assertArrayEquals(Files.readAllBytes(first.mesh()), Files.readAllBytes(second.mesh()));
        assertArrayEquals(Files.readAllBytes(first.groundTruthFile()), Files.readAllBytes(second.groundTruthFile()));
    }

    @Test
    void aDifferentSeedChangesTheTextureButNotTheGeometry() throws Exception {
        GeneratedScene first = SceneGenerator.generate(spec(5), folder.resolve("a"));
        GeneratedScene other = SceneGenerator.generate(spec(6), folder.resolve("c"));
        for (int i = 0; i < first.frameCount(); i++) {
            int[] a = TestImages.rgb(first.image(i));
            int[] b = TestImages.rgb(other.image(i));
            int differing = 0;
            for (int p = 0; p < a.length; p++) {
                differing += a[p] != b[p] ? 1 : 0;
            }
            assertTrue(differing > a.length / 2, "only " + differing + " pixels changed with the seed");
            assertArrayEquals(Files.readAllBytes(first.mask(i)), Files.readAllBytes(other.mask(i)));
        }
    }

    @Test
    void renderingOnOneThreadOrManyGivesTheSameImage() throws Exception {
        GenerationSpec spec = spec(9);
        RayCastRenderer renderer = new RayCastRenderer(spec.scene());
        CameraPose pose = spec.rig().poses().get(1);
        RenderedView parallel = renderer.render(spec.intrinsics(), pose, 2);
        ForkJoinPool single = new ForkJoinPool(1);
        try {
            RenderedView serial = single.submit(() -> renderer.render(spec.intrinsics(), pose, 2)).get();
            assertArrayEquals(parallel.rgb(), serial.rgb());
            assertArrayEquals(parallel.hitIds(), serial.hitIds());
            assertArrayEquals(parallel.depth(), serial.depth());
        } finally {
            single.shutdown();
        }
    }

    @Test
    void aTexturedEnvironmentFillsTheBackgroundWithDetail() {
        SyntheticScene scene = ScenePreset.SPHERE.scene(4, true, Background.texturedSphere(20, 4));
        RayCastRenderer renderer = new RayCastRenderer(scene);
        PinholeIntrinsics k = PinholeIntrinsics.fromHorizontalFov(96, 64, 60);
        RenderedView view = renderer.render(k, OrbitCameras.camera(new dev.forge3d.api.Vec3(0, 0.5, 0), 3, 5, 0), 1);
        long distinct = 0;
        Set<Integer> colours = new HashSet<>();
        for (int i = 0; i < view.rgb().length; i++) {
            if (view.hitIds()[i] == RayCastRenderer.HIT_BACKGROUND) {
                distinct++;
                colours.add(view.rgb()[i]);
            }
        }
        assertTrue(distinct > 500, "too little background in view: " + distinct);
        assertTrue(colours.size() > distinct / 4, "background is not textured: " + colours.size() + " colours");
        assertFalse(colours.contains(0), "a background ray escaped the environment sphere");
    }
}
