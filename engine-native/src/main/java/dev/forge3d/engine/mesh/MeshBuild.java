package dev.forge3d.engine.mesh;

import dev.forge3d.api.MeshParams;
import dev.forge3d.api.Resolution;
import dev.forge3d.api.View;
import dev.forge3d.api.spi.MeshKernels;

import java.util.List;
import java.util.Map;

/**
 * The mesh job's steps after segmentation, each a plain method so that the pipeline can time
 * and report them and tests can run them on views with known cameras.
 */
public final class MeshBuild {
    private MeshBuild() {
    }

    /** Grid samples along the longest side for a resolution. */
    public static int samples(Resolution resolution) {
        return resolution == Resolution.HIGH_POLY ? 256 : 64;
    }

    /** Normalised canvas height for a resolution: a few pixels per grid sample. */
    public static int canvasHeight(Resolution resolution) {
        return resolution == Resolution.HIGH_POLY ? 512 : 256;
    }

    /**
     * The cameras the job assumes for its normalised views ({@link AssumedCameras}: the assumed
     * lens, the elevation estimated from the views). {@link LostParts} estimated an elevation
     * during segmentation too, but from the masks before their recut, on 160-pixel canvases: it
     * differs from this one on the final masks (512 x 512 views over textured backdrops: composite
     * 17.5 against 15 degrees, cylinder 7.5 against 5), so reusing it would move the job's cameras.
     */
    public static List<PosedView> poseNormalised(Map<View, ViewNormalisation.NormalisedView> normalised) {
        return AssumedCameras.pose(normalised);
    }

    /**
     * The box that every view's camera sees around the origin: min xyz then max xyz. The canvas
     * spans its width and height at the origin's depth (as far as its farthest edge from the
     * principal point); a perspective camera sees wider behind the origin, so the box grows by
     * the depth ratio of its far corner.
     */
    public static double[] searchBox(List<PosedView> views) {
        double half = 0;
        double halfHeight = 0;
        for (PosedView v : views) {
            ViewCamera c = v.camera();
            double originDepth = c.rows()[11];
            double atOrigin = c.worldPerPixel(originDepth);
            double[] centre = new double[3];
            c.project(0, 0, 0, centre);
            double w = Math.max(centre[0], v.image().width() - centre[0]) * atOrigin;
            double h = Math.max(centre[1], v.image().height() - centre[1]) * atOrigin;
            double grow = c.perspective() ? (originDepth + Math.sqrt(2 * w * w + h * h)) / originDepth : 1;
            half = Math.max(half, w * grow);
            halfHeight = Math.max(halfHeight, h * grow);
        }
        return new double[] {-half, -halfHeight, -half, half, halfHeight, half};
    }

    /**
     * The geometry stage: the model's surface of the normalised views, searched for in the box
     * their cameras see, at the resolution's grid.
     */
    public static DenseSurface reconstruct(List<PosedView> views, Resolution resolution, GeometryModel model,
                                           GeometryModel.Progress progress) {
        double[] box = searchBox(views);
        return model.reconstruct(views, new double[] {box[0], box[1], box[2]}, new double[] {box[3], box[4], box[5]},
                samples(resolution), progress);
    }

    /**
     * {@link #texture(TriMesh, DenseSurface, List, MeshParams, int, Runnable, MeshKernels)} on the
     * CPU twins, with the mirror planes that {@code params}' symmetry allows ({@link MirrorPlanes#of}).
     */
    public static MeshAsset texture(TriMesh simplified, DenseSurface dense, List<PosedView> views, MeshParams params,
                                    Runnable checkCancelled) {
        return texture(simplified, dense, views, params, MirrorPlanes.of(params.symmetry(), views), checkCancelled,
                new CpuMeshKernels());
    }

    /**
     * UVs, colour bake with hole filling, and with {@code pbr} the normal and metallic-roughness
     * maps; the colour bake's texel sampling runs on {@code kernels}, and texels no view sees may
     * take their mirror images' colours across {@code mirrorPlanes} ({@link MeshKernels#bakeTexels}).
     */
    public static MeshAsset texture(TriMesh simplified, DenseSurface dense, List<PosedView> views, MeshParams params,
                                    int mirrorPlanes, Runnable checkCancelled, MeshKernels kernels) {
        int size = params.textureSize();
        int[] partner = params.topology() == dev.forge3d.api.Topology.QUADS ? QuadPairing.partners(simplified) : null;
        TriMesh unwrapped = UvUnwrapper.unwrap(simplified, size, partner);
        checkCancelled.run();
        float[] normals = unwrapped.vertexNormals();
        float[] tangents = params.pbr() ? TangentFrames.tangents(unwrapped, normals) : null;
        TexelSurface texels = TexelSurface.rasterize(unwrapped, normals, tangents, size);
        checkCancelled.run();
        double[] b = unwrapped.bounds();
        double diagonal = Math.sqrt(Math.pow(b[3] - b[0], 2) + Math.pow(b[4] - b[1], 2) + Math.pow(b[5] - b[2], 2));
        TextureBaker.Baked baked = TextureBaker.bakeColour(texels, unwrapped, views,
                mirrorPlanes, 0.02 * diagonal, kernels);
        checkCancelled.run();
        byte[] coloured = SurfaceFill.fillUnseen(texels, baked.rgb(), baked.seen());
        TextureBaker.pushPullFill(baked.rgb(), coloured, size);
        int[] normalMap = null;
        int[] metallicRoughness = null;
        if (params.pbr()) {
            normalMap = TextureBaker.bakeNormals(texels, dense);
            metallicRoughness = new int[size * size];
            java.util.Arrays.fill(metallicRoughness, TextureBaker.METALLIC_ROUGHNESS_RGB);
        }
        return new MeshAsset(unwrapped, normals, tangents, size, baked.rgb(), metallicRoughness, normalMap, partner);
    }

    /**
     * Scales and moves the asset into place (see {@link Placement}) and recomputes its normals
     * and tangents for the new shape; returns the placed asset and sets {@code sizeOut} to its
     * box in metres.
     */
    public static MeshAsset place(MeshAsset asset, MeshParams params, double[] sizeOut) {
        double[] size = Placement.place(asset.mesh(), params.scaledBbox(), params.preserveAspectRatio(), params.pivot());
        System.arraycopy(size, 0, sizeOut, 0, 3);
        float[] normals = asset.mesh().vertexNormals();
        float[] tangents = asset.tangents() == null ? null : TangentFrames.tangents(asset.mesh(), normals);
        return new MeshAsset(asset.mesh(), normals, tangents, asset.textureSize(), asset.baseColour(),
                asset.metallicRoughness(), asset.normalMap(), asset.quadPartner());
    }
}
