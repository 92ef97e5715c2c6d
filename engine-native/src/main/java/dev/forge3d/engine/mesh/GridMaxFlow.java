package dev.forge3d.engine.mesh;

/**
 * Minimum s-t cut of an 8-connected pixel grid, by Boykov and Kolmogorov's augmenting-path
 * algorithm (two search trees grown from the terminals and reused between augmentations; "An
 * Experimental Comparison of Min-Cut/Max-Flow Algorithms for Energy Minimization in Vision",
 * PAMI 2004), the algorithm inside OpenCV's GrabCut, which OpenCV does not expose. Arc
 * {@code i * 8 + k} leaves pixel i towards its k-th neighbour; its reverse is the neighbour's arc
 * {@code 7 - k}. Each pixel's two terminal links are kept as one net residual: positive towards
 * the source, negative towards the sink. Single-threaded and deterministic.
 */
final class GridMaxFlow {
    /** Neighbour offsets; k and 7 - k are opposite. */
    static final int[] DX = {-1, 0, 1, -1, 1, -1, 0, 1};
    static final int[] DY = {-1, -1, -1, 0, 0, 1, 1, 1};
    private static final int K = 8;
    private static final int FREE = 0, SOURCE = 1, SINK = 2;
    private static final int TERMINAL = -1, ORPHAN = -2, NONE = -3;

    private final int w, h, n;
    private final double[] capacity;
    private final double[] terminal;
    private final byte[] tree;
    private final int[] parent;
    private final int[] stamp;
    private final int[] distance;
    private final int[] queue;
    private final boolean[] queued;
    private int head, tail;
    private int[] orphans = new int[64];
    private int orphanCount;
    private int time;
    private double flow;

    GridMaxFlow(int w, int h) {
        this.w = w;
        this.h = h;
        this.n = w * h;
        capacity = new double[n * K];
        terminal = new double[n];
        tree = new byte[n];
        parent = new int[n];
        stamp = new int[n];
        distance = new int[n];
        queue = new int[n + 1];
        queued = new boolean[n];
    }

    /**
     * Adds terminal links to pixel i: {@code sourceCapacity} is paid when the pixel ends on the
     * sink side, {@code sinkCapacity} when it ends on the source side. Both non-negative.
     */
    void addTerminal(int i, double sourceCapacity, double sinkCapacity) {
        flow += Math.min(sourceCapacity, sinkCapacity);
        terminal[i] += sourceCapacity - sinkCapacity;
    }

    /** Sets the capacity (non-negative) of the arc from pixel i to its k-th neighbour and of the reverse arc. */
    void setEdge(int i, int k, double cap) {
        int j = neighbour(i, k);
        capacity[i * K + k] = cap;
        capacity[j * K + (K - 1 - k)] = cap;
    }

    /** The neighbour of pixel i in direction k, or -1 outside the grid. */
    int neighbour(int i, int k) {
        int x = i % w + DX[k], y = i / w + DY[k];
        return x < 0 || y < 0 || x >= w || y >= h ? -1 : y * w + x;
    }

    /** The pixel that the arc enters. */
    private int arcHead(int arc) {
        return neighbour(arc / K, arc % K);
    }

    /**
     * Computes the maximum flow, returning its value (the minimum cut's cost); afterwards
     * {@link #sourceSide} tells each pixel's side of that cut. Call once.
     */
    double solve() {
        for (int i = 0; i < n; i++) {
            if (terminal[i] > 0) {
                tree[i] = SOURCE;
                parent[i] = TERMINAL;
                distance[i] = 1;
                activate(i);
            } else if (terminal[i] < 0) {
                tree[i] = SINK;
                parent[i] = TERMINAL;
                distance[i] = 1;
                activate(i);
            } else {
                tree[i] = FREE;
                parent[i] = NONE;
            }
        }
        int current = -1;
        while (true) {
            if (current < 0 || parent[current] == NONE) {
                current = nextActive();
                if (current < 0) {
                    break;
                }
            }
            int middle = grow(current);
            if (middle < 0) {
                current = -1;
                continue;
            }
            time++;
            augment(middle);
            adoptOrphans();
        }
        return flow;
    }

    /** Whether pixel i is on the source side of the minimum cut (reachable from the source in the residual graph). */
    boolean sourceSide(int i) {
        return tree[i] == SOURCE;
    }

    private void activate(int i) {
        if (!queued[i]) {
            queued[i] = true;
            queue[tail] = i;
            tail = tail == n ? 0 : tail + 1;
        }
    }

    private int nextActive() {
        while (head != tail) {
            int i = queue[head];
            head = head == n ? 0 : head + 1;
            queued[i] = false;
            // A pixel freed by adoption since it was queued has no tree to grow.
            if (parent[i] != NONE) {
                return i;
            }
        }
        return -1;
    }

    /** The arc in the opposite direction between the same two pixels. */
    private int reverse(int arc) {
        int j = arcHead(arc);
        return j * K + (K - 1 - arc % K);
    }

