package dev.forge3d.engine.mesh;

/** A segmented view and the camera that took it: the input of a {@link GeometryModel}. */
public record PosedView(ViewImage image, ViewCamera camera) {
    public PosedView {
        if (image.width() != camera.width() || image.height() != camera.height()) {
            throw new IllegalArgumentException("image and camera sizes differ");
        }
    }
}
