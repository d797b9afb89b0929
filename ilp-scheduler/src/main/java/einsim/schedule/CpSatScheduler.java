package einsim.schedule;

import com.google.ortools.Loader;
import com.google.ortools.sat.BoolVar;
import com.google.ortools.sat.CpModel;
import com.google.ortools.sat.CpSolver;
import com.google.ortools.sat.CpSolverStatus;
import com.google.ortools.sat.IntVar;
import com.google.ortools.sat.IntervalVar;
import com.google.ortools.sat.LinearExpr;
import com.google.ortools.sat.LinearExprBuilder;
import com.google.ortools.sat.Literal;

import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;

/**
 * COSMA's model (create / preserve / spill / retrieve per tensor and step, addresses pinned while preserved, no
 * overlap of co-resident tensors) in OR-Tools CP-SAT (COSMA brief §2, §6.1). Variables exist only in each tensor's
 * window (ASAP/ALAP in the free order); a per-step NoOverlap replaces pairwise big-M constraints, so only tensors
 * that can be resident at the same step constrain each other.
 *
 * <p>The model is built for a window of consecutive ops of a reference order (the whole graph is one window), with
 * the state of tensors carried in from earlier windows (resident at a fixed address, or already written to DRAM);
 * the divide-and-conquer mode chains windows.
 */
public final class CpSatScheduler {
    private static volatile boolean loaded;

    /** A solve's statistics and, when one was found, its plan. */
    public record Solution(SolveStats stats, Plan plan) {}

    /** A tensor's state entering a window: resident at {@code address}, and whether its DRAM copy exists. */
    record Carry(boolean resident, long address, boolean written) {}

    /**
     * A window's result: its op order (global op ids), and per tensor and local step the residency: −1 absent,
     * 0 a new run starts (created or reloaded), 1 continues the previous step's run; with its address.
     */
    record WindowResult(SolveStats stats, int[] order, int[][] state, long[][] address, boolean[] spilled) {}

    private CpSatScheduler() {}

    static synchronized void load() {
        if (!loaded) {
            Loader.loadNativeLibraries();
            loaded = true;
        }
    }

    /** The whole graph as one window. */
    public static Solution solve(Problem p, double timeLimitS, int workers) {
        return solve(p, timeLimitS, workers, null);
    }

    /** The whole graph as one window, starting the search from {@code hint} (a valid plan, e.g. a baseline's) if given. */
    public static Solution solve(Problem p, double timeLimitS, int workers, Plan hint) {
        int[] ops = p.fixed() ? p.fixedOrder.clone() : p.graph.defaultOrder();
        WindowResult w = solveWindow(p, ops, !p.fixed(), new Carry[p.tensors], new boolean[p.ops], timeLimitS, workers, hint);
        if (w.order() == null) return new Solution(w.stats(), null);
        return new Solution(w.stats(), new Plan(w.order(), runs(p, w.state(), w.address())));
    }

    /** Residency runs (global steps) from per-step states. */
    static List<List<Plan.Run>> runs(Problem p, int[][] state, long[][] address) {
        List<List<Plan.Run>> runs = new ArrayList<>();
        for (int a = 0; a < p.tensors; a++) {
            List<Plan.Run> r = new ArrayList<>();
            int start = -1;
            for (int t = 0; t <= p.ops; t++) {
                int s = t < p.ops ? state[a][t] : -1;
                if (start >= 0 && s != 1) {
                    r.add(new Plan.Run(start, t - 1, address[a][start]));
                    start = -1;
                }
                if (s == 0) start = t;
            }
            runs.add(r);
        }
        return runs;
    }

