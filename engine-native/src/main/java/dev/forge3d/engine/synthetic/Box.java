package dev.forge3d.engine.synthetic;

import dev.forge3d.api.Vec3;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * A box with half extents along its local axes, rotated by {@code yawDegrees} about the vertical
 * axis through its centre: world = centre + Ry(yaw) local, with Ry mapping local +X to
 * (cos yaw, 0, -sin yaw). An immutable value.
 */
public final class Box implements Primitive {
    private final Vec3 centre;
    private final Vec3 halfExtents;
    private final double yawDegrees;
    private final Surface surface;
    private final double cos;
    private final double sin;
    private final double hx;
    private final double hy;
    private final double hz;

    public Box(Vec3 centre, Vec3 halfExtents, double yawDegrees, Surface surface) {
        JsonValues.checkFinite("centre", centre);
        JsonValues.checkFinite("halfExtents", halfExtents);
        JsonValues.checkPositive("halfExtents.x", halfExtents.x());
        JsonValues.checkPositive("halfExtents.y", halfExtents.y());
        JsonValues.checkPositive("halfExtents.z", halfExtents.z());
        if (!Double.isFinite(yawDegrees)) {
            throw new IllegalArgumentException("yawDegrees must be finite");
        }
        this.centre = centre;
        this.halfExtents = halfExtents;
        this.yawDegrees = yawDegrees;
        this.surface = Objects.requireNonNull(surface, "surface");
        double yaw = Math.toRadians(yawDegrees);
        this.cos = StrictMath.cos(yaw);
        this.sin = StrictMath.sin(yaw);
        this.hx = halfExtents.x();
        this.hy = halfExtents.y();
        this.hz = halfExtents.z();
    }

    @Override
    public Vec3 centre() {
        return centre;
    }

    public Vec3 halfExtents() {
        return halfExtents;
    }

    public double yawDegrees() {
        return yawDegrees;
    }

    @Override
    public Surface surface() {
        return surface;
    }

    @Override
    public double intersect(double ox, double oy, double oz, double dx, double dy, double dz, double tMin) {
        double px = ox - centre.x();
        double pz = oz - centre.z();
        double lox = cos * px - sin * pz;
        double loy = oy - centre.y();
        double loz = sin * px + cos * pz;
        double ldx = cos * dx - sin * dz;
        double ldz = sin * dx + cos * dz;
        double near = Double.NEGATIVE_INFINITY;
        double far = Double.POSITIVE_INFINITY;
        // Slab test per local axis; a direction component of zero means the ray is parallel to
        // that slab and hits only if its origin lies between the planes.
        if (ldx == 0) {
            if (lox < -hx || lox > hx) {
                return Double.POSITIVE_INFINITY;
            }
        } else {
            double t0 = (-hx - lox) / ldx;
            double t1 = (hx - lox) / ldx;
            near = Math.max(near, Math.min(t0, t1));
            far = Math.min(far, Math.max(t0, t1));
        }
        if (dy == 0) {
            if (loy < -hy || loy > hy) {
                return Double.POSITIVE_INFINITY;
            }
        } else {
            double t0 = (-hy - loy) / dy;
            double t1 = (hy - loy) / dy;
            near = Math.max(near, Math.min(t0, t1));
            far = Math.min(far, Math.max(t0, t1));
        }
        if (ldz == 0) {
            if (loz < -hz || loz > hz) {
                return Double.POSITIVE_INFINITY;
            }
        } else {
            double t0 = (-hz - loz) / ldz;
            double t1 = (hz - loz) / ldz;
            near = Math.max(near, Math.min(t0, t1));
            far = Math.min(far, Math.max(t0, t1));
        }
        if (near > far) {
            return Double.POSITIVE_INFINITY;
        }
        if (near > tMin) {
            return near;
        }
        return far > tMin ? far : Double.POSITIVE_INFINITY;
    }

    @Override
    public void outwardNormal(double x, double y, double z, double[] out) {
        toLocal(x, y, z, out);
        double ax = Math.abs(out[0]) / hx;
        double ay = Math.abs(out[1]) / hy;
        double az = Math.abs(out[2]) / hz;
        double lx = 0;
        double ly = 0;
        double lz = 0;
        if (ax >= ay && ax >= az) {
            lx = Math.signum(out[0]) >= 0 ? 1 : -1;
        } else if (ay >= az) {
            ly = Math.signum(out[1]) >= 0 ? 1 : -1;
        } else {
            lz = Math.signum(out[2]) >= 0 ? 1 : -1;
        }
        out[0] = cos * lx + sin * lz;
        out[1] = ly;
        out[2] = -sin * lx + cos * lz;
    }

