package dev.forge3d.engine.mesh;

import dev.forge3d.api.spi.MeshKernels;

import java.util.List;
import java.util.stream.IntStream;

/**
 * Geometry from silhouettes: the visual hull of the views on a grid, rounded by each view's
 * inflated silhouette ({@link VolumeCarving#inflate}), closed level below the lowest point the
 * views see when they all look down ({@link UnseenUnderside}), optionally refined by colour
 * carving ({@link PhotoConsistency}) when the cameras are accurate, extracted with {@link MarchingCubes}
 * and lightly smoothed ({@link TaubinSmoothing}). The hull field and marching cubes run on the
 * given {@link MeshKernels} (the CPU twins unless a backend hands out its own).
 */
public final class SilhouetteGeometryModel implements GeometryModel {
    /** Samples along the longest side of the first, coarse pass that finds the object's box. */
    static final int COARSE_SAMPLES = 40;
    static final int SMOOTHING_ITERATIONS = 3;
    /** Most layers {@link PhotoConsistency} may carve, as a fraction of the samples. */
    static final double MAX_CARVED_FRACTION = 0.4;

    private final boolean photoConsistency;
    private final MeshKernels kernels;

    /**
     * The silhouette model on {@code kernels}; with {@code photoConsistency}, colour carving
     * refines the shape.
     */
    public SilhouetteGeometryModel(boolean photoConsistency, MeshKernels kernels) {
        this.photoConsistency = photoConsistency;
        this.kernels = kernels;
    }

    /** The silhouette model on the CPU twins; with {@code photoConsistency}, colour carving refines the shape. */
    public SilhouetteGeometryModel(boolean photoConsistency) {
        this(photoConsistency, new CpuMeshKernels());
    }

    /** Silhouettes only. */
    public SilhouetteGeometryModel() {
        this(false);
    }

