package einsim.mappers.map;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Every mapping of a workload onto an architecture that the constraints allow, as points of a product space: for
 * each dimension one ordered factorization over (the temporal levels, mesh X, mesh Y), for each level above the PEs
 * one loop order, and which tensors the PEs keep. Factorizations are exact (no padding). Level 0's loop order is
 * fixed: nothing below the PEs can reuse across it. Levels between the PEs and DRAM keep every tensor they may.
 */
public final class Mapspace {

    /**
     * @param dataflow  null, or os / ws / is (output-, weight- or input-stationary: the PEs keep that tensor and the
     *                  mesh spreads its dimensions, X over its reduced dimensions when it has any)
     * @param xDims     dimensions mesh X may spread (null = any, or as the dataflow says)
     * @param yDims     likewise for Y
     * @param fixed     factors fixed by "LEVEL.DIM" (a level name, or X / Y): e.g. {@code PE.M=4}, {@code X.K=256}
     * @param minMeshUtilization fraction of the mesh the spatial factors must use, 0–1
     * @param orders    loop orders fixed by level name: the dimensions outermost first, e.g. {@code DRAM=NKM}
     */
    public record Constraints(String dataflow, Set<String> xDims, Set<String> yDims, Map<String, Long> fixed,
                              double minMeshUtilization, Map<String, String> orders) {
        public Constraints(String dataflow, Set<String> xDims, Set<String> yDims, Map<String, Long> fixed, double minMeshUtilization) {
            this(dataflow, xDims, yDims, fixed, minMeshUtilization, Map.of());
        }

        public Constraints {
            fixed = fixed == null ? Map.of() : Map.copyOf(fixed);
            orders = orders == null ? Map.of() : Map.copyOf(orders);
            if (!(minMeshUtilization >= 0 && minMeshUtilization <= 1)) {
                throw new MapperException("minimum mesh utilization " + minMeshUtilization, "give a fraction from 0 to 1");
            }
        }

        public static Constraints none() { return new Constraints(null, null, null, Map.of(), 0); }
    }

    private final Workload w;
    private final MapArch a;
    private final int nl;
    private final int nd;
    private final List<long[]>[] facts;
    private final int[][] perms;
    private final int[] keepMasks;
    private final long minMesh;
    private final long combos;
    private final Map<String, Integer>[] index;
    private final String description;
    private final int[][] forced;

