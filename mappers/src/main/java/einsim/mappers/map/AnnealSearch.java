package einsim.mappers.map;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.util.ArrayList;
import java.util.List;

/**
 * Simulated annealing on the log of the objective: each step proposes neighbours of the current point (one
 * coordinate changed: a nearby or a random factorization, another loop order or keep choice) and accepts a worse one
 * with probability exp(−Δlog/T). T cools geometrically and, when cold, reheats from the best point found.
 */
final class AnnealSearch implements SearchStrategy {
    private static final double T0 = 0.5;
    private static final double COOL = 0.9998;
    private static final double T_MIN = 1e-3;
    private final Mapspace s;
    private final SplitMix rnd;
    private int[] cur;
    private double curObj = Double.POSITIVE_INFINITY;
    private int[] best;
    private double bestObj = Double.POSITIVE_INFINITY;
    private double temp = T0;
    private long restarts;
    private int forcedMask = -1;
    private int seeds;
    private static final int SEEDS = 512;
    /** Reheats a chain gets (each from the chain's own best) before a new chain starts from fresh points. */
    private static final int CHAIN = 8;
    private int[] chainBest;
    private double chainBestObj = Double.POSITIVE_INFINITY;
    private int chainCycles;

    AnnealSearch(Mapspace s, long seed) {
        this.s = s;
        this.rnd = new SplitMix(seed);
        this.seeds = SEEDS;
    }

    @Override
    public String name() { return "anneal"; }

    @Override
    public List<int[]> ask(int n) {
        List<int[]> out = new ArrayList<>(n);
        for (int i = 0; i < n; i++) out.add(seeds > 0 || cur == null || !Double.isFinite(curObj) ? fresh() : neighbour(cur));
        return out;
    }

    /** A random point; after a restart, with the PE keep choice the restart cycles to (each is its own basin). */
    private int[] fresh() {
        int[] p = RandomSearch.sample(s, rnd);
        if (forcedMask < 0) return p;
        int k = s.pointLength() - 1;
        for (int tries = 0; tries < 64; tries++) {
            p[k] = forcedMask;
            if (s.meshOk(p) && s.fits(p)) return p;
            p = RandomSearch.sample(s, rnd);
        }
        return p;
    }

    private int[] neighbour(int[] p) {
        int[] q = p.clone();
        int changes = 1 + (rnd.nextDouble() < 0.3 ? 1 : 0);
        for (int c = 0; c < changes; c++) {
            int i = rnd.nextInt(q.length);
            int r = s.radix(i);
            if (r <= 1) continue;
            if (i < s.dims() && rnd.nextDouble() < 0.8) {
                // move one prime factor between two slots (a level or the mesh): the smallest change of a tiling
                long[] f = s.factorizations(i).get(q[i]);
                int from = rnd.nextInt(f.length);
                int to = rnd.nextInt(f.length);
                if (f[from] > 1 && from != to) {
                    long prime = smallestPrime(f[from]);
                    int j = s.moveFactor(i, q[i], from, to, prime);
                    if (j >= 0) q[i] = j;
                }
            } else {
                q[i] = rnd.nextInt(r);
            }
        }
        return q;
    }

    @Override
    public void tell(int[] point, double obj) {
        if (obj < bestObj) {
            bestObj = obj;
            best = point.clone();
        }
        if (obj < chainBestObj) {
            chainBestObj = obj;
            chainBest = point.clone();
        }
        if (seeds > 0) {
            // a fresh start descends from the best of SEEDS random points, not from the first
            seeds--;
            if (obj < curObj) {
                cur = point.clone();
                curObj = obj;
            }
            return;
        }
        if (!Double.isFinite(obj)) return;
        boolean accept = !Double.isFinite(curObj) || obj <= curObj
                || rnd.nextDouble() < Math.exp(-(Math.log(obj) - Math.log(curObj)) / temp);
        if (accept) {
            cur = point.clone();
            curObj = obj;
        }
        temp *= COOL;
        if (temp < T_MIN) {
            // reheat: a chain restarts from its own best CHAIN times, then a new chain starts from the best of fresh
            // random points whose PE keep choice cycles through all of them (what the PEs keep decides which tilings
            // fit, and those basins do not connect)
            temp = T0;
            restarts++;
            if (++chainCycles < CHAIN && chainBest != null) {
                cur = chainBest.clone();
                curObj = chainBestObj;
            } else {
                chainCycles = 0;
                chainBest = null;
                chainBestObj = Double.POSITIVE_INFINITY;
                cur = null;
                curObj = Double.POSITIVE_INFINITY;
                seeds = SEEDS;
                forcedMask = (int) (restarts % s.keepMaskCount());
            }
        }
    }

    @Override
    public ObjectNode state() {
        ObjectNode n = JsonNodeFactory.instance.objectNode();
        n.put("rng", rnd.state);
        n.put("temperature", temp);
        n.put("restarts", restarts);
        n.put("forced_mask", forcedMask);
        n.put("seeds", seeds);
        n.put("chain_cycles", chainCycles);
        if (chainBest != null) {
            var a = n.putArray("chain_best");
            for (int x : chainBest) a.add(x);
            n.put("chain_best_objective", chainBestObj);
        }
        if (cur != null) {
            var a = n.putArray("current");
            for (int x : cur) a.add(x);
            n.put("current_objective", curObj);
        }
        if (best != null) {
            var a = n.putArray("best");
            for (int x : best) a.add(x);
            n.put("best_objective", bestObj);
        }
        return n;
    }

    @Override
    public void restore(JsonNode n) {
        rnd.state = n.path("rng").asLong();
        temp = n.path("temperature").asDouble(T0);
        restarts = n.path("restarts").asLong();
        forcedMask = n.path("forced_mask").asInt(-1);
        seeds = n.path("seeds").asInt(0);
        chainCycles = n.path("chain_cycles").asInt(0);
        if (n.has("chain_best")) {
            chainBest = ints(n.get("chain_best"));
            chainBestObj = n.path("chain_best_objective").asDouble();
        }
        if (n.has("current")) {
            cur = ints(n.get("current"));
            curObj = n.path("current_objective").asDouble();
        }
        if (n.has("best")) {
            best = ints(n.get("best"));
            bestObj = n.path("best_objective").asDouble();
        }
    }

    private static long smallestPrime(long n) {
        for (long p = 2; p * p <= n; p++) if (n % p == 0) return p;
        return n;
    }

    static int[] ints(JsonNode a) {
        int[] x = new int[a.size()];
        for (int i = 0; i < x.length; i++) x[i] = a.get(i).asInt();
        return x;
    }
}