    @Override
    public DenseSurface reconstruct(List<PosedView> views, double[] searchMin, double[] searchMax, int samples,
                                    Progress progress) {
        if (views.isEmpty()) {
            throw new IllegalArgumentException("at least one view");
        }
        int count = views.size();
        ViewCamera[] cameras = new ViewCamera[count];
        float[][] distance = new float[count][];
        IntStream.range(0, count).parallel().forEach(v -> {
            ViewImage image = views.get(v).image();
            cameras[v] = views.get(v).camera();
            distance[v] = SilhouetteDistance.signedDistance(image.mask(), image.width(), image.height());
        });
        progress.report(0.1);

        double[] hullCameras = hullCameras(cameras);
        int[] viewSizes = viewSizes(cameras);
        double[] box = hullBox(searchMin, searchMax, samples, hullCameras, viewSizes, distance);
        if (box == null) {
            throw new EmptyReconstructionException(count == 1
                    ? "no sample of the grid (" + samples + " on its longest side) lies inside the silhouette: "
                    + "the object is thinner than the grid resolves"
                    : "the views' silhouettes do not overlap in space (or the object is thinner than the grid, "
                    + samples + " samples on its longest side, resolves)");
        }
        progress.report(0.2);

        double pad = (box[3] - box[0] + box[4] - box[1] + box[5] - box[2]) / samples;
        VolumeGrid grid = VolumeGrid.covering(
                new double[] {box[0] - pad, box[1] - pad, box[2] - pad},
                new double[] {box[3] + pad, box[4] + pad, box[5] + pad}, samples);
        float[] field = hullField(grid, hullCameras, viewSizes, distance);
        progress.report(0.45);

        float[][] near = new float[count][];
        float[][] far = new float[count][];
        IntStream.range(0, count).parallel().forEach(v -> {
            near[v] = new float[cameras[v].width() * cameras[v].height()];
            far[v] = new float[near[v].length];
            VolumeCarving.depthRange(grid, field, cameras[v], views.get(v).image().mask(), near[v], far[v]);
        });
        progress.report(0.6);
        double[] centre = {grid.x(grid.nx() - 1) / 2 + grid.originX() / 2, grid.y(grid.ny() - 1) / 2 + grid.originY() / 2,
                grid.z(grid.nz() - 1) / 2 + grid.originZ() / 2};
        double[] projected = new double[3];
        float[] rounded = new float[field.length];
        java.util.Arrays.fill(rounded, (float) -grid.voxel());
        boolean everyDepthBounded = true;
        for (int v = 0; v < count; v++) {
            boolean depthBounded = hasPerpendicularView(cameras, v);
            everyDepthBounded &= depthBounded;
            ViewImage image = views.get(v).image();
            float[] rows = SilhouetteDistance.rowSpans(image.mask(), image.width(), image.height());
            // Each inflation reads one of the two: run thickness where the depth is bounded, column spans where not.
            float[] columns = depthBounded ? null
                    : SilhouetteDistance.columnSpans(image.mask(), image.width(), image.height());
            float[] thickness = depthBounded
                    ? VolumeCarving.runHalfDepth(image.mask(), image.width(), image.height(), near[v], far[v]) : null;
            cameras[v].project(centre[0], centre[1], centre[2], projected);
            VolumeCarving.inflate(grid, rounded, cameras[v], image.mask(), rows, columns, thickness, near[v], far[v],
                    depthBounded, projected[2]);
        }
        VolumeCarving.intersect(field, rounded);
        if (everyDepthBounded) {
            closeUnseenUnderside(grid, field, views, cameras, near);
        }
        if (photoConsistency && count >= 2) {
            PhotoConsistency.carve(grid, field, views, (int) Math.ceil(MAX_CARVED_FRACTION * samples));
        }
        closeBorder(grid, field);
        progress.report(0.8);

        MeshKernels.Surface surface = kernels.marchingCubes(grid.nx(), grid.ny(), grid.nz(), grid.originX(),
                grid.originY(), grid.originZ(), grid.voxel(), field);
        TriMesh mesh = new TriMesh(surface.positions(), surface.indices());
        if (mesh.faceCount() == 0) {
            throw new EmptyReconstructionException("the rounded volume is empty");
        }
        TaubinSmoothing.smooth(mesh, SMOOTHING_ITERATIONS);
        progress.report(1);
        return new DenseSurface(mesh, grid, field);
    }

    /**
     * {@link UnseenUnderside}: when every view looks down, the volume is cut level at the lowest
     * point they see. Only when a perpendicular view bounds every view's depth: without one
     * (front and back alone) the hull reaches far in front of the object along each ray, the
     * points taken as seen lie there, above the object's base, and the cut would take its bottom.
     */
    private static void closeUnseenUnderside(VolumeGrid grid, float[] field, List<PosedView> views,
                                             ViewCamera[] cameras, float[][] near) {
        double[] up = UnseenUnderside.upIfAllLookDown(cameras);
        if (up == null) {
            return;
        }
        byte[][] masks = new byte[views.size()][];
        for (int v = 0; v < masks.length; v++) {
            masks[v] = views.get(v).image().mask();
        }
        double lowest = UnseenUnderside.lowestSeenHeight(cameras, masks, near, up);
        if (lowest < Double.POSITIVE_INFINITY) {
            // Half a voxel lower, so that the lowest seen point itself stays inside.
            UnseenUnderside.cutBelow(grid, field, up, lowest - 0.5 * grid.voxel());
        }
    }

    private float[] hullField(VolumeGrid g, double[] hullCameras, int[] viewSizes, float[][] distance) {
        float[] field = kernels.hullField(g.nx(), g.ny(), g.nz(), g.originX(), g.originY(), g.originZ(), g.voxel(),
                hullCameras, viewSizes, distance);
        if (field.length != g.size()) {
            throw new IllegalStateException("the hull field has " + field.length + " samples, the grid " + g.size());
        }
        return field;
    }

