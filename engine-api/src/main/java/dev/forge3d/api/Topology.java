package dev.forge3d.api;

/** Face topology of exported meshes; GLB always stays triangles. */
public enum Topology implements WireNamed {
    TRIS, QUADS;
}