    @SuppressWarnings("unchecked")
    public Mapspace(Workload w, MapArch a, Constraints c) {
        this.w = w;
        this.a = a;
        nl = a.levels().size();
        nd = w.dims().size();
        if (nd > 8) throw new MapperException(w.name() + " has " + nd + " dimensions", "the mapper orders at most 8 loops per level");
        if (w.points() > (1L << 56)) {
            throw new MapperException(w + " has " + w.points() + " iteration points", "the mapper counts accesses in 64 bits: keep the points below 2^56");
        }
        Set<String> names = new HashSet<>();
        for (Workload.Tensor t : w.tensors()) names.add(t.name());
        for (MapArch.Level lv : a.levels()) {
            if (lv.keeps() != null) for (String k : lv.keeps()) {
                if (!names.contains(k)) throw new MapperException(a.name() + ": level " + lv.name() + " keeps '" + k + "', not a tensor of " + w.name(),
                        "tensors: " + String.join(", ", names));
            }
            for (String k : lv.tensorCapacityBytes().keySet()) {
                if (!names.contains(k)) throw new MapperException(a.name() + ": level " + lv.name() + " has a partition for '" + k + "', not a tensor of "
                        + w.name(), "tensors: " + String.join(", ", names));
            }
        }
        Set<String> xd = c.xDims();
        Set<String> yd = c.yDims();
        int stationary = -1;
        if (c.dataflow() != null) {
            stationary = stationaryTensor(c.dataflow());
            Workload.Tensor st = w.tensors().get(stationary);
            Workload.Tensor o = w.output();
            Set<String> reduced = new HashSet<>();
            Set<String> kept = new HashSet<>();
            for (int d = 0; d < nd; d++) {
                if (!st.relevant(d)) continue;
                if (o.relevant(d)) kept.add(w.dims().get(d));
                else reduced.add(w.dims().get(d));
            }
            if (xd == null) xd = reduced.isEmpty() ? kept : reduced;
            if (yd == null) yd = kept;
        }
        long[][] fixed = new long[nd][nl + 2];
        for (Map.Entry<String, Long> e : c.fixed().entrySet()) {
            String[] parts = e.getKey().split("\\.");
            if (parts.length != 2) throw new MapperException("fixed factor '" + e.getKey() + "'", "write LEVEL.DIM=F, e.g. PE.M=4 or X.K=256");
            int slot = slot(parts[0]);
            int d = w.dimIndex(parts[1]);
            if (e.getValue() < 1) throw new MapperException("fixed factor " + e.getKey() + "=" + e.getValue(), "factors are at least 1");
            fixed[d][slot] = e.getValue();
        }
        facts = new List[nd];
        for (int d = 0; d < nd; d++) {
            long[] max = new long[nl + 2];
            Arrays.fill(max, Long.MAX_VALUE);
            String dim = w.dims().get(d);
            max[nl] = xd == null || xd.contains(dim) ? a.meshX() : 1;
            max[nl + 1] = yd == null || yd.contains(dim) ? a.meshY() : 1;
            facts[d] = Factorizations.of(w.sizes()[d], max, fixed[d]);
            if (facts[d].isEmpty()) {
                throw new MapperException("no factorization of " + dim + "=" + w.sizes()[d] + " meets the fixed factors " + Arrays.toString(fixed[d]),
                        "fixed factors must divide the size and fit the mesh");
            }
        }
        index = new Map[nd];
        for (int d = 0; d < nd; d++) {
            index[d] = new java.util.HashMap<>();
            for (int i = 0; i < facts[d].size(); i++) index[d].put(Arrays.toString(facts[d].get(i)), i);
        }
        perms = permutations(nd);
        forced = new int[nl][];
        for (Map.Entry<String, String> e : c.orders().entrySet()) {
            int l = slot(e.getKey());
            if (l >= nl) throw new MapperException("--order " + e.getKey() + ": the mesh has no loop order", "give a level's name");
            String dims = e.getValue().toUpperCase(Locale.ROOT);
            int[] perm = new int[nd];
            boolean[] seen = new boolean[nd];
            int k = 0;
            for (int i = 0; i < dims.length(); ) {
                int best = -1;
                for (int d = 0; d < nd; d++) {
                    String n = w.dims().get(d);
                    if (dims.startsWith(n, i) && (best < 0 || n.length() > w.dims().get(best).length())) best = d;
                }
                if (best < 0 || seen[best] || k == nd) {
                    throw new MapperException("loop order " + e.getKey() + "=" + e.getValue() + " is not an order of " + String.join("", w.dims()),
                            "list every dimension once, outermost first, e.g. " + e.getKey() + "=" + String.join("", w.dims()));
                }
                seen[best] = true;
                perm[k++] = best;
                i += w.dims().get(best).length();
            }
            if (k != nd) throw new MapperException("loop order " + e.getKey() + "=" + e.getValue() + " leaves out a dimension",
                    "list every dimension once: " + String.join("", w.dims()));
            forced[l] = perm;
        }
        List<Integer> masks = new ArrayList<>();
        int nt = w.tensors().size();
        if (stationary >= 0) {
            masks.add(1 << stationary);
        } else {
            for (int m = 0; m < (1 << nt); m++) {
                boolean ok = true;
                for (int t = 0; t < nt; t++) if ((m & (1 << t)) != 0 && !a.levels().get(0).mayKeep(w.tensors().get(t).name())) ok = false;
                if (ok) masks.add(m);
            }
        }
        keepMasks = masks.stream().mapToInt(Integer::intValue).toArray();
        minMesh = (long) Math.ceil(c.minMeshUtilization() * a.pes() - 1e-9);
        long n = 1;
        for (List<long[]> f : facts) n = n > Long.MAX_VALUE / f.size() ? Long.MAX_VALUE : n * f.size();
        combos = n;
        StringBuilder desc = new StringBuilder(w.toString());
        for (Workload.Tensor t : w.tensors()) desc.append(' ').append(t.name()).append(':').append(t.wordBytes()).append(Arrays.deepToString(t.coefs()));
        desc.append(" | ").append(a);
        desc.append(" | ").append(c.dataflow()).append(' ').append(xd).append(' ').append(yd).append(' ')
                .append(new java.util.TreeMap<>(c.fixed())).append(' ').append(c.minMeshUtilization()).append(' ')
                .append(new java.util.TreeMap<>(c.orders()));
        description = desc.toString();
    }

