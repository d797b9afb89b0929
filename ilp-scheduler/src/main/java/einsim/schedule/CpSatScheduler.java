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
import java.util.List;

/**
 * COSMA's model (create / preserve / spill / retrieve per tensor and step, addresses pinned while preserved, no
 * overlap of co-resident tensors) in OR-Tools CP-SAT (COSMA brief §2, §6.1). Variables exist only in each tensor's
 * window (ASAP/ALAP in the free order), per-step NoOverlap replaces pairwise big-M constraints.
 */
public final class CpSatScheduler {
    private static volatile boolean loaded;

    /** A solve's statistics and, when one was found, its plan. */
    public record Solution(SolveStats stats, Plan plan) {}

    private CpSatScheduler() {}

    static synchronized void load() {
        if (!loaded) {
            Loader.loadNativeLibraries();
            loaded = true;
        }
    }

    public static Solution solve(Problem p, double timeLimitS, int workers) {
        load();
        int n = p.ops;
        long mb = p.budget;
        CpModel m = new CpModel();
        Literal[][] x = new Literal[n][n];
        int[] lo = new int[n];
        int[] hi = new int[n];
        for (int o = 0; o < n; o++) {
            if (p.fixed()) {
                int pos = Problem.positions(p.fixedOrder)[o];
                lo[o] = pos;
                hi[o] = pos;
            } else {
                lo[o] = p.asap[o];
                hi[o] = p.alap[o];
            }
            for (int t = 0; t < n; t++) {
                if (t < lo[o] || t > hi[o]) x[o][t] = m.falseLiteral();
                else x[o][t] = p.fixed() ? m.trueLiteral() : m.newBoolVar("x_" + o + "_" + t);
            }
        }
        if (!p.fixed()) {
            for (int o = 0; o < n; o++) m.addExactlyOne(x[o]);
            for (int t = 0; t < n; t++) {
                List<Literal> col = new ArrayList<>();
                for (int o = 0; o < n; o++) if (t >= lo[o] && t <= hi[o]) col.add(x[o][t]);
                m.addExactlyOne(col.toArray(new Literal[0]));
            }
            // precedence: step(consumer) ≥ step(producer) + 1
            for (int a = 0; a < p.tensors; a++) {
                if (p.prod[a] < 0) continue;
                for (int c : p.cons[a]) m.addGreaterOrEqual(stepExpr(x[c], n), LinearExpr.affine(stepExpr(x[p.prod[a]], n), 1, 1));
            }
        }
        int[] wlo = new int[p.tensors];
        int[] whi = new int[p.tensors];
        Literal[][] rho = new Literal[p.tensors][];
        BoolVar[][] pres = new BoolVar[p.tensors][];
        BoolVar[][] spill = new BoolVar[p.tensors][];
        BoolVar[][] rel = new BoolVar[p.tensors][];
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
            if (s > mb) return new Solution(new SolveStats("INFEASIBLE", -1, -1, 0, 0), null);
            boolean param = p.prod[a] < 0;
            int start;
            int end;
            if (param) {
                start = Integer.MAX_VALUE;
                end = -1;
                for (int c : p.cons[a]) {
                    start = Math.min(start, lo[c]);
                    end = Math.max(end, hi[c]);
                }
            } else {
                start = lo[p.prod[a]];
                end = hi[p.prod[a]];
                for (int c : p.cons[a]) end = Math.max(end, hi[c]);
            }
            wlo[a] = start;
            whi[a] = end;
            int w = end - start + 1;
            rho[a] = new Literal[w];
            pres[a] = new BoolVar[w];
            spill[a] = new BoolVar[w];
            rel[a] = new BoolVar[w];
            addr[a] = new IntVar[w];
            boolean output = !param && p.cons[a].length == 0;
            for (int i = 0; i < w; i++) {
                int t = start + i;
                BoolVar r = m.newBoolVar("rho_" + a + "_" + t);
                rho[a][i] = r;
                addr[a][i] = m.newIntVar(0, mb - s, "L_" + a + "_" + t);
                if (param) {
                    LinearExprBuilder uses = LinearExpr.newBuilder();
                    for (int c : p.cons[a]) uses.add(x[c][t]);
                    m.addEquality(r, uses);
                } else {
                    BoolVar pv = m.newBoolVar("P_" + a + "_" + t);
                    BoolVar sv = m.newBoolVar("S_" + a + "_" + t);
                    BoolVar rv = m.newBoolVar("R_" + a + "_" + t);
                    pres[a][i] = pv;
                    spill[a][i] = sv;
                    rel[a][i] = rv;
                    Literal c = x[p.prod[a]][t];
                    m.addEquality(LinearExpr.sum(new Literal[]{c, pv, rv}), r);
                    m.addLessOrEqual(LinearExpr.sum(new Literal[]{c, pv, sv, rv}), 1);
                    if (i == 0 || output) {
                        m.addEquality(pv, 0);
                        m.addEquality(sv, 0);
                        m.addEquality(rv, 0);
                    } else {
                        m.addImplication(pv, rho[a][i - 1]);
                        m.addLessOrEqual(sv, LinearExpr.sum(new Literal[]{x[p.prod[a]][t - 1], pres[a][i - 1]}));
                        List<Literal> earlier = new ArrayList<>();
                        for (int k = 0; k < i; k++) earlier.add(spill[a][k]);
                        m.addLessOrEqual(rv, LinearExpr.sum(earlier.toArray(new Literal[0])));
                        m.addEquality(addr[a][i], addr[a][i - 1]).onlyEnforceIf(pv);
                    }
                    for (int co : p.cons[a]) m.addGreaterOrEqual(LinearExpr.sum(new Literal[]{pv, rv}), LinearExpr.term(x[co][t], 1));
                    obj.addTerm(sv, s);
                    obj.addTerm(rv, s);
                }
                IntervalVar iv = m.newOptionalFixedSizeIntervalVar(addr[a][i], s, r, "I_" + a + "_" + t);
                perStep.get(t).add(iv);
                cap.get(t).addTerm(r, s);
            }
            if (!param) m.addLessOrEqual(LinearExpr.sum(spill[a]), 1);
        }
        for (int t = 0; t < n; t++) {
            if (perStep.get(t).size() > 1) m.addNoOverlap(perStep.get(t));
            m.addLessOrEqual(cap.get(t), mb);
        }
        m.minimize(obj);
        CpSolver solver = new CpSolver();
        solver.getParameters().setMaxTimeInSeconds(timeLimitS);
        solver.getParameters().setNumWorkers(workers);
        solver.getParameters().setRandomSeed(1);
        CpSolverStatus st = solver.solve(m);
        double secs = solver.wallTime();
        if (st == CpSolverStatus.INFEASIBLE) return new Solution(new SolveStats("INFEASIBLE", -1, -1, 0, secs), null);
        if (st != CpSolverStatus.OPTIMAL && st != CpSolverStatus.FEASIBLE) {
            return new Solution(new SolveStats("UNKNOWN", -1, (long) Math.floor(solver.bestObjectiveBound()), Double.NaN, secs), null);
        }
        long objective = Math.round(solver.objectiveValue());
        long bound = (long) Math.ceil(solver.bestObjectiveBound() - 1e-6);
        double gap = objective == 0 ? 0 : (double) (objective - bound) / objective;
        int[] order = new int[n];
        for (int o = 0; o < n; o++) for (int t = lo[o]; t <= hi[o]; t++) if (solver.booleanValue(x[o][t])) order[t] = o;
        List<List<Plan.Run>> runs = new ArrayList<>();
        for (int a = 0; a < p.tensors; a++) {
            List<Plan.Run> r = new ArrayList<>();
            int runStart = -1;
            long runAddr = 0;
            for (int i = 0; i < rho[a].length; i++) {
                boolean res = solver.booleanValue(rho[a][i]);
                boolean continues = res && i > 0 && runStart >= 0 && pres[a][i] != null && solver.booleanValue(pres[a][i]);
                if (runStart >= 0 && !continues) {
                    r.add(new Plan.Run(runStart, wlo[a] + i - 1, runAddr));
                    runStart = -1;
                }
                if (res && !continues) {
                    runStart = wlo[a] + i;
                    runAddr = solver.value(addr[a][i]);
                }
            }
            if (runStart >= 0) r.add(new Plan.Run(runStart, whi[a], runAddr));
            runs.add(r);
        }
        String status = st == CpSolverStatus.OPTIMAL ? "OPTIMAL" : "FEASIBLE";
        return new Solution(new SolveStats(status, objective, st == CpSolverStatus.OPTIMAL ? objective : bound,
                st == CpSolverStatus.OPTIMAL ? 0 : gap, secs), new Plan(order, runs));
    }

    private static LinearExpr stepExpr(Literal[] xs, int n) {
        LinearExprBuilder b = LinearExpr.newBuilder();
        for (int t = 0; t < n; t++) b.addTerm(xs[t], t);
        return b.build();
    }
}
