package dev.forge3d.engine.synthetic;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;

/**
 * A synthetic scene: an object (the union of its primitives), optional ground disc, background
 * and lighting. The object is what masks, meshes and inside tests refer to; the ground and the
 * background are scenery.
 *
 * @param seed       the seed the scene was built from (recorded for provenance)
 * @param objects    the object's primitives, at least one; their index is their hit id
 * @param ground     the ground disc, or null for none
 * @param background what rays that miss everything see
 * @param lighting   view-independent shading
 */
public record SyntheticScene(long seed, List<Primitive> objects, GroundDisc ground, Background background,
                             Lighting lighting) {

    public SyntheticScene {
        if (objects == null || objects.isEmpty()) {
            throw new IllegalArgumentException("a scene needs at least one primitive");
        }
        objects = List.copyOf(objects);
        if (background == null || lighting == null) {
            throw new IllegalArgumentException("background and lighting are required");
        }
    }

    /** Whether the object (the union of the primitives) contains the point. */
    public boolean objectContains(double x, double y, double z) {
        for (Primitive p : objects) {
            if (p.contains(x, y, z)) {
                return true;
            }
        }
        return false;
    }

    /**
     * The smallest primitive signed distance: negative exactly inside the object, zero on its
     * surface; outside it is the exact distance to the object.
     */
    public double objectSignedDistance(double x, double y, double z) {
        double d = Double.POSITIVE_INFINITY;
        for (Primitive p : objects) {
            d = Math.min(d, p.signedDistance(x, y, z));
        }
        return d;
    }

    /** The bounding box of the object (not the ground). */
    public Bounds objectBounds() {
        Bounds b = objects.get(0).bounds();
        for (Primitive p : objects) {
            b = b.union(p.bounds());
        }
        return b;
    }

    /**
     * The object's outer surface as one triangle mesh: every primitive tessellated with edges of
     * at most {@code maxEdge}, each triangle clipped to the part outside all other primitives.
     * A one-primitive object gives a closed, outward-oriented mesh with all vertices exactly on
     * the surface; where primitives overlap, the pieces meet along the intersection curves
     * (closed up to round-off, without shared vertices across pieces).
     */
    public TriangleMesh objectMesh(double maxEdge) {
        return UnionMesher.mesh(objects, maxEdge, 1e-5 * objectBounds().radius());
    }

    /** {@link #objectMesh(double)} with edges of at most 1/40 of the object's bounding radius. */
    public TriangleMesh objectMesh() {
        return objectMesh(objectBounds().radius() / 40);
    }

    /**
     * {@code count} points distributed uniformly by area over the object's outer surface (the
     * union's boundary), deterministic for the seed: x, y, z per point. For Chamfer distances.
     */
    public double[] sampleObjectSurface(int count, long seed) {
        if (count < 0) {
            throw new IllegalArgumentException("count must be non-negative");
        }
        double[] areas = new double[objects.size()];
        double total = 0;
        for (int i = 0; i < areas.length; i++) {
            total += objects.get(i).surfaceArea();
            areas[i] = total;
        }
        SplittableRandom random = new SplittableRandom(seed);
        double inside = -1e-9 * objectBounds().radius();
        double[] points = new double[3 * count];
        double[] p = new double[3];
        int n = 0;
        while (n < count) {
            double pick = random.nextDouble() * total;
            int i = 0;
            while (i < areas.length - 1 && pick >= areas[i]) {
                i++;
            }
            objects.get(i).pointOnSurface(random.nextDouble(), random.nextDouble(), random.nextDouble(), p);
            boolean hidden = false;
            for (int j = 0; j < objects.size() && !hidden; j++) {
                hidden = j != i && objects.get(j).signedDistance(p[0], p[1], p[2]) < inside;
            }
            if (!hidden) {
                System.arraycopy(p, 0, points, 3 * n++, 3);
            }
        }
        return points;
    }

    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("seed", JsonValues.seedValue(seed));
        List<Object> list = new ArrayList<>();
        for (Primitive p : objects) {
            list.add(p.toJson());
        }
        json.put("objects", list);
        json.put("ground", ground == null ? null : ground.toJson());
        json.put("background", background.toJson());
        json.put("lighting", lighting.toJson());
        return json;
    }

    @SuppressWarnings("unchecked")
    public static SyntheticScene fromJson(Map<String, Object> json) {
        List<Primitive> objects = new ArrayList<>();
        for (Object o : (List<Object>) json.get("objects")) {
            objects.add(Primitive.fromJson((Map<String, Object>) o));
        }
        Object ground = json.get("ground");
        return new SyntheticScene(JsonValues.seed(json.get("seed")), objects,
                ground == null ? null : GroundDisc.fromJson((Map<String, Object>) ground),
                Background.fromJson((Map<String, Object>) json.get("background")),
                Lighting.fromJson((Map<String, Object>) json.get("lighting")));
    }
}