    private int stationaryTensor(String df) {
        String k = df.toLowerCase(Locale.ROOT);
        int nt = w.tensors().size();
        if (nt != 3 && !(k.equals("os") || k.equals("output-stationary"))) {
            throw new MapperException("--dataflow " + df + " names an input by position, and " + w.name() + " reads " + (nt - 1) + " tensors",
                    "use os, or --fix and the architecture's keeps for this Einsum");
        }
        return switch (k) {
            case "os", "output-stationary" -> nt - 1;
            case "ws", "weight-stationary" -> nt - 2;
            case "is", "input-stationary" -> 0;
            default -> throw new MapperException("unknown dataflow '" + df + "'", "use os, ws or is");
        };
    }

    private int slot(String level) {
        if (level.equalsIgnoreCase("X")) return nl;
        if (level.equalsIgnoreCase("Y")) return nl + 1;
        for (int l = 0; l < nl; l++) if (a.levels().get(l).name().equalsIgnoreCase(level)) return l;
        List<String> names = new ArrayList<>();
        for (MapArch.Level lv : a.levels()) names.add(lv.name());
        throw new MapperException("no level '" + level + "' in " + a.name(), "levels: " + String.join(", ", names) + ", or X / Y for the mesh");
    }

    static int[][] permutations(int n) {
        List<int[]> out = new ArrayList<>();
        permute(new int[n], new boolean[n], 0, out);
        return out.toArray(new int[0][]);
    }

    private static void permute(int[] cur, boolean[] used, int i, List<int[]> out) {
        if (i == cur.length) {
            out.add(cur.clone());
            return;
        }
        for (int d = 0; d < cur.length; d++) {
            if (used[d]) continue;
            used[d] = true;
            cur[i] = d;
            permute(cur, used, i + 1, out);
            used[d] = false;
        }
    }

    public Workload workload() { return w; }

    /** Everything that defines this space (workload, architecture, constraints), for checkpoints. */
    public String description() { return description; }

    public MapArch arch() { return a; }

    public int dims() { return nd; }

    public int levels() { return nl; }

    /** Factorizations of dimension d. */
    public List<long[]> factorizations(int d) { return facts[d]; }

    public int permutationCount() { return perms.length; }

    public int[] permutation(int i) { return perms[i]; }

    public int keepMaskCount() { return keepMasks.length; }

    /** Combinations of factorizations (saturates at Long.MAX_VALUE). */
    public long factorCombinations() { return combos; }

    /** Points: factorizations × orders of the levels above the PEs × PE keep choices (as a double: it can be huge). */
    public double size() {
        return (double) combos * Math.pow(perms.length, nl - 1) * keepMasks.length;
    }

    /**
     * A point: {@code p[0..nd)} factorization indices, {@code p[nd..nd+nl)} permutation indices per level (level 0's
     * is ignored), {@code p[nd+nl]} the keep-mask index.
     */
    public int pointLength() { return nd + nl + 1; }

    public int radix(int i) {
        if (i < nd) return facts[i].size();
        if (i < nd + nl) return i == nd || forced[i - nd] != null ? 1 : perms.length;
        return keepMasks.length;
    }

    /** True when the spatial factors fit the mesh and use enough of it. */
    public boolean meshOk(int[] p) {
        long px = 1;
        long py = 1;
        for (int d = 0; d < nd; d++) {
            long[] f = facts[d].get(p[d]);
            px *= f[nl];
            py *= f[nl + 1];
        }
        return px <= a.meshX() && py <= a.meshY() && px * py >= minMesh;
    }