    /** {@link MeshKernels#hullField}'s cameras: {@link MeshKernels#HULL_CAMERA_DOUBLES} per view. */
    public static double[] hullCameras(ViewCamera[] views) {
        int n = MeshKernels.HULL_CAMERA_DOUBLES;
        double[] out = new double[n * views.length];
        for (int v = 0; v < views.length; v++) {
            System.arraycopy(views[v].rows(), 0, out, n * v, 12);
            out[n * v + 12] = views[v].perspective() ? 1 : 0;
            out[n * v + 13] = views[v].pixelsPerUnit();
        }
        return out;
    }

    /** Width, height per view. */
    static int[] viewSizes(ViewCamera[] views) {
        int[] out = new int[2 * views.length];
        for (int v = 0; v < views.length; v++) {
            out[2 * v] = views[v].width();
            out[2 * v + 1] = views[v].height();
        }
        return out;
    }

    private static boolean hasPerpendicularView(ViewCamera[] cameras, int v) {
        for (int w = 0; w < cameras.length; w++) {
            double[] a = cameras[v].viewDirection(), b = cameras[w].viewDirection();
            if (w != v && Math.abs(a[0] * b[0] + a[1] * b[1] + a[2] * b[2]) < 0.5) {
                return true;
            }
        }
        return false;
    }

    /**
     * Where the visual hull lies within the search box: the box of its samples on a coarse grid
     * ({@value #COARSE_SAMPLES} samples on the longest side), then on grids twice as fine up to
     * {@code samples} while none lies inside, so that an object thinner than a coarse voxel (a rod
     * more than about 30 times longer than thick) is still found. Null when no grid finds it.
     */
    private double[] hullBox(double[] searchMin, double[] searchMax, int samples, double[] hullCameras,
                             int[] viewSizes, float[][] distance) {
        for (int tried = Math.min(COARSE_SAMPLES, samples); ; tried = Math.min(2 * tried, samples)) {
            VolumeGrid grid = VolumeGrid.covering(searchMin, searchMax, tried);
            double[] box = insideBox(grid, hullField(grid, hullCameras, viewSizes, distance));
            if (box != null || tried == samples) {
                return box;
            }
        }
    }

    /** The world box of the positive samples, padded by one voxel, or null when there are none. */
    private static double[] insideBox(VolumeGrid g, float[] field) {
        int[] lo = {Integer.MAX_VALUE, Integer.MAX_VALUE, Integer.MAX_VALUE};
        int[] hi = {-1, -1, -1};
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    if (field[i + g.nx() * (j + g.ny() * k)] > 0) {
                        lo[0] = Math.min(lo[0], i);
                        lo[1] = Math.min(lo[1], j);
                        lo[2] = Math.min(lo[2], k);
                        hi[0] = Math.max(hi[0], i);
                        hi[1] = Math.max(hi[1], j);
                        hi[2] = Math.max(hi[2], k);
                    }
                }
            }
        }
        if (hi[0] < 0) {
            return null;
        }
        return new double[] {g.x(lo[0] - 1), g.y(lo[1] - 1), g.z(lo[2] - 1),
                g.x(hi[0] + 1), g.y(hi[1] + 1), g.z(hi[2] + 1)};
    }

    /** Makes the grid's outer layer outside, so the extracted surface is closed. */
    private static void closeBorder(VolumeGrid g, float[] field) {
        float outside = (float) -g.voxel();
        for (int k = 0; k < g.nz(); k++) {
            for (int j = 0; j < g.ny(); j++) {
                for (int i = 0; i < g.nx(); i++) {
                    if (i == 0 || j == 0 || k == 0 || i == g.nx() - 1 || j == g.ny() - 1 || k == g.nz() - 1) {
                        int at = i + g.nx() * (j + g.ny() * k);
                        field[at] = Math.min(field[at], outside);
                    }
                }
            }
        }
    }

    /** The views admit no object; the pipeline reports it as reconstruction_failed. */
    public static final class EmptyReconstructionException extends RuntimeException {
        public EmptyReconstructionException(String message) {
            super(message);
        }
    }
}
