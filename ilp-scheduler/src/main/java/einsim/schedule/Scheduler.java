package einsim.schedule;

import einsim.workloads.graph.TensorGraph;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;

/**
 * The scheduling job end to end: budgets, cheap proofs (below M_R nothing fits; if the whole live intervals of an
 * order fit in the arena, zero traffic is optimal), the four baselines, then CP-SAT, and an independent replay of
 * every plan returned. All sizes and traffic in bytes.
 */
public final class Scheduler {
    /**
     * @param scratchpadBytes the budget in bytes, or −1 to take {@code budgetName}
     * @param budgetName      MR, MP or MH (used when scratchpadBytes is −1)
     * @param timeLimitS      CP-SAT wall-clock limit, seconds
     * @param workers         CP-SAT search workers
     * @param windowOps       0: solve the graph whole; else divide and conquer in windows of at most this many ops
     * @param arenaAlignmentBytes the baselines' arena offset alignment (1: byte-exact; 64: TFLite's default)
     */
    public record Options(long scratchpadBytes, String budgetName, boolean fixedOrder, boolean withParameters,
                          double timeLimitS, int workers, int windowOps, long arenaAlignmentBytes) {
        public Options(long scratchpadBytes, String budgetName, boolean fixedOrder, boolean withParameters, double timeLimitS, int workers) {
            this(scratchpadBytes, budgetName, fixedOrder, withParameters, timeLimitS, workers, 0, 1);
        }

        public Options(long scratchpadBytes, String budgetName, boolean fixedOrder, boolean withParameters, double timeLimitS, int workers,
                       int windowOps) {
            this(scratchpadBytes, budgetName, fixedOrder, withParameters, timeLimitS, workers, windowOps, 1);
        }

        public Options {
            if (arenaAlignmentBytes < 1 || arenaAlignmentBytes > 4096) throw new IllegalArgumentException("arena alignment must be 1 to 4096 bytes");
            if (windowOps < 0 || windowOps == 1) throw new IllegalArgumentException("window must be 0 (whole graph) or at least 2 ops");
            if (scratchpadBytes < 0 && budgetName == null) throw new IllegalArgumentException("give a scratchpad size or a budget name");
            if (timeLimitS <= 0) throw new IllegalArgumentException("time limit must be positive");
            if (workers < 1) throw new IllegalArgumentException("workers must be ≥ 1");
        }
    }

    /** A reload of a spilled tensor, before the op at {@code step}. */
    public record Reload(String tensor, int step) {}

    /** A residency run's address: the tensor is placed at {@code address} from {@code step} on. */
    public record Allocation(String tensor, int step, long address) {}

    /** The spill of a tensor after the op at {@code step}. */
    public record Spill(String tensor, int step, long bytes) {}

    /**
     * The outcome. {@code status}: OPTIMAL, FEASIBLE (time limit hit, {@code gap} open), INFEASIBLE (with
     * {@code reason}) or UNKNOWN (no plan within the time limit). {@code offchipBytes} is −1 without a plan.
     */
    public record Result(String graph, long scratchpadBytes, boolean fixedOrder, String status, long offchipBytes,
                         long boundBytes, double gap, double solveSeconds, Budgets budgets, List<Baselines.Outcome> baselines,
                         long baselineOffchipBytes, List<String> order, List<Allocation> allocations, List<Spill> spills,
                         List<Reload> reloads, String reason, String provedBy) {}

    private Scheduler() {}

    /** Resolves MR / MP / MH (case-insensitive) to bytes. */
    public static long budgetBytes(Budgets b, String name) {
        return switch (name.toUpperCase(java.util.Locale.ROOT).replace("_", "")) {
            case "MR" -> b.mr();
            case "MP" -> b.mp();
            case "MH" -> b.mh();
            default -> throw new IllegalArgumentException("unknown budget '" + name + "' (use MR, MP or MH)");
        };
    }

