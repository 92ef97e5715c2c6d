package dev.forge3d.api;

/** Mesh output formats; the wire name is also the file extension. */
public enum OutputFormat implements WireNamed {
    GLB, OBJ, FBX, USDZ, MP4;
}
