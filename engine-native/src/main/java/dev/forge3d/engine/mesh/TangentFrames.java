package dev.forge3d.engine.mesh;

/**
 * Per-vertex tangents for normal mapping, glTF style: xyz along +u in the surface, w = +-1 the
 * handedness, so that bitangent = cross(normal, tangent) * w points up the texture image (along
 * -v, v running down the image as glTF stores it): the normal map's green channel is "up", the
 * convention glTF, USD and OBJ viewers share.
 */
public final class TangentFrames {
    private TangentFrames() {
    }

    /** Tangents (4 per vertex) from positions, unit normals and uvs. */
    public static float[] tangents(TriMesh mesh, float[] normals) {
        float[] p = mesh.positions();
        float[] uv = mesh.uvs();
        int[] idx = mesh.indices();
        int n = mesh.vertexCount();
        double[] tan = new double[3 * n];
        double[] bit = new double[3 * n];
        for (int f = 0; f < idx.length; f += 3) {
            int a = idx[f], b = idx[f + 1], c = idx[f + 2];
            double e1x = p[3 * b] - p[3 * a], e1y = p[3 * b + 1] - p[3 * a + 1], e1z = p[3 * b + 2] - p[3 * a + 2];
            double e2x = p[3 * c] - p[3 * a], e2y = p[3 * c + 1] - p[3 * a + 1], e2z = p[3 * c + 2] - p[3 * a + 2];
            double du1 = uv[2 * b] - uv[2 * a], dv1 = uv[2 * b + 1] - uv[2 * a + 1];
            double du2 = uv[2 * c] - uv[2 * a], dv2 = uv[2 * c + 1] - uv[2 * a + 1];
            double det = du1 * dv2 - du2 * dv1;
            if (Math.abs(det) < 1e-20) {
                continue;
            }
            double r = 1 / det;
            double tx = (e1x * dv2 - e2x * dv1) * r, ty = (e1y * dv2 - e2y * dv1) * r, tz = (e1z * dv2 - e2z * dv1) * r;
            double bx = (e2x * du1 - e1x * du2) * r, by = (e2y * du1 - e1y * du2) * r, bz = (e2z * du1 - e1z * du2) * r;
            for (int v : new int[] {a, b, c}) {
                tan[3 * v] += tx;
                tan[3 * v + 1] += ty;
                tan[3 * v + 2] += tz;
                bit[3 * v] += bx;
                bit[3 * v + 1] += by;
                bit[3 * v + 2] += bz;
            }
        }
        float[] out = new float[4 * n];
        for (int v = 0; v < n; v++) {
            double nx = normals[3 * v], ny = normals[3 * v + 1], nz = normals[3 * v + 2];
            double tx = tan[3 * v], ty = tan[3 * v + 1], tz = tan[3 * v + 2];
            double d = nx * tx + ny * ty + nz * tz;
            tx -= nx * d;
            ty -= ny * d;
            tz -= nz * d;
            double len = Math.sqrt(tx * tx + ty * ty + tz * tz);
            if (len < 1e-12) {
                // Any unit vector across the normal will do where the uvs are degenerate.
                double ax = Math.abs(nx) < 0.9 ? 1 : 0, ay = ax == 1 ? 0 : 1;
                tx = ay * nz;
                ty = -ax * nz;
                tz = ax * ny - ay * nx;
                len = Math.sqrt(tx * tx + ty * ty + tz * tz);
            }
            tx /= len;
            ty /= len;
            tz /= len;
            double cx = ny * tz - nz * ty, cy = nz * tx - nx * tz, cz = nx * ty - ny * tx;
            // bit runs along +v, down the image; glTF's bitangent points up the image (-v).
            double handed = cx * bit[3 * v] + cy * bit[3 * v + 1] + cz * bit[3 * v + 2] < 0 ? 1 : -1;
            out[4 * v] = (float) tx;
            out[4 * v + 1] = (float) ty;
            out[4 * v + 2] = (float) tz;
            out[4 * v + 3] = (float) handed;
        }
        return out;
    }
}
