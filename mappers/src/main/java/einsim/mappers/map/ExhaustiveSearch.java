package einsim.mappers.map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Every point once, with pruning: factor choices that leave the mesh emptier than the constraints allow or whose tiles
 * do not fit are skipped whole, as are those whose compute cycles and the energy floor already lose to the best point
 * found; loop orders that only reorder unit loops are tried once.
 */
final class ExhaustiveSearch implements SearchStrategy {
    private final Mapspace s;
    private final Objective objective;
    private final int nd;
    private final int nl;
    private final double energyFloor;
    private final int[] p;
    private boolean done;
    private boolean started;
    private double best = Double.POSITIVE_INFINITY;
    private long pruned;

    ExhaustiveSearch(Mapspace s, Objective objective) {
        this.s = s;
        this.objective = objective;
        nd = s.dims();
        nl = s.levels();
        energyFloor = s.energyFloorPj();
        p = new int[s.pointLength()];
    }

    @Override
    public String name() { return "exhaustive"; }

    /** Factor choices skipped by the bound or by capacity. */
    long pruned() { return pruned; }

    @Override
    public List<int[]> ask(int n) {
        List<int[]> out = new ArrayList<>(n);
        while (out.size() < n && !done) {
            if (!started) {
                started = true;
                if (!factorsUsable() && !nextFactors()) break;
            } else if (!nextOrder()) {
                // orders of this factor/keep choice exhausted: the next keep mask, then the next factors
                if (!nextKeep() && !nextFactors()) break;
            }
            if (canonical()) out.add(p.clone());
        }
        return out;
    }

    private boolean canonical() {
        for (int l = 1; l < nl; l++) if (!s.canonicalOrder(p, l)) return false;
        return true;
    }

    /** Advances the order digits (levels 1.. nl−1); false when they wrap. */
    private boolean nextOrder() {
        for (int i = nd + nl - 1; i > nd; i--) {
            if (++p[i] < s.radix(i)) return true;
            p[i] = 0;
        }
        return false;
    }

    private boolean nextKeep() {
        int k = nd + nl;
        while (++p[k] < s.radix(k)) {
            if (s.fits(p)) return true;
        }
        p[k] = 0;
        return false;
    }

    /** Moves to the next usable factor choice (mesh, bound, some keep mask that fits); false at the end. */
    private boolean nextFactors() {
        while (true) {
            int i = nd - 1;
            while (i >= 0) {
                if (++p[i] < s.radix(i)) break;
                p[i] = 0;
                i--;
            }
            if (i < 0) {
                done = true;
                return false;
            }
            if (factorsUsable()) return true;
        }
    }

    private boolean factorsUsable() {
        for (int i = nd; i < p.length; i++) p[i] = 0;
        if (!s.meshOk(p) || objective.of(s.computeCycles(p), energyFloor) >= best) {
            pruned++;
            return false;
        }
        int k = nd + nl;
        for (p[k] = 0; p[k] < s.radix(k); p[k]++) if (s.fits(p)) return true;
        p[k] = 0;
        pruned++;
        return false;
    }

    @Override
    public void tell(int[] point, double obj) {
        if (obj < best) best = obj;
    }

    @Override
    public ObjectNode state() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("started", started);
        n.put("done", done);
        n.put("best", best);
        n.put("pruned", pruned);
        var arr = n.putArray("cursor");
        for (int x : p) arr.add(x);
        return n;
    }

    @Override
    public void restore(JsonNode n) {
        started = n.path("started").asBoolean();
        done = n.path("done").asBoolean();
        best = n.path("best").asDouble(Double.POSITIVE_INFINITY);
        pruned = n.path("pruned").asLong();
        for (int i = 0; i < p.length; i++) p[i] = n.path("cursor").path(i).asInt();
    }
}
