package dev.forge3d.engine.mesh;

/**
 * A finished, placed, textured mesh: what every writer receives.
 *
 * @param mesh              positions in metres (Y up), faces, uvs
 * @param normals           unit normal per vertex
 * @param tangents          glTF tangent per vertex (xyz, w = handedness), or null without a normal map
 * @param textureSize       edge of every texture
 * @param baseColour        0xRRGGBB per texel
 * @param metallicRoughness glTF metallic-roughness texels, or null for constant factors
 * @param normalMap         tangent-space normal texels, or null
 * @param quadPartner       per face, the face it pairs with into a quad ({@link QuadPairing}), or null
 */
public record MeshAsset(TriMesh mesh, float[] normals, float[] tangents, int textureSize, int[] baseColour,
                        int[] metallicRoughness, int[] normalMap, int[] quadPartner) {
    /** The constant roughness used when there is no metallic-roughness texture. */
    public static final double ROUGHNESS = 0.8;

    public MeshAsset {
        int texels = textureSize * textureSize;
        if (mesh.uvs() == null || normals.length != mesh.positions().length || baseColour.length != texels
                || (tangents != null && tangents.length != 4 * mesh.vertexCount())
                || (metallicRoughness != null && metallicRoughness.length != texels)
                || (normalMap != null && normalMap.length != texels)
                || (quadPartner != null && quadPartner.length != mesh.faceCount())) {
            throw new IllegalArgumentException("inconsistent mesh asset");
        }
    }

    /** Quads where pairs were chosen, else triangles. */
    public PolygonFaces polygonFaces() {
        return quadPartner == null ? PolygonFaces.triangles(mesh) : QuadPairing.faces(mesh, quadPartner);
    }

    public boolean pbr() {
        return normalMap != null;
    }
}
