package dev.forge3d.api;

import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Parameters of a mesh job (1-4 photos to a textured mesh). Every constructor call validates.
 *
 * @param faces               target face count, 1,000-500,000; with {@link Topology#QUADS} a quad
 *                            counts as the two triangles it joins (GLB stays triangles)
 * @param pbr                 bake a metallic-roughness material with a normal map
 * @param textureSize         texture edge in pixels: 512, 1024 or 2048
 * @param simplifyRatio       fraction of the dense mesh's faces to remove, in [0, 1), never below
 *                            {@link #MIN_FACES} faces; above 0 it sets the face count and
 *                            {@code faces} is not used, 0 means simplify to {@code faces} instead
 * @param topology            triangles, or quad-dominant for OBJ, FBX and USDZ
 * @param resolution          geometry volume resolution
 * @param scaledBbox          the bounding box (width, height, depth) in metres, each
 *                            {@value #MIN_BBOX_METRES} to {@value #MAX_BBOX_METRES}; -1 on an
 *                            axis means automatic
 * @param preserveAspectRatio fit inside {@code scaledBbox} without stretching
 * @param pivot               where the model origin sits, as fractions of the bounding box
 *                            (0..1 on each axis); Y is up, so (0.5, 0, 0.5) is the bottom centre
 * @param symmetry            whether unseen texels may be filled from a mirror image ({@link Symmetry})
 * @param device              compute backend
 * @param outputs             formats to write, at least one; kept as an unmodifiable copy in
 *                            {@link OutputFormat} order
 * @param seed                random seed
 */
public record MeshParams(int faces, boolean pbr, int textureSize, double simplifyRatio, Topology topology,
                         Resolution resolution, Vec3 scaledBbox, boolean preserveAspectRatio, Vec3 pivot,
                         Symmetry symmetry, DeviceKind device, Set<OutputFormat> outputs, long seed) {
    public static final int MIN_FACES = 1_000;
    public static final int MAX_FACES = 500_000;
    public static final double AUTOMATIC = -1;
    /**
     * The smallest box side: a micrometre. Far smaller sides are no object's size, and the mesh's
     * float coordinates give way: at 1e-40 m every normal came out (0, 1, 0) (the cross products
     * underflow), at the smallest doubles every vertex lay at the origin.
     */
    public static final double MIN_BBOX_METRES = 1e-6;
    public static final double MAX_BBOX_METRES = 1_000;

    public MeshParams {
        Check.inRange("faces", faces, MIN_FACES, MAX_FACES);
        Check.oneOf("textureSize", textureSize, 512, 1024, 2048);
        Check.inHalfOpenRange("simplifyRatio", simplifyRatio, 0, 1);
        Check.present("topology", topology);
        Check.present("resolution", resolution);
        Check.present("scaledBbox", scaledBbox);
        checkBboxAxis("scaledBbox.width", scaledBbox.x());
        checkBboxAxis("scaledBbox.height", scaledBbox.y());
        checkBboxAxis("scaledBbox.depth", scaledBbox.z());
        Check.present("pivot", pivot);
        Check.inRange("pivot.x", pivot.x(), 0, 1);
        Check.inRange("pivot.y", pivot.y(), 0, 1);
        Check.inRange("pivot.z", pivot.z(), 0, 1);
        Check.present("symmetry", symmetry);
        Check.present("device", device);
        Check.present("outputs", outputs);
        if (outputs.isEmpty()) {
            throw Forge3dException.invalidParam("formats", "(none)", "one or more of glb|obj|fbx|usdz|mp4");
        }
        // Not contains(null): Set.of's throws instead of answering.
        if (outputs.stream().anyMatch(format -> format == null)) {
            throw new Forge3dException(ErrorCode.VALIDATION_ERROR, "outputs holds a null format: " + outputs);
        }
        // An EnumSet keeps the formats' order; Set.copyOf's changes from one JVM run to the next.
        outputs = Collections.unmodifiableSet(EnumSet.copyOf(outputs));
    }

    private static void checkBboxAxis(String field, double metres) {
        if (!(metres == AUTOMATIC || (metres >= MIN_BBOX_METRES && metres <= MAX_BBOX_METRES))) {
            throw Forge3dException.invalidParam(field, metres, "-1 (automatic) or 1e-6 to 1000 metres");
        }
    }

    public static MeshParams defaults() {
        return builder().build();
    }

    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these parameters, to change some of them by name. */
    public Builder toBuilder() {
        return new Builder().faces(faces).pbr(pbr).textureSize(textureSize).simplifyRatio(simplifyRatio)
                .topology(topology).resolution(resolution).scaledBbox(scaledBbox)
                .preserveAspectRatio(preserveAspectRatio).pivot(pivot).symmetry(symmetry).device(device)
                .outputs(outputs).seed(seed);
    }

    /** Builds {@link MeshParams}; unset fields take the documented defaults. */
    public static final class Builder {
        private int faces = 20_000;
        private boolean pbr;
        private int textureSize = 1024;
        private double simplifyRatio;
        private Topology topology = Topology.TRIS;
        private Resolution resolution = Resolution.HIGH_POLY;
        private Vec3 scaledBbox = new Vec3(AUTOMATIC, AUTOMATIC, AUTOMATIC);
        private boolean preserveAspectRatio;
        private Vec3 pivot = new Vec3(0.5, 0, 0.5);
        private Symmetry symmetry = Symmetry.AUTO;
        private DeviceKind device = DeviceKind.AUTO;
        private Set<OutputFormat> outputs = EnumSet.of(OutputFormat.GLB);
        private long seed = 42;

        private Builder() {
        }

        public Builder faces(int faces) {
            this.faces = faces;
            return this;
        }

        public Builder pbr(boolean pbr) {
            this.pbr = pbr;
            return this;
        }

        public Builder textureSize(int textureSize) {
            this.textureSize = textureSize;
            return this;
        }

        public Builder simplifyRatio(double simplifyRatio) {
            this.simplifyRatio = simplifyRatio;
            return this;
        }

        public Builder topology(Topology topology) {
            this.topology = topology;
            return this;
        }

        public Builder resolution(Resolution resolution) {
            this.resolution = resolution;
            return this;
        }

        public Builder scaledBbox(Vec3 scaledBbox) {
            this.scaledBbox = scaledBbox;
            return this;
        }

        public Builder preserveAspectRatio(boolean preserveAspectRatio) {
            this.preserveAspectRatio = preserveAspectRatio;
            return this;
        }

        public Builder pivot(Vec3 pivot) {
            this.pivot = pivot;
            return this;
        }

        public Builder symmetry(Symmetry symmetry) {
            this.symmetry = symmetry;
            return this;
        }

        public Builder device(DeviceKind device) {
            this.device = device;
            return this;
        }

        public Builder outputs(Set<OutputFormat> outputs) {
            this.outputs = outputs;
            return this;
        }

        public Builder seed(long seed) {
            this.seed = seed;
            return this;
        }

        public MeshParams build() {
            return new MeshParams(faces, pbr, textureSize, simplifyRatio, topology, resolution, scaledBbox,
                    preserveAspectRatio, pivot, symmetry, device, outputs, seed);
        }
    }
}