    /**
     * Solves the window {@code ops} (global op ids, a contiguous segment of a topological order, in that order).
     * {@code carry[a]} is the state of tensor a created before the window and still needed (null otherwise);
     * {@code doneBefore} marks ops of earlier windows. States in the result are indexed by window-local step.
     */
    static WindowResult solveWindow(Problem p, int[] ops, boolean free, Carry[] carry, boolean[] doneBefore, double timeLimitS,
                                    int workers, Plan hint) {
        load();
        int n = ops.length;
        int[] local = new int[p.ops];
        java.util.Arrays.fill(local, -1);
        for (int i = 0; i < n; i++) local[ops[i]] = i;
        long mb = p.budget;
        // in-window ASAP / ALAP from in-window ancestors and descendants
        BitSet[] anc = new BitSet[n];
        for (int i = 0; i < n; i++) anc[i] = new BitSet(n);
        for (int i = 0; i < n; i++) {
            for (int a = 0; a < p.tensors; a++) {
                if (p.prod[a] < 0 || local[p.prod[a]] < 0) continue;
                for (int c : p.cons[a]) {
                    if (c == ops[i]) {
                        int q = local[p.prod[a]];
                        anc[i].or(anc[q]);
                        anc[i].set(q);
                    }
                }
            }
        }
        int[] lo = new int[n];
        int[] hi = new int[n];
        int[] desc = new int[n];
        for (int i = 0; i < n; i++) for (int q = anc[i].nextSetBit(0); q >= 0; q = anc[i].nextSetBit(q + 1)) desc[q]++;
        for (int i = 0; i < n; i++) {
            lo[i] = free ? anc[i].cardinality() : i;
            hi[i] = free ? n - 1 - desc[i] : i;
        }
        CpModel m = new CpModel();
        Literal[][] x = new Literal[n][n];
        for (int o = 0; o < n; o++) {
            for (int t = 0; t < n; t++) {
                if (t < lo[o] || t > hi[o]) x[o][t] = m.falseLiteral();
                else x[o][t] = free ? m.newBoolVar("x_" + o + "_" + t) : m.trueLiteral();
            }
        }
        if (free) {
            for (int o = 0; o < n; o++) m.addExactlyOne(x[o]);
            for (int t = 0; t < n; t++) {
                List<Literal> col = new ArrayList<>();
                for (int o = 0; o < n; o++) if (t >= lo[o] && t <= hi[o]) col.add(x[o][t]);
                m.addExactlyOne(col.toArray(new Literal[0]));
            }
            for (int a = 0; a < p.tensors; a++) {
                if (p.prod[a] < 0 || local[p.prod[a]] < 0) continue;
                for (int c : p.cons[a]) {
                    if (local[c] >= 0) m.addGreaterOrEqual(stepExpr(x[local[c]], n), LinearExpr.affine(stepExpr(x[local[p.prod[a]]], n), 1, 1));
                }
            }
        }
        int[] wlo = new int[p.tensors];
        Literal[][] rho = new Literal[p.tensors][];
        BoolVar[][] pres = new BoolVar[p.tensors][];
        BoolVar[][] rel = new BoolVar[p.tensors][];
        BoolVar[][] spills = new BoolVar[p.tensors][];
        IntVar[][] addr = new IntVar[p.tensors][];
        List<List<IntervalVar>> perStep = new ArrayList<>();
        List<LinearExprBuilder> cap = new ArrayList<>();
        for (int t = 0; t < n; t++) {
            perStep.add(new ArrayList<>());
            cap.add(LinearExpr.newBuilder());
        }
        LinearExprBuilder obj = LinearExpr.newBuilder();
        for (int a = 0; a < p.tensors; a++) {
            long s = p.size[a];
            boolean param = p.prod[a] < 0;
            boolean created = !param && local[p.prod[a]] >= 0;
            Carry cin = carry[a];
            boolean usedIn = false;
            boolean usedAfter = false;
            int end = -1;
            int start = Integer.MAX_VALUE;
            for (int c : p.cons[a]) {
                if (local[c] >= 0) {
                    usedIn = true;
                    start = Math.min(start, lo[local[c]]);
                    end = Math.max(end, hi[local[c]]);
                } else if (!doneBefore[c]) {
                    usedAfter = true;
                }
            }
            if (param ? !usedIn : !created && cin == null) continue;
            if (s > mb) return new WindowResult(new SolveStats("INFEASIBLE", -1, -1, 0, 0), null, null, null, null);
            if (created) {
                start = lo[local[p.prod[a]]];
                end = Math.max(end, hi[local[p.prod[a]]]);
            } else if (!param) {
                start = 0;
            }
            if (usedAfter) end = n - 1;
            wlo[a] = start;
            int w = end - start + 1;
            rho[a] = new Literal[w];
            pres[a] = new BoolVar[w];
            rel[a] = new BoolVar[w];
            addr[a] = new IntVar[w];
            BoolVar[] spill = new BoolVar[w];
            spills[a] = spill;
            boolean output = created && p.cons[a].length == 0;
            boolean written = cin != null && cin.written();
            // a spill is a first departure of a tensor still needed: its last in-window use must come later
            IntVar lastUse = null;
            if (!param && !usedAfter && usedIn && free) {
                List<LinearExpr> steps = new ArrayList<>();
                for (int c : p.cons[a]) if (local[c] >= 0) steps.add(stepExpr(x[local[c]], n));
                lastUse = m.newIntVar(0, n - 1, "last_" + a);
                m.addMaxEquality(lastUse, steps.toArray(new LinearExpr[0]));
            }
            int fixedLast = -1;
            if (!param && !usedAfter && !free) for (int c : p.cons[a]) if (local[c] >= 0) fixedLast = Math.max(fixedLast, lo[local[c]]);
            for (int i = 0; i < w; i++) {
                int t = start + i;
                BoolVar r = m.newBoolVar("rho_" + a + "_" + t);
                rho[a][i] = r;
                addr[a][i] = m.newIntVar(0, mb - s, "L_" + a + "_" + t);
                if (param) {
                    LinearExprBuilder uses = LinearExpr.newBuilder();
                    for (int c : p.cons[a]) if (local[c] >= 0) uses.add(x[local[c]][t]);
                    m.addEquality(r, uses);
                } else {
                    BoolVar pv = m.newBoolVar("P_" + a + "_" + t);
                    BoolVar sv = m.newBoolVar("S_" + a + "_" + t);
                    BoolVar rv = m.newBoolVar("R_" + a + "_" + t);
                    pres[a][i] = pv;
                    spill[i] = sv;
                    rel[a][i] = rv;
                    Literal c = created ? x[local[p.prod[a]]][t] : m.falseLiteral();
                    m.addEquality(LinearExpr.sum(new Literal[]{c, pv, rv}), r);
                    m.addLessOrEqual(LinearExpr.sum(new Literal[]{c, pv, sv, rv}), 1);
                    if (output || (i == 0 && created)) {
                        m.addEquality(pv, 0);
                        m.addEquality(sv, 0);
                        m.addEquality(rv, 0);
                    } else if (i == 0) {
                        // entering the window: keep the carried address, spill it now, or reload a DRAM copy
                        if (!cin.resident()) m.addEquality(pv, 0);
                        else m.addEquality(addr[a][0], cin.address()).onlyEnforceIf(pv);
                        if (!cin.resident() || written) m.addEquality(sv, 0);
                        if (!written) m.addEquality(rv, 0);
                    } else {
                        m.addImplication(pv, rho[a][i - 1]);
                        Literal cPrev = created ? x[local[p.prod[a]]][t - 1] : m.falseLiteral();
                        if (written) m.addEquality(sv, 0);
                        else m.addLessOrEqual(sv, LinearExpr.sum(new Literal[]{cPrev, pres[a][i - 1]}));
                        if (!written) {
                            List<Literal> earlier = new ArrayList<>();
                            for (int k = 0; k < i; k++) earlier.add(spill[k]);
                            m.addLessOrEqual(rv, LinearExpr.sum(earlier.toArray(new Literal[0])));
                        }
                        m.addEquality(addr[a][i], addr[a][i - 1]).onlyEnforceIf(pv);
                    }
                    for (int co : p.cons[a]) {
                        if (local[co] >= 0) m.addGreaterOrEqual(LinearExpr.sum(new Literal[]{pv, rv}), LinearExpr.term(x[local[co]][t], 1));
                    }
                    if (!usedAfter) {
                        if (lastUse != null) m.addGreaterOrEqual(lastUse, t + 1).onlyEnforceIf(sv);
                        else if (t >= fixedLast) m.addEquality(sv, 0);
                    }
                    obj.addTerm(sv, s);
                    obj.addTerm(rv, s);
                }
                IntervalVar iv = m.newOptionalFixedSizeIntervalVar(addr[a][i], s, r, "I_" + a + "_" + t);
                perStep.get(t).add(iv);
                cap.get(t).addTerm(r, s);
            }
            if (!param) {
                m.addLessOrEqual(LinearExpr.sum(spill), written ? 0 : 1);
                // still needed after the window: resident at its end, or in DRAM
                if (usedAfter && !written) {
                    List<Literal> keep = new ArrayList<>(List.of(spill));
                    keep.add(rho[a][w - 1]);
                    m.addGreaterOrEqual(LinearExpr.sum(keep.toArray(new Literal[0])), 1);
                }
            }
        }
        for (int t = 0; t < n; t++) {
            if (perStep.get(t).size() > 1) m.addNoOverlap(perStep.get(t));
            m.addLessOrEqual(cap.get(t), mb);
        }
        if (hint != null) hint(m, p, ops, free ? x : null, lo, hi, wlo, rho, pres, rel, spills, addr, hint);
        m.minimize(obj);
        CpSolver solver = new CpSolver();
        solver.getParameters().setMaxTimeInSeconds(timeLimitS);
        solver.getParameters().setNumWorkers(workers);
        solver.getParameters().setRandomSeed(1);
        CpSolverStatus st = solver.solve(m);
        double secs = solver.wallTime();
        if (st == CpSolverStatus.MODEL_INVALID) throw new IllegalStateException("CP-SAT rejected the model: " + m.validate());
        if (st == CpSolverStatus.INFEASIBLE) return new WindowResult(new SolveStats("INFEASIBLE", -1, -1, 0, secs), null, null, null, null);
        if (st != CpSolverStatus.OPTIMAL && st != CpSolverStatus.FEASIBLE) {
            return new WindowResult(new SolveStats("UNKNOWN", -1, (long) Math.floor(solver.bestObjectiveBound()), Double.NaN, secs), null, null, null, null);
        }
        long objective = Math.round(solver.objectiveValue());
        boolean optimal = st == CpSolverStatus.OPTIMAL;
        long bound = optimal ? objective : (long) Math.ceil(solver.bestObjectiveBound() - 1e-6);
        double gap = optimal || objective == 0 ? 0 : (double) (objective - bound) / objective;
        int[] order = new int[n];
        for (int o = 0; o < n; o++) for (int t = lo[o]; t <= hi[o]; t++) if (solver.booleanValue(x[o][t])) order[t] = ops[o];
        int[][] state = new int[p.tensors][n];
        long[][] address = new long[p.tensors][n];
        boolean[] spilled = new boolean[p.tensors];
        for (int a = 0; a < p.tensors; a++) {
            if (spills[a] != null) for (BoolVar v : spills[a]) if (v != null && solver.booleanValue(v)) spilled[a] = true;
            java.util.Arrays.fill(state[a], -1);
            if (rho[a] == null) continue;
            for (int i = 0; i < rho[a].length; i++) {
                if (!solver.booleanValue(rho[a][i])) continue;
                int t = wlo[a] + i;
                boolean continues = pres[a][i] != null && solver.booleanValue(pres[a][i]);
                state[a][t] = continues ? 1 : 0;
                address[a][t] = solver.value(addr[a][i]);
            }
        }
        return new WindowResult(new SolveStats(optimal ? "OPTIMAL" : "FEASIBLE", objective, bound, gap, secs), order, state, address, spilled);
    }

