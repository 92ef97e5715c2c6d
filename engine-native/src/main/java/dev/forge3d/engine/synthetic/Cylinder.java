package dev.forge3d.engine.synthetic;

import dev.forge3d.api.Vec3;

import java.util.LinkedHashMap;
import java.util.Map;

/** A capped cylinder with a vertical axis through {@code centre}, spanning centre.y +- halfHeight. */
public record Cylinder(Vec3 centre, double radius, double halfHeight, Surface surface) implements Primitive {

    public Cylinder {
        JsonValues.checkFinite("centre", centre);
        JsonValues.checkPositive("radius", radius);
        JsonValues.checkPositive("halfHeight", halfHeight);
        if (surface == null) {
            throw new IllegalArgumentException("surface is required");
        }
    }

    @Override
    public double intersect(double ox, double oy, double oz, double dx, double dy, double dz, double tMin) {
        double px = ox - centre.x();
        double py = oy - centre.y();
        double pz = oz - centre.z();
        double best = Double.POSITIVE_INFINITY;
        double a = dx * dx + dz * dz;
        if (a > 0) {
            double b = px * dx + pz * dz;
            double c = px * px + pz * pz - radius * radius;
            double disc = b * b - a * c;
            if (disc >= 0) {
                double s = Math.sqrt(disc);
                double t = (-b - s) / a;
                if (t > tMin && Math.abs(py + t * dy) <= halfHeight) {
                    best = t;
                } else {
                    t = (-b + s) / a;
                    if (t > tMin && Math.abs(py + t * dy) <= halfHeight) {
                        best = t;
                    }
                }
            }
        }
        if (dy != 0) {
            for (int sign = -1; sign <= 1; sign += 2) {
                double t = (sign * halfHeight - py) / dy;
                if (t > tMin && t < best) {
                    double x = px + t * dx;
                    double z = pz + t * dz;
                    if (x * x + z * z <= radius * radius) {
                        best = t;
                    }
                }
            }
        }
        return best;
    }

    @Override
    public void outwardNormal(double x, double y, double z, double[] out) {
        double px = x - centre.x();
        double py = y - centre.y();
        double pz = z - centre.z();
        double rho = Math.sqrt(px * px + pz * pz);
        double sideGap = Math.abs(rho - radius);
        double capGap = Math.abs(Math.abs(py) - halfHeight);
        if (capGap <= sideGap || rho == 0) {
            out[0] = 0;
            out[1] = py >= 0 ? 1 : -1;
            out[2] = 0;
        } else {
            out[0] = px / rho;
            out[1] = 0;
            out[2] = pz / rho;
        }
    }

    @Override
    public double signedDistance(double x, double y, double z) {
        double px = x - centre.x();
        double pz = z - centre.z();
        double dr = Math.sqrt(px * px + pz * pz) - radius;
        double dh = Math.abs(y - centre.y()) - halfHeight;
        double or = Math.max(dr, 0);
        double oh = Math.max(dh, 0);
        return Math.min(Math.max(dr, dh), 0) + Math.sqrt(or * or + oh * oh);
    }

    @Override
    public Bounds bounds() {
        return new Bounds(new Vec3(centre.x() - radius, centre.y() - halfHeight, centre.z() - radius),
                new Vec3(centre.x() + radius, centre.y() + halfHeight, centre.z() + radius));
    }

    @Override
    public double surfaceArea() {
        return 4 * Math.PI * radius * halfHeight + 2 * Math.PI * radius * radius;
    }

    @Override
    public void pointOnSurface(double u1, double u2, double u3, double[] out) {
        double side = 4 * Math.PI * radius * halfHeight;
        double cap = Math.PI * radius * radius;
        double pick = u3 * (side + 2 * cap);
        double phi;
        double rho;
        double y;
        if (pick < side) {
            phi = 2 * Math.PI * u1;
            rho = radius;
            y = -halfHeight + 2 * halfHeight * u2;
        } else {
            rho = radius * Math.sqrt(u1);
            phi = 2 * Math.PI * u2;
            y = pick < side + cap ? halfHeight : -halfHeight;
        }
        out[0] = centre.x() + rho * StrictMath.cos(phi);
        out[1] = centre.y() + y;
        out[2] = centre.z() + rho * StrictMath.sin(phi);
    }

    /** A side grid of quads and caps made of concentric rings around a centre vertex. */
    @Override
    public TriangleMesh tessellate(double maxEdge) {
        JsonValues.checkPositive("maxEdge", maxEdge);
        int segments = MeshBuilder.segments(2 * Math.PI * radius, maxEdge, 16);
        int stacks = MeshBuilder.segments(2 * halfHeight, maxEdge, 1);
        int capRings = MeshBuilder.segments(radius, maxEdge, 1);
        double[] cosPhi = new double[segments];
        double[] sinPhi = new double[segments];
        for (int j = 0; j < segments; j++) {
            double phi = 2 * Math.PI * j / segments;
            cosPhi[j] = StrictMath.cos(phi);
            sinPhi[j] = StrictMath.sin(phi);
        }
        MeshBuilder mesh = new MeshBuilder();
        int[][] side = new int[stacks + 1][segments];
        for (int k = 0; k <= stacks; k++) {
            double y = MeshBuilder.lerp(-halfHeight, halfHeight, k, stacks);
            for (int j = 0; j < segments; j++) {
                side[k][j] = mesh.vertex(radius * cosPhi[j], y, radius * sinPhi[j]);
            }
        }
        for (int k = 0; k < stacks; k++) {
            for (int j = 0; j < segments; j++) {
                int next = (j + 1) % segments;
                mesh.quad(side[k][j], side[k][next], side[k + 1][next], side[k + 1][j]);
            }
        }
        for (int sign = -1; sign <= 1; sign += 2) {
            double y = sign * halfHeight;
            int centreVertex = mesh.vertex(0, y, 0);
            int[] previous = null;
            for (int m = 1; m <= capRings; m++) {
                double rho = MeshBuilder.lerp(0, radius, m, capRings);
                int[] ring = new int[segments];
                for (int j = 0; j < segments; j++) {
                    ring[j] = mesh.vertex(rho * cosPhi[j], y, rho * sinPhi[j]);
                }
                for (int j = 0; j < segments; j++) {
                    int next = (j + 1) % segments;
                    if (previous == null) {
                        mesh.triangle(centreVertex, ring[j], ring[next]);
                    } else {
                        mesh.quad(previous[j], ring[j], ring[next], previous[next]);
                    }
                }
                previous = ring;
            }
        }
        return mesh.build(centre.x(), centre.y(), centre.z(), 1, 0);
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", "cylinder");
        json.put("centre", JsonValues.list(centre));
        json.put("radius", radius);
        json.put("half_height", halfHeight);
        json.put("surface", surface.toJson());
        return json;
    }
}
