package dev.forge3d.engine.mesh;

import org.junit.jupiter.api.Test;

import java.util.Random;

import static org.junit.jupiter.api.Assertions.assertEquals;

/** The grid minimum cut against every labelling of small random grids. */
class GridMaxFlowTest {
    @Test
    void theCutIsTheCheapestOfAllLabellings() {
        Random random = new Random(11);
        for (int trial = 0; trial < 60; trial++) {
            int w = 2 + random.nextInt(3), h = 2 + random.nextInt(2);
            int n = w * h;
            double[] source = new double[n], sink = new double[n];
            double[][] edge = new double[n][8];
            GridMaxFlow graph = new GridMaxFlow(w, h);
            for (int i = 0; i < n; i++) {
                // Whole numbers now and then make ties, which the cut must still price right.
                source[i] = random.nextBoolean() ? random.nextInt(4) : 5 * random.nextDouble();
                sink[i] = random.nextBoolean() ? random.nextInt(4) : 5 * random.nextDouble();
                graph.addTerminal(i, source[i], sink[i]);
            }
            for (int i = 0; i < n; i++) {
                for (int k = 4; k < 8; k++) {
                    int j = graph.neighbour(i, k);
                    if (j >= 0) {
                        double cap = random.nextInt(3) == 0 ? 0 : 3 * random.nextDouble();
                        graph.setEdge(i, k, cap);
                        edge[i][k] = cap;
                        edge[j][7 - k] = cap;
                    }
                }
            }
            double flow = graph.solve();
            double best = Double.POSITIVE_INFINITY;
            for (int labelling = 0; labelling < 1 << n; labelling++) {
                best = Math.min(best, cost(labelling, graph, source, sink, edge, n));
            }
            int found = 0;
            for (int i = 0; i < n; i++) {
                found |= graph.sourceSide(i) ? 1 << i : 0;
            }
            assertEquals(best, flow, 1e-9, "trial " + trial + ": flow against the cheapest cut");
            assertEquals(best, cost(found, graph, source, sink, edge, n), 1e-9, "trial " + trial + ": the cut returned");
        }
    }

    /** Bit i set: pixel i on the source side. Severed terminal links plus severed arcs, each pair once. */
    private static double cost(int labelling, GridMaxFlow graph, double[] source, double[] sink, double[][] edge, int n) {
        double cost = 0;
        for (int i = 0; i < n; i++) {
            boolean sourceSide = (labelling >> i & 1) != 0;
            cost += sourceSide ? sink[i] : source[i];
            for (int k = 4; k < 8; k++) {
                int j = graph.neighbour(i, k);
                if (j >= 0 && sourceSide != ((labelling >> j & 1) != 0)) {
                    cost += edge[i][k];
                }
            }
        }
        return cost;
    }
}
