package dev.forge3d.engine.synthetic;

import dev.forge3d.api.Vec3;

import java.util.LinkedHashMap;
import java.util.Map;

/** A sphere. */
public record Sphere(Vec3 centre, double radius, Surface surface) implements Primitive {

    public Sphere {
        JsonValues.checkFinite("centre", centre);
        JsonValues.checkPositive("radius", radius);
        if (surface == null) {
            throw new IllegalArgumentException("surface is required");
        }
    }

    @Override
    public double intersect(double ox, double oy, double oz, double dx, double dy, double dz, double tMin) {
        double px = ox - centre.x();
        double py = oy - centre.y();
        double pz = oz - centre.z();
        double b = px * dx + py * dy + pz * dz;
        double c = px * px + py * py + pz * pz - radius * radius;
        double disc = b * b - c;
        if (disc < 0) {
            return Double.POSITIVE_INFINITY;
        }
        double s = Math.sqrt(disc);
        double near = -b - s;
        if (near > tMin) {
            return near;
        }
        double far = -b + s;
        return far > tMin ? far : Double.POSITIVE_INFINITY;
    }

    @Override
    public void outwardNormal(double x, double y, double z, double[] out) {
        double nx = x - centre.x();
        double ny = y - centre.y();
        double nz = z - centre.z();
        double len = Math.sqrt(nx * nx + ny * ny + nz * nz);
        if (len == 0) {
            out[0] = 0;
            out[1] = 1;
            out[2] = 0;
            return;
        }
        out[0] = nx / len;
        out[1] = ny / len;
        out[2] = nz / len;
    }

    @Override
    public double signedDistance(double x, double y, double z) {
        double dx = x - centre.x();
        double dy = y - centre.y();
        double dz = z - centre.z();
        return Math.sqrt(dx * dx + dy * dy + dz * dz) - radius;
    }

    @Override
    public Bounds bounds() {
        return new Bounds(new Vec3(centre.x() - radius, centre.y() - radius, centre.z() - radius),
                new Vec3(centre.x() + radius, centre.y() + radius, centre.z() + radius));
    }

    @Override
    public double surfaceArea() {
        return 4 * Math.PI * radius * radius;
    }

    @Override
    public void pointOnSurface(double u1, double u2, double u3, double[] out) {
        double y = 1 - 2 * u1;
        double rho = Math.sqrt(Math.max(0, 1 - y * y));
        double phi = 2 * Math.PI * u2;
        out[0] = centre.x() + radius * rho * StrictMath.cos(phi);
        out[1] = centre.y() + radius * y;
        out[2] = centre.z() + radius * rho * StrictMath.sin(phi);
    }

    /** A UV sphere: rings of latitude between two pole vertices. */
    @Override
    public TriangleMesh tessellate(double maxEdge) {
        JsonValues.checkPositive("maxEdge", maxEdge);
        int segments = MeshBuilder.segments(2 * Math.PI * radius, maxEdge, 16);
        int rings = MeshBuilder.segments(Math.PI * radius, maxEdge, 8);
        double[] cosPhi = new double[segments];
        double[] sinPhi = new double[segments];
        for (int j = 0; j < segments; j++) {
            double phi = 2 * Math.PI * j / segments;
            cosPhi[j] = StrictMath.cos(phi);
            sinPhi[j] = StrictMath.sin(phi);
        }
        MeshBuilder mesh = new MeshBuilder();
        int north = mesh.vertex(0, radius, 0);
        int south = mesh.vertex(0, -radius, 0);
        int[][] ring = new int[rings + 1][segments];
        for (int i = 1; i < rings; i++) {
            double theta = Math.PI * i / rings;
            double y = radius * StrictMath.cos(theta);
            double rho = radius * StrictMath.sin(theta);
            for (int j = 0; j < segments; j++) {
                ring[i][j] = mesh.vertex(rho * cosPhi[j], y, rho * sinPhi[j]);
            }
        }
        for (int j = 0; j < segments; j++) {
            int next = (j + 1) % segments;
            mesh.triangle(north, ring[1][j], ring[1][next]);
            mesh.triangle(south, ring[rings - 1][j], ring[rings - 1][next]);
            for (int i = 1; i < rings - 1; i++) {
                mesh.quad(ring[i][j], ring[i][next], ring[i + 1][next], ring[i + 1][j]);
            }
        }
        return mesh.build(centre.x(), centre.y(), centre.z(), 1, 0);
    }

    @Override
    public Map<String, Object> toJson() {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("kind", "sphere");
        json.put("centre", JsonValues.list(centre));
        json.put("radius", radius);
        json.put("surface", surface.toJson());
        return json;
    }
}
