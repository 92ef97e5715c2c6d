package dev.forge3d.engine.mesh;

import dev.forge3d.api.Symmetry;
import dev.forge3d.api.spi.MeshKernels;

import java.util.List;

/**
 * The planes across which the texture bake may fill a texel that no view sees from its mirror
 * image ({@link MeshKernels#MIRROR_LEFT_RIGHT}, {@link MeshKernels#MIRROR_FRONT_BACK}).
 * {@code on} allows both and {@code off} neither. {@code auto} allows a plane only when the views
 * that look along it show a symmetric outline: the front and back views for the left-right plane,
 * the side views for the front-back plane (vacuously true without such views). A figure's side
 * outline (face forward, back of the head behind) is not symmetric, so its back is not textured
 * with its face; a bottle's is. With all four views the few unseen texels (under the object) are
 * left to the neighbour fill.
 */
public final class MirrorPlanes {
    /** Least IoU of an outline with its own mirror image for the object to count as symmetric there. */
    static final double MIN_SYMMETRY = 0.9;

    private MirrorPlanes() {
    }

    /** The {@link MeshKernels#MIRROR_LEFT_RIGHT} and {@link MeshKernels#MIRROR_FRONT_BACK} bits allowed. */
    public static int of(Symmetry symmetry, List<PosedView> views) {
        return switch (symmetry) {
            case ON -> MeshKernels.MIRROR_LEFT_RIGHT | MeshKernels.MIRROR_FRONT_BACK;
            case OFF -> 0;
            case AUTO -> views.size() >= 4 ? 0 : symmetricOutlines(views);
        };
    }

    /** The planes' names for a metric: {@code left_right}, {@code front_back}, both comma-separated, or {@code none}. */
    public static String names(int planes) {
        List<String> names = new java.util.ArrayList<>();
        if ((planes & MeshKernels.MIRROR_LEFT_RIGHT) != 0) {
            names.add("left_right");
        }
        if ((planes & MeshKernels.MIRROR_FRONT_BACK) != 0) {
            names.add("front_back");
        }
        return names.isEmpty() ? "none" : String.join(",", names);
    }

    /** The planes whose views all show outlines at least {@link #MIN_SYMMETRY} symmetric. */
    static int symmetricOutlines(List<PosedView> views) {
        int planes = MeshKernels.MIRROR_LEFT_RIGHT | MeshKernels.MIRROR_FRONT_BACK;
        for (PosedView view : views) {
            double[] direction = view.camera().viewDirection();
            // A view along z (front, back) sees the left-right plane edge-on; one along x (left, right) the front-back plane.
            int plane = Math.abs(direction[2]) >= Math.abs(direction[0])
                    ? MeshKernels.MIRROR_LEFT_RIGHT : MeshKernels.MIRROR_FRONT_BACK;
            if (mirrorIou(view.image()) < MIN_SYMMETRY) {
                planes &= ~plane;
            }
        }
        return planes;
    }

    /**
     * The IoU of a view's mask with its mirror image across the vertical line through the centre of
     * the mask's box (where the normalisation put the canvas's centre, {@link ViewNormalisation}).
     */
    static double mirrorIou(ViewImage image) {
        byte[] mask = image.mask();
        int width = image.width();
        int left = width, right = -1;
        for (int i = 0; i < mask.length; i++) {
            if (mask[i] != 0) {
                left = Math.min(left, i % width);
                right = Math.max(right, i % width);
            }
        }
        if (right < 0) {
            return 1;
        }
        long both = 0, either = 0;
        for (int row = 0; row < mask.length; row += width) {
            for (int x = left; x <= right; x++) {
                boolean here = mask[row + x] != 0, mirrored = mask[row + left + right - x] != 0;
                both += here && mirrored ? 1 : 0;
                either += here || mirrored ? 1 : 0;
            }
        }
        return (double) both / either;
    }
}