    /** Grows the tree of pixel i by its free neighbours; returns a source-to-sink arc between the trees, or -1. */
    private int grow(int i) {
        boolean source = tree[i] == SOURCE;
        for (int k = 0; k < K; k++) {
            int j = neighbour(i, k);
            if (j < 0) {
                continue;
            }
            int arc = i * K + k, back = j * K + (K - 1 - k);
            double residual = source ? capacity[arc] : capacity[back];
            if (residual <= 0) {
                continue;
            }
            if (tree[j] == FREE) {
                tree[j] = tree[i];
                parent[j] = back;
                stamp[j] = stamp[i];
                distance[j] = distance[i] + 1;
                activate(j);
            } else if (tree[j] != tree[i]) {
                return source ? arc : back;
            } else if (stamp[j] <= stamp[i] && distance[j] > distance[i]) {
                parent[j] = back;
                stamp[j] = stamp[i];
                distance[j] = distance[i] + 1;
            }
        }
        return -1;
    }

    /**
     * Pushes the path's bottleneck along source tree -> middle arc -> sink tree; pixels whose
     * link to their parent (or terminal) saturates become orphans.
     */
    private void augment(int middle) {
        int from = middle / K, to = arcHead(middle);
        double bottleneck = capacity[middle];
        for (int x = from; ; ) {
            int arc = parent[x];
            if (arc == TERMINAL) {
                bottleneck = Math.min(bottleneck, terminal[x]);
                break;
            }
            bottleneck = Math.min(bottleneck, capacity[reverse(arc)]);
            x = arcHead(arc);
        }
        for (int x = to; ; ) {
            int arc = parent[x];
            if (arc == TERMINAL) {
                bottleneck = Math.min(bottleneck, -terminal[x]);
                break;
            }
            bottleneck = Math.min(bottleneck, capacity[arc]);
            x = arcHead(arc);
        }
        capacity[middle] -= bottleneck;
        capacity[reverse(middle)] += bottleneck;
        for (int x = from; ; ) {
            int arc = parent[x];
            if (arc == TERMINAL) {
                terminal[x] -= bottleneck;
                if (terminal[x] <= 0) {
                    terminal[x] = 0;
                    orphan(x);
                }
                break;
            }
            int down = reverse(arc);
            capacity[arc] += bottleneck;
            capacity[down] -= bottleneck;
            int next = arcHead(arc);
            if (capacity[down] <= 0) {
                capacity[down] = 0;
                orphan(x);
            }
            x = next;
        }
        for (int x = to; ; ) {
            int arc = parent[x];
            if (arc == TERMINAL) {
                terminal[x] += bottleneck;
                if (terminal[x] >= 0) {
                    terminal[x] = 0;
                    orphan(x);
                }
                break;
            }
            capacity[reverse(arc)] += bottleneck;
            capacity[arc] -= bottleneck;
            int next = arcHead(arc);
            if (capacity[arc] <= 0) {
                capacity[arc] = 0;
                orphan(x);
            }
            x = next;
        }
        flow += bottleneck;
    }

    private void orphan(int x) {
        parent[x] = ORPHAN;
        if (orphanCount == orphans.length) {
            orphans = java.util.Arrays.copyOf(orphans, 2 * orphans.length);
        }
        orphans[orphanCount++] = x;
    }

    private void adoptOrphans() {
        while (orphanCount > 0) {
            int x = orphans[--orphanCount];
            adopt(x);
        }
    }

    /** Finds orphan x a new parent in its tree that still reaches the terminal, or frees it. */
    private void adopt(int x) {
        boolean source = tree[x] == SOURCE;
        int bestArc = -1, bestDistance = Integer.MAX_VALUE;
        for (int k = 0; k < K; k++) {
            int j = neighbour(x, k);
            if (j < 0 || tree[j] != tree[x]) {
                continue;
            }
            int arc = x * K + k, back = j * K + (K - 1 - k);
            if ((source ? capacity[back] : capacity[arc]) <= 0) {
                continue;
            }
            int d = 0;
            int y = j;
            boolean valid;
            while (true) {
                if (stamp[y] == time) {
                    d += distance[y];
                    valid = true;
                    break;
                }
                int a = parent[y];
                d++;
                if (a == TERMINAL) {
                    stamp[y] = time;
                    distance[y] = 1;
                    valid = true;
                    break;
                }
                if (a == ORPHAN || a == NONE) {
                    valid = false;
                    break;
                }
                y = arcHead(a);
            }
            if (!valid) {
                continue;
            }
            if (d < bestDistance) {
                bestDistance = d;
                bestArc = arc;
            }
            for (y = j; stamp[y] != time; y = arcHead(parent[y])) {
                stamp[y] = time;
                distance[y] = d--;
            }
        }
        if (bestArc >= 0) {
            parent[x] = bestArc;
            stamp[x] = time;
            distance[x] = bestDistance + 1;
            return;
        }
        for (int k = 0; k < K; k++) {
            int j = neighbour(x, k);
            if (j < 0 || tree[j] != tree[x]) {
                continue;
            }
            int arc = x * K + k, back = j * K + (K - 1 - k);
            if ((source ? capacity[back] : capacity[arc]) > 0) {
                activate(j);
            }
            int a = parent[j];
            if (a >= 0 && arcHead(a) == x) {
                orphan(j);
            }
        }
        tree[x] = FREE;
        parent[x] = NONE;
    }
}
