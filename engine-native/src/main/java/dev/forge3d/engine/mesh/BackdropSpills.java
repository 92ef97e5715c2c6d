package dev.forge3d.engine.mesh;

/**
 * A stretch of textured backdrop that a view's cut spilled into beside the object, cut with the
 * opposite view's help. Where the backdrop beside the outline has the colours of the object's
 * side, the local colour models take it along; the views beside it cannot refute it (they do not
 * constrain this view's horizontal axis), but the opposite view, which sees the same outline
 * from behind, does not show it. Unlike {@link GluedPatches}' flat dots, such a spill is
 * textured like the rest of the backdrop, so it is found by its shape: the part of the view's
 * object beyond the opposite view's mirrored reach ({@link OppositeViews#mirroredReach} with
 * {@link LostParts#OPPOSITE_REACH}) that is thicker than {@link #THICKNESS}. The views' honest
 * differences are thin bands along the outline: a part nearer one camera than the other shifts
 * sideways by perspective (the composite's off-axis cylinder in the 512 x 512 synthetic views:
 * bands that vanish under an opening of radius 2.7% of the side, while the spills measured
 * survive 3.1%, docs/perf/2026-11-21-mesh-cpu.md).
 * <p>
 * Where the two views disagree, the opposite view is trusted: a thick part that it lost and
 * {@link LostParts} did not give back would be cut here too. On the 368 textured synthetic views
 * measured at 512 x 512 none was; the spills cut were all backdrop.
 */
final class BackdropSpills {
    /**
     * Radius, as a fraction of the longer side, of the largest disc that a thin band beyond the
     * opposite view's reach holds; what is thicker is a spill.
     */
    static final double THICKNESS = 0.03;
    /**
     * {@link LocalGrabCut} iterations after the cut: only the spill beyond the opposite view's
     * reach is cut, and with it certain backdrop the local models relearn its colours as
     * backdrop's and give back the rest of it, within the reach (box over backdrop seed 21,
     * front view at 512 x 512: 0.869 after the cut alone, 0.981 with the recut).
     */
    static final int ITERATIONS = 3;

    private BackdropSpills() {
    }

    /**
     * The pixels of the view's object that belong to a spill: the opening (erosion, then
     * dilation, by a disc of radius {@link #THICKNESS} of the longer side) of the object beyond
     * the opposite view's mirrored reach. {@code mask} is the view's object and
     * {@code oppositeMask} the opposite view's (on this view's grid, not mirrored); null when there
     * is no spill.
     */
    static byte[] spill(byte[] mask, byte[] oppositeMask, int w, int h) {
        byte[] reach = OppositeViews.mirroredReach(oppositeMask, w, h, LostParts.OPPOSITE_REACH);
        byte[] beyond = new byte[w * h];
        for (int i = 0; i < beyond.length; i++) {
            beyond[i] = (byte) (mask[i] != 0 && reach[i] == 0 ? 1 : 0);
        }
        float radius = (float) (THICKNESS * Math.max(w, h));
        float[] depth = SilhouetteDistance.signedDistance(beyond, w, h);
        byte[] core = new byte[w * h];
        boolean any = false;
        for (int i = 0; i < core.length; i++) {
            // signedDistance is measured to the boundary between pixels, half a pixel short of the centres.
            core[i] = (byte) (depth[i] + 0.5f >= radius ? 1 : 0);
            any |= core[i] != 0;
        }
        if (!any) {
            return null;
        }
        float[] fromCore = SilhouetteDistance.signedDistance(core, w, h);
        byte[] out = new byte[w * h];
        for (int i = 0; i < out.length; i++) {
            out[i] = (byte) (beyond[i] != 0 && -fromCore[i] + 0.5f <= radius ? 1 : 0);
        }
        return out;
    }

    /**
     * The labels (OpenCV's GrabCut values) with the spill ({@link #spill}) set to certain backdrop
     * and the rest recut ({@link #ITERATIONS}) on colour and the texture bins ({@code texture},
     * {@link TextureEnergy}; null where not resolved), or null when there is no spill.
     */
    static byte[] cut(int[] rgb, int[] texture, byte[] labels, byte[] mask, byte[] oppositeMask, int w, int h) {
        byte[] spill = spill(mask, oppositeMask, w, h);
        if (spill == null) {
            return null;
        }
        byte[] out = labels.clone();
        for (int i = 0; i < out.length; i++) {
            if (spill[i] != 0) {
                out[i] = LocalGrabCut.BGD;
            }
        }
        LocalGrabCut.iterate(rgb, texture, out, w, h, ITERATIONS, null);
        return out;
    }
}
