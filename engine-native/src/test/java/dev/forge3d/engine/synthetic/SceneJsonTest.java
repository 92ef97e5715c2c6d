package dev.forge3d.engine.synthetic;

import dev.forge3d.engine.io.Json;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** Scene descriptions survive the JSON round trip exactly, including 64-bit seeds. */
class SceneJsonTest {

    @Test
    void scenesRoundTripThroughJson() {
        List<Primitive> objects = new ArrayList<>(ScenePreset.COMPOSITE.primitives(Long.MIN_VALUE + 7));
        objects.add(new Sphere(new dev.forge3d.api.Vec3(0, 2, 0), 0.1, Surface.solid(0x12ab34)));
        objects.add(new Box(new dev.forge3d.api.Vec3(1, 0.1, 1), new dev.forge3d.api.Vec3(0.1, 0.1, 0.1), -12.5,
                new ProceduralTexture(-8_765_432_109_876_543_210L, 7.25)));
        SyntheticScene scene = new SyntheticScene(Long.MAX_VALUE, objects,
                new GroundDisc(2, Surface.textured(99)), Background.texturedSphere(25, 3),
                new Lighting(0.3, new dev.forge3d.api.Vec3(1, 2, 3)));
        SyntheticScene read = SyntheticScene.fromJson(Json.parseObject(Json.write(scene.toJson())));
        assertEquals(scene, read);
        SyntheticScene plain = ScenePreset.SPHERE.isolated(42);
        assertEquals(plain, SyntheticScene.fromJson(Json.parseObject(Json.write(plain.toJson()))));
    }
}