    public static Result run(TensorGraph g, Options opt) {
        Problem probe = new Problem(g, Long.MAX_VALUE, opt.fixedOrder(), opt.withParameters());
        Budgets b = Budgets.of(probe);
        long budget = opt.scratchpadBytes() >= 0 ? opt.scratchpadBytes() : budgetBytes(b, opt.budgetName());
        Problem p = new Problem(g, budget, opt.fixedOrder(), opt.withParameters());
        int[] def = g.defaultOrder();
        List<Baselines.Outcome> base = Baselines.all(p, def, opt.fixedOrder() ? null : b.minPeakOrder(), opt.arenaAlignmentBytes());
        Baselines.Outcome start = Baselines.best(base);
        long bestBase = start == null ? -1 : start.offchipBytes();
        // below M_R some op cannot hold its own operands
        if (budget < b.mr()) {
            int worst = 0;
            for (int o = 0; o < p.ops; o++) if (p.footprint(o) > p.footprint(worst)) worst = o;
            String reason = "op '" + p.opName(worst) + "' needs " + p.footprint(worst) + " B of inputs and outputs resident at once, "
                    + "more than the scratchpad of " + budget + " B (M_R = " + b.mr() + " B)";
            return new Result(g.name(), budget, opt.fixedOrder(), "INFEASIBLE", -1, -1, 0, 0, b, base, bestBase,
                    List.of(), List.of(), List.of(), List.of(), reason, "M_R bound");
        }
        // zero traffic if an order's full live intervals fit as placed by the arena allocator
        Plan zero = wholeIntervals(p, opt.fixedOrder() ? def : b.minPeakOrder());
        if (zero == null && !opt.fixedOrder()) zero = wholeIntervals(p, def);
        if (zero != null) {
            Validator.cost(p, zero);
            return finish(g, p, b, base, bestBase, "OPTIMAL", 0, 0, 0, 0, zero, null, "arena placement of whole live intervals");
        }
        if (opt.windowOps() > 0 && p.ops > opt.windowOps()) return divide(g, p, b, base, bestBase, opt);
        CpSatScheduler.Solution s = CpSatScheduler.solve(p, opt.timeLimitS(), opt.workers(), start == null ? null : start.plan());
        SolveStats st = s.stats();
        long replay = s.plan() == null ? -1 : Validator.cost(p, s.plan());
        if (replay > st.objective()) {
            throw new IllegalStateException("the solver's plan costs " + replay + " B on replay, the solver says " + st.objective());
        }
        // a time-limited solve that found nothing better than the best baseline returns that baseline's plan
        if (!st.status().equals("INFEASIBLE") && start != null && (s.plan() == null || start.offchipBytes() < replay)) {
            long bound = Math.max(0, st.bound());
            long cost = start.offchipBytes();
            return finish(g, p, b, base, bestBase, cost == bound ? "OPTIMAL" : "FEASIBLE", cost, bound,
                    cost == 0 ? 0 : (double) (cost - bound) / cost, st.seconds(), start.plan(), null,
                    "baseline " + start.order() + "/" + start.policy() + " (CP-SAT found nothing better within " + opt.timeLimitS() + " s)");
        }
        if (s.plan() == null) {
            String reason = st.status().equals("INFEASIBLE")
                    ? "no " + (opt.fixedOrder() ? "placement in the fixed order" : "order and placement") + " fits " + budget
                    + " B: co-resident tensors cannot be given disjoint pinned address ranges"
                    : "no plan found within the time limit of " + opt.timeLimitS() + " s and no baseline fits; "
                    + "try a longer --time-limit or divide and conquer (--window-ops 40)";
            return new Result(g.name(), budget, opt.fixedOrder(), st.status(), -1, st.bound(), Double.NaN, st.seconds(), b, base,
                    bestBase, List.of(), List.of(), List.of(), List.of(), reason, "CP-SAT");
        }
        // the replayed cost is the plan's true cost (never above the model's objective)
        double gap = replay == 0 ? 0 : (double) (replay - Math.min(st.bound(), replay)) / replay;
        return finish(g, p, b, base, bestBase, replay == st.bound() ? "OPTIMAL" : st.status(), replay, Math.min(st.bound(), replay),
                st.status().equals("OPTIMAL") ? 0 : gap, st.seconds(), s.plan(), null, "CP-SAT");
    }