    /** Hints for a whole-graph window (local steps are global steps). */
    private static void hint(CpModel m, Problem p, int[] ops, Literal[][] x, int[] lo, int[] hi, int[] wlo, Literal[][] rho,
                             BoolVar[][] pres, BoolVar[][] rel, BoolVar[][] spills, IntVar[][] addr, Plan h) {
        int[] pos = Problem.positions(h.order());
        // fixed order: the op literals are the shared constant true (hinting it twice makes the model invalid)
        for (int o = 0; x != null && o < ops.length; o++) {
            for (int t = lo[o]; t <= hi[o]; t++) if (x[o][t] instanceof BoolVar v) m.addHint(v, pos[ops[o]] == t ? 1 : 0);
        }
        for (int a = 0; a < p.tensors; a++) {
            if (rho[a] == null) continue;
            List<Plan.Run> runs = h.runs().get(a);
            int[] runAt = new int[p.ops + 1];
            java.util.Arrays.fill(runAt, -1);
            for (int k = 0; k < runs.size(); k++) for (int t = runs.get(k).start(); t <= runs.get(k).end(); t++) runAt[t] = k;
            for (int i = 0; i < rho[a].length; i++) {
                int t = wlo[a] + i;
                boolean res = runAt[t] >= 0;
                if (rho[a][i] instanceof BoolVar v) m.addHint(v, res ? 1 : 0);
                if (res) m.addHint(addr[a][i], runs.get(runAt[t]).address());
                if (pres[a][i] == null) continue;
                boolean cont = res && t > 0 && runAt[t - 1] == runAt[t];
                m.addHint(pres[a][i], cont ? 1 : 0);
                m.addHint(rel[a][i], res && !cont && runAt[t] > 0 ? 1 : 0);
                m.addHint(spills[a][i], runs.size() > 1 && t == runs.get(0).end() + 1 ? 1 : 0);
            }
        }
    }

    private static LinearExpr stepExpr(Literal[] xs, int n) {
        LinearExprBuilder b = LinearExpr.newBuilder();
        for (int t = 0; t < n; t++) b.addTerm(xs[t], t);
        return b.build();
    }
}