    public Mapping decode(int[] p) {
        long[][] f = new long[nl][nd];
        int[][] o = new int[nl][];
        long[] sx = new long[nd];
        long[] sy = new long[nd];
        for (int d = 0; d < nd; d++) {
            long[] x = facts[d].get(p[d]);
            for (int l = 0; l < nl; l++) f[l][d] = x[l];
            sx[d] = x[nl];
            sy[d] = x[nl + 1];
        }
        for (int l = 0; l < nl; l++) o[l] = forced[l] != null ? forced[l] : perms[l == 0 ? 0 : p[nd + l]];
        int nt = w.tensors().size();
        boolean[][] keep = new boolean[nl][nt];
        int mask = keepMasks[p[nd + nl]];
        for (int t = 0; t < nt; t++) {
            keep[0][t] = (mask & (1 << t)) != 0;
            String name = w.tensors().get(t).name();
            for (int l = 1; l < nl; l++) keep[l][t] = l == nl - 1 || a.levels().get(l).mayKeep(name);
        }
        return new Mapping(f, o, sx, sy, keep);
    }

    /**
     * The factorization of dimension d that moves one prime factor of slot {@code from} to slot {@code to}, or −1 when
     * there is none (no such factor, or the result breaks a limit).
     */
    public int moveFactor(int d, int i, int from, int to, long prime) {
        long[] f = facts[d].get(i).clone();
        if (f[from] % prime != 0) return -1;
        f[from] /= prime;
        f[to] *= prime;
        Integer j = index[d].get(Arrays.toString(f));
        return j == null ? -1 : j;
    }

    /** Slots of a factorization: the temporal levels, then mesh X and Y. */
    public int slots() { return nl + 2; }

    /** Compute cycles of a point's factors (its loop orders do not change them): a lower bound of its cycles. */
    public long computeCycles(int[] p) {
        long tt = 1;
        long inner = 1;
        for (int d = 0; d < nd; d++) {
            long[] f = facts[d].get(p[d]);
            inner *= f[0];
            for (int l = 0; l < nl; l++) tt *= f[l];
        }
        return a.systolic() ? tt / inner * (inner + a.fillDrainCycles()) : tt;
    }

    /** Energy no mapping can beat: the MACs, each input read once from DRAM, the output written once. */
    public double energyFloorPj() {
        MapArch.Level dram = a.levels().get(nl - 1);
        double e = w.points() * a.macEnergyPj();
        for (Workload.Tensor t : w.tensors()) {
            // per axis, the largest dimension it depends on: tiles must cover it (a strided window may skip the rest)
            double words = 1;
            for (long[] ax : t.coefs()) {
                long m = 1;
                for (int d = 0; d < ax.length; d++) if (ax[d] != 0) m = Math.max(m, w.sizes()[d]);
                words *= m;
            }
            e += words * (t.output() ? dram.writePj() : dram.readPj()) / dram.wordsPerAccess();
        }
        return e;
    }

    /** Whether every level's tiles fit (orders do not change tile sizes). */
    public boolean fits(int[] p) {
        int mask = keepMasks[p[nd + nl]];
        long[] ext = new long[nd];
        for (int l = 0; l < nl - 1; l++) {
            for (int d = 0; d < nd; d++) {
                long[] f = facts[d].get(p[d]);
                ext[d] = l == 0 ? f[0] : (l == 1 ? f[0] * f[nl] * f[nl + 1] * f[1] : ext[d] * f[l]);
            }
            MapArch.Level lv = a.levels().get(l);
            long shared = 0;
            for (int t = 0; t < w.tensors().size(); t++) {
                Workload.Tensor x = w.tensors().get(t);
                boolean kept = l == 0 ? (mask & (1 << t)) != 0 : lv.mayKeep(x.name());
                if (!kept) continue;
                long bytes = x.footprint(ext) * x.wordBytes();
                Long part = lv.tensorCapacityBytes().get(x.name());
                if (part != null) {
                    if (bytes > part) return false;
                } else {
                    shared += bytes;
                }
            }
            if (shared > lv.capacityBytes()) return false;
        }
        return true;
    }

    /** Whether the permutation at index {@code pi} is the canonical one for level l's non-unit loops (others repeat it). */
    public boolean canonicalOrder(int[] p, int l) {
        if (forced[l] != null) return true;
        int[] perm = perms[p[nd + l]];
        // canonical: unit loops come after the non-unit ones, each group in increasing dimension order
        int lastUnit = -1;
        boolean seenUnit = false;
        for (int d : perm) {
            boolean unit = facts[d].get(p[d])[l] == 1;
            if (unit) {
                if (d < lastUnit) return false;
                lastUnit = d;
                seenUnit = true;
            } else if (seenUnit) {
                return false;
            }
        }
        return true;
    }
}