    private static Result divide(TensorGraph g, Problem p, Budgets b, List<Baselines.Outcome> base, long bestBase, Options opt) {
        int[] ref = opt.fixedOrder() ? g.defaultOrder() : b.minPeakOrder();
        DivideAndConquer.Outcome d = DivideAndConquer.solve(p, ref, opt.windowOps(), opt.timeLimitS(), opt.workers());
        Baselines.Outcome best = Baselines.best(base);
        if (d == null || (best != null && best.offchipBytes() < d.offchipBytes())) {
            if (best == null) {
                return new Result(g.name(), p.budget, p.fixed(), "UNKNOWN", -1, 0, Double.NaN, d == null ? 0 : d.seconds(), b, base, bestBase,
                        List.of(), List.of(), List.of(), List.of(), "divide and conquer found no plan and no baseline fits", "divide and conquer");
            }
            return finish(g, p, b, base, bestBase, best.offchipBytes() == 0 ? "OPTIMAL" : "FEASIBLE", best.offchipBytes(), 0,
                    best.offchipBytes() == 0 ? 0 : 1, d == null ? 0 : d.seconds(), best.plan(), null,
                    "baseline " + best.order() + "/" + best.policy() + " (divide and conquer did no better)");
        }
        String by = "divide and conquer: " + d.windows() + " windows of ≤ " + opt.windowOps() + " ops, " + d.optimalWindows() + " solved to optimality";
        // the rest of the time: the whole model, started from the stitched plan, for a better plan or at least a bound
        double left = opt.timeLimitS() - d.seconds();
        long bound = 0;
        double secs = d.seconds();
        if (left >= 1) {
            CpSatScheduler.Solution w = CpSatScheduler.solve(p, left, opt.workers(), d.plan());
            secs += w.stats().seconds();
            bound = Math.max(0, w.stats().bound());
            if (w.plan() != null && w.stats().objective() <= d.offchipBytes()) {
                if (Validator.cost(p, w.plan()) > w.stats().objective()) throw new IllegalStateException("the solver's plan does not replay");
                return finish(g, p, b, base, bestBase, w.stats().status(), w.stats().objective(), w.stats().bound(), w.stats().gap(), secs,
                        w.plan(), null, by + ", then the whole model from that plan");
            }
        }
        long cost = d.offchipBytes();
        return finish(g, p, b, base, bestBase, cost == bound ? "OPTIMAL" : "FEASIBLE", cost, bound,
                cost == 0 ? 0 : (double) (cost - bound) / cost, secs, d.plan(), null, by);
    }

    private static Result finish(TensorGraph g, Problem p, Budgets b, List<Baselines.Outcome> base, long bestBase, String status,
                                 long cost, long bound, double gap, double secs, Plan plan, String reason, String by) {
        List<String> order = new ArrayList<>();
        for (int o : plan.order()) order.add(p.opName(o));
        List<Allocation> allocs = new ArrayList<>();
        List<Spill> spills = new ArrayList<>();
        List<Reload> reloads = new ArrayList<>();
        for (int a = 0; a < p.tensors; a++) {
            List<Plan.Run> runs = plan.runs().get(a);
            for (Plan.Run r : runs) allocs.add(new Allocation(p.tensorName(a), r.start(), r.address()));
            if (p.prod[a] >= 0 && runs.size() > 1) {
                spills.add(new Spill(p.tensorName(a), runs.get(0).end(), p.size[a]));
                for (int i = 1; i < runs.size(); i++) reloads.add(new Reload(p.tensorName(a), runs.get(i).start()));
            }
        }
        allocs.sort((x, y) -> x.step() != y.step() ? Integer.compare(x.step(), y.step()) : Long.compare(x.address(), y.address()));
        reloads.sort((x, y) -> Integer.compare(x.step(), y.step()));
        spills.sort((x, y) -> Integer.compare(x.step(), y.step()));
        return new Result(g.name(), p.budget, p.fixed(), status, cost, bound, gap, secs, b, base, bestBase, order, allocs, spills,
                reloads, reason, by);
    }

    /** Every tensor resident from creation to last need at one address, if the arena fits the budget; else null. */
    static Plan wholeIntervals(Problem p, int[] order) {
        int[][] need = p.needSets(order);
        List<Arena.Episode> eps = new ArrayList<>();
        for (int a = 0; a < p.tensors; a++) {
            if (need[a].length == 0) continue;
            if (p.prod[a] < 0) {
                for (int t : need[a]) eps.add(new Arena.Episode(a, t, t, p.size[a]));
            } else {
                eps.add(new Arena.Episode(a, need[a][0], need[a][need[a].length - 1], p.size[a]));
            }
        }
        long[] off = Arena.place(eps, p.ops);
        if (off[eps.size()] > p.budget) return null;
        return new Plan(Arrays.copyOf(order, order.length), Arena.runs(eps, off, p.tensors));
    }
}