    @Override
    public double signedDistance(double x, double y, double z) {
        double px = x - centre.x();
        double pz = z - centre.z();
        double qx = Math.abs(cos * px - sin * pz) - hx;
        double qy = Math.abs(y - centre.y()) - hy;
        double qz = Math.abs(sin * px + cos * pz) - hz;
        double ox = Math.max(qx, 0);
        double oy = Math.max(qy, 0);
        double oz = Math.max(qz, 0);
        return Math.sqrt(ox * ox + oy * oy + oz * oz) + Math.min(Math.max(qx, Math.max(qy, qz)), 0);
    }

    @Override
    public void toLocal(double x, double y, double z, double[] out) {
        double px = x - centre.x();
        double pz = z - centre.z();
        out[0] = cos * px - sin * pz;
        out[1] = y - centre.y();
        out[2] = sin * px + cos * pz;
    }

    @Override
    public Bounds bounds() {
        double ex = Math.abs(cos) * hx + Math.abs(sin) * hz;
        double ez = Math.abs(sin) * hx + Math.abs(cos) * hz;
        return new Bounds(new Vec3(centre.x() - ex, centre.y() - hy, centre.z() - ez),
                new Vec3(centre.x() + ex, centre.y() + hy, centre.z() + ez));
    }

    @Override
    public double surfaceArea() {
        return 8 * (hx * hy + hy * hz + hx * hz);
    }

    @Override
    public void pointOnSurface(double u1, double u2, double u3, double[] out) {
        double ax = 4 * hy * hz;
        double ay = 4 * hx * hz;
        double az = 4 * hx * hy;
        double pick = u3 * 2 * (ax + ay + az);
        double lx;
        double ly;
        double lz;
        double a = -1 + 2 * u1;
        double b = -1 + 2 * u2;
        if (pick < 2 * ax) {
            lx = pick < ax ? hx : -hx;
            ly = a * hy;
            lz = b * hz;
        } else if (pick < 2 * (ax + ay)) {
            ly = pick < 2 * ax + ay ? hy : -hy;
            lx = a * hx;
            lz = b * hz;
        } else {
            lz = pick < 2 * (ax + ay) + az ? hz : -hz;
            lx = a * hx;
            ly = b * hy;
        }
        out[0] = centre.x() + cos * lx + sin * lz;
        out[1] = centre.y() + ly;
        out[2] = centre.z() - sin * lx + cos * lz;
    }

    /** Each face is a grid of quads split in two. */
    @Override
    public TriangleMesh tessellate(double maxEdge) {
        JsonValues.checkPositive("maxEdge", maxEdge);
        int nx = MeshBuilder.segments(2 * hx, maxEdge, 1);
        int ny = MeshBuilder.segments(2 * hy, maxEdge, 1);
        int nz = MeshBuilder.segments(2 * hz, maxEdge, 1);
        MeshBuilder mesh = new MeshBuilder();
        for (int sign = -1; sign <= 1; sign += 2) {
            face(mesh, 0, sign, ny, nz);
            face(mesh, 1, sign, nx, nz);
            face(mesh, 2, sign, nx, ny);
        }
        return mesh.build(centre.x(), centre.y(), centre.z(), cos, sin);
    }

    /** The face perpendicular to local axis {@code axis} at sign * half extent. */
    private void face(MeshBuilder mesh, int axis, int sign, int na, int nb) {
        double[] h = {hx, hy, hz};
        int axisA = axis == 0 ? 1 : 0;
        int axisB = axis == 2 ? 1 : 2;
        int[][] grid = new int[na + 1][nb + 1];
        double[] p = new double[3];
        for (int i = 0; i <= na; i++) {
            for (int j = 0; j <= nb; j++) {
                p[axis] = sign * h[axis];
                p[axisA] = MeshBuilder.lerp(-h[axisA], h[axisA], i, na);
                p[axisB] = MeshBuilder.lerp(-h[axisB], h[axisB], j, nb);
                grid[i][j] = mesh.vertex(p[0], p[1], p[2]);
            }
        }
        for (int i = 0; i < na; i++) {
            for (int j = 0; j < nb; j++) {
                mesh.quad(grid[i][j], grid[i + 1][j], grid[i + 1][j + 1], grid[i][j + 1]);
            }
        }
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", "box");
        json.put("centre", JsonValues.list(centre));
        json.put("half_extents", JsonValues.list(halfExtents));
        json.put("yaw_degrees", yawDegrees);
        json.put("surface", surface.toJson());
        return json;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Box other && other.centre.equals(centre) && other.halfExtents.equals(halfExtents)
                && Double.compare(other.yawDegrees, yawDegrees) == 0 && other.surface.equals(surface);
    }

    @Override
    public int hashCode() {
        return Objects.hash(centre, halfExtents, yawDegrees, surface);
    }

    @Override
    public String toString() {
        return "Box[centre=" + centre + ", halfExtents=" + halfExtents + ", yawDegrees=" + yawDegrees
                + ", surface=" + surface + "]";
    }
}
