package einsim.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import einsim.schedule.Baselines;
import einsim.schedule.Scheduler;
import einsim.workloads.graph.GraphReader;
import einsim.workloads.graph.GraphZoo;
import einsim.workloads.graph.TensorGraph;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code einsim schedule}: COSMA's operator order, scratchpad addresses and spills/reloads, solved by CP-SAT. */
@Command(name = "schedule", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Choose the operator order, every tensor's scratchpad address, and which tensors are spilled to "
                + "DRAM and reloaded, to minimise non-compulsory off-chip traffic (COSMA, solved with OR-Tools CP-SAT).",
                "Reports the four baselines (default / minimum-peak order × Belady / greedy replacement on a TFLite arena) "
                        + "and the reduction against the best feasible one. An infeasible budget is a result (exit 0)."},
        footer = {"", "Examples:", "  einsim schedule --zoo",
                "  einsim schedule --graph resnet50 --budget MH --format json",
                "  einsim schedule --graph validation/cosma/spill_toy.json --scratchpad-bytes 8",
                "  einsim schedule --graph mobilenetv2 --budget MR --fixed-order --time-limit 10",
                "  einsim schedule --table --time-limit 60 > docs/schedule-table.md"})
final class ScheduleCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--graph", paramLabel = "ZOO-ID|FILE.json", description = "a zoo id (see --zoo) or a graph JSON file")
    String graph;
    @Option(names = "--scratchpad-bytes", paramLabel = "N", description = "scratchpad size in bytes")
    Long scratchpadBytes;
    @Option(names = "--budget", paramLabel = "MR|MP|MH", description = "a budget derived from the graph: M_R (largest op "
            + "footprint), M_P (minimum peak over orders), M_H = ⌊(M_R + M_P)/2⌋")
    String budget;
    @Option(names = "--fixed-order", description = "keep the graph's schedule (else any topological order)")
    boolean fixedOrder;
    @Option(names = "--with-parameters", description = "weights (tensors no op produces) occupy the scratchpad while used")
    boolean withParameters;
    @Option(names = "--time-limit", paramLabel = "SECONDS", description = "CP-SAT time limit per solve (default: ${DEFAULT-VALUE})")
    double timeLimit = 60;
    @Option(names = "--workers", paramLabel = "N", description = "CP-SAT search workers (default: the number of cores)")
    Integer workers;
    @Option(names = "--window-ops", paramLabel = "N", description = "divide and conquer: solve windows of at most N ops "
            + "of the reference order one after another (for graphs too big to solve whole); 0 solves the graph whole "
            + "(default: ${DEFAULT-VALUE})")
    int windowOps = 0;
    @Option(names = "--arena-alignment", paramLabel = "BYTES", description = "the baselines' arena offset alignment: 1 "
            + "(byte-exact, default) or TFLite's 64 (--arena-alignment 64 reproduces TFLite's allocator)")
    long arenaAlignment = 1;
    @Option(names = "--format", description = "text or json (with --table: markdown or json) (default: ${DEFAULT-VALUE})")
    String format = "text";
    @Option(names = "--zoo", description = "list the zoo's graph ids")
    boolean zoo;
    @Option(names = "--export-graph", paramLabel = "ZOO-ID", description = "write a zoo graph as JSON to standard output")
    String exportGraph;
    @Option(names = "--table", description = "solve every zoo graph (or --models) at M_R and M_H and print the comparison table")
    boolean table;
    @Option(names = "--models", split = ",", paramLabel = "ID", description = "with --table: the zoo ids to include")
    List<String> models;

    @Override
    public Integer call() throws JsonProcessingException {
        PrintWriter out = spec.commandLine().getOut();
        if (zoo) {
            for (Map.Entry<String, String> e : GraphZoo.list().entrySet()) out.printf("%-30s %s%n", e.getKey(), e.getValue());
            return 0;
        }
        if (exportGraph != null) {
            out.println(CascadeCommand.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(graphJson(GraphZoo.get(exportGraph))));
            return 0;
        }
        if (timeLimit <= 0 || Double.isNaN(timeLimit)) throw new Main.UsageError("--time-limit " + timeLimit + ": must be positive", "write --time-limit 60");
        int w = workers == null ? Runtime.getRuntime().availableProcessors() : workers;
        if (w < 1) throw new Main.UsageError("--workers " + w + ": must be at least 1", "omit it to use every core");
        if (windowOps < 0 || windowOps == 1) throw new Main.UsageError("--window-ops " + windowOps + ": must be 0 or at least 2", "write --window-ops 40");
        if (arenaAlignment < 1 || arenaAlignment > 4096) {
            throw new Main.UsageError("--arena-alignment " + arenaAlignment + ": must be from 1 to 4096 bytes", "write --arena-alignment 64");
        }
        if (table) return table(out, w);
        if (graph == null) throw new Main.UsageError("give --graph ZOO-ID|FILE.json (or --zoo, --export-graph, --table)", "run einsim schedule --zoo");
        TensorGraph g = load(graph);
        if ((scratchpadBytes == null) == (budget == null)) {
            throw new Main.UsageError("give exactly one of --scratchpad-bytes N and --budget MR|MP|MH", "write --budget MH");
        }
        if (scratchpadBytes != null && scratchpadBytes > (1L << 56)) {
            throw new Main.UsageError("--scratchpad-bytes " + scratchpadBytes + ": larger than 2^56 bytes", "give a real scratchpad size");
        }
        if (fixedOrder && g.schedule() == null) {
            throw new Main.UsageError("--fixed-order: " + graph + " has no schedule to keep", "add a schedule list to the graph, or drop --fixed-order");
        }
        if (scratchpadBytes != null && scratchpadBytes < 1) {
            throw new Main.UsageError("--scratchpad-bytes " + scratchpadBytes + ": must be a positive number of bytes", "write --scratchpad-bytes 1048576");
        }
        if (budget != null && !budget.toUpperCase(Locale.ROOT).replace("_", "").matches("MR|MP|MH")) {
            throw new Main.UsageError("--budget " + budget + ": must be MR, MP or MH", "write --budget MH");
        }
        Main.checkFormat(format);
        Scheduler.Result r = Scheduler.run(g, new Scheduler.Options(scratchpadBytes == null ? -1 : scratchpadBytes, budget, fixedOrder,
                withParameters, timeLimit, w, windowOps, arenaAlignment));
        if (format.equals("json")) out.println(CascadeCommand.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(json(r)));
        else text(out, r);
        return 0;
    }

    static TensorGraph load(String graph) {
        if (GraphZoo.has(graph)) return GraphZoo.get(graph);
        Path f = Path.of(graph);
        if (!graph.endsWith(".json") && !Files.exists(f)) return GraphZoo.get(graph); // an unknown id: the zoo's message
        if (!Files.isRegularFile(f)) throw new Main.UsageError("--graph " + graph + ": no such file", "check the path, or run einsim schedule --zoo");
        return GraphReader.read(f);
    }

    static ObjectNode json(Scheduler.Result r) {
        ObjectNode o = CascadeCommand.JSON.createObjectNode();
        o.put("graph", r.graph());
        o.put("scratchpad_bytes", r.scratchpadBytes());
        o.put("fixed_order", r.fixedOrder());
        o.put("status", r.status());
        if (r.offchipBytes() >= 0) o.put("offchip_bytes", r.offchipBytes());
        else o.putNull("offchip_bytes");
        if (r.reason() != null) o.put("reason", r.reason());
        o.put("proved_by", r.provedBy());
        ObjectNode b = o.putObject("budgets");
        b.put("M_R", r.budgets().mr());
        b.put("M_P", r.budgets().mp());
        b.put("M_P_exact", r.budgets().mpExact());
        b.put("M_H", r.budgets().mh());
        b.put("fixed_order_live_peak", r.budgets().fixedOrderPeak());
        ArrayNode bl = o.putArray("baselines");
        for (Baselines.Outcome x : r.baselines()) {
            ObjectNode e = bl.addObject();
            e.put("order", x.order());
            e.put("policy", x.policy());
            if (x.offchipBytes() < 0) {
                e.put("status", "INFEASIBLE");
            } else if (x.overflowBytes() > 0) {
                e.put("status", "ARENA_OVERFLOW");
                e.put("overshoot_bytes", x.overflowBytes());
                e.put("offchip_bytes_if_it_fit", x.offchipBytes());
            } else {
                e.put("status", "FEASIBLE");
                e.put("offchip_bytes", x.offchipBytes());
            }
        }
        if (r.baselineOffchipBytes() >= 0) o.put("baseline_offchip_bytes", r.baselineOffchipBytes());
        else o.putNull("baseline_offchip_bytes");
        Double red = reduction(r);
        if (red != null) o.put("reduction", red);
        else o.putNull("reduction");
        if (r.boundBytes() >= 0) o.put("bound", r.boundBytes());
        else o.putNull("bound");
        if (Double.isNaN(r.gap())) o.putNull("gap");
        else o.put("gap", r.gap());
        o.put("solve_seconds", r.solveSeconds());
        ArrayNode ord = o.putArray("order");
        r.order().forEach(ord::add);
        ArrayNode al = o.putArray("allocations");
        for (Scheduler.Allocation a : r.allocations()) al.addObject().put("tensor", a.tensor()).put("step", a.step()).put("address", a.address());
        ArrayNode sp = o.putArray("spills");
        for (Scheduler.Spill s : r.spills()) sp.addObject().put("tensor", s.tensor()).put("step", s.step()).put("bytes", s.bytes());
        ArrayNode rl = o.putArray("reloads");
        for (Scheduler.Reload s : r.reloads()) rl.addObject().put("tensor", s.tensor()).put("step", s.step());
        return o;
    }

    /** 1 − ours / best feasible baseline; null when there is no feasible baseline or no plan; 0 when both are 0. */
    static Double reduction(Scheduler.Result r) {
        if (r.offchipBytes() < 0 || r.baselineOffchipBytes() < 0) return null;
        if (r.baselineOffchipBytes() == 0) return 0.0;
        return 1.0 - (double) r.offchipBytes() / r.baselineOffchipBytes();
    }

    private static void text(PrintWriter out, Scheduler.Result r) {
        out.printf(Locale.ROOT, "%s, scratchpad %,d B, %s order: %s", r.graph(), r.scratchpadBytes(), r.fixedOrder() ? "fixed" : "free", r.status());
        if (r.offchipBytes() >= 0) out.printf(Locale.ROOT, ", off-chip %,d B", r.offchipBytes());
        if (r.status().equals("FEASIBLE")) out.printf(Locale.ROOT, " (bound %,d B, gap %.1f%%)", r.boundBytes(), 100 * r.gap());
        out.printf(Locale.ROOT, " [%s, %.2f s]%n", r.provedBy(), r.solveSeconds());
        if (r.reason() != null) out.println("  reason: " + r.reason());
        out.printf(Locale.ROOT, "  budgets: M_R %,d B, M_P %,d B%s, M_H %,d B; fixed-order live peak %,d B%n", r.budgets().mr(), r.budgets().mp(),
                r.budgets().mpExact() ? "" : " (upper bound)", r.budgets().mh(), r.budgets().fixedOrderPeak());
        for (Baselines.Outcome b : r.baselines()) {
            String v = b.offchipBytes() < 0 ? "INFEASIBLE" : b.overflowBytes() > 0
                    ? String.format(Locale.ROOT, "ARENA_OVERFLOW by %,d B", b.overflowBytes()) : String.format(Locale.ROOT, "%,d B", b.offchipBytes());
            out.printf(Locale.ROOT, "  baseline %-8s order, %-6s: %s%n", b.order(), b.policy(), v);
        }
        Double red = reduction(r);
        if (red != null) out.printf(Locale.ROOT, "  reduction vs the best feasible baseline: %.1f%%%n", 100 * red);
        for (Scheduler.Spill s : r.spills()) out.printf(Locale.ROOT, "  spill  %s (%,d B) after step %d%n", s.tensor(), s.bytes(), s.step());
        for (Scheduler.Reload s : r.reloads()) out.printf(Locale.ROOT, "  reload %s before step %d%n", s.tensor(), s.step());
    }

    private int table(PrintWriter out, int w) throws JsonProcessingException {
        if (!format.equals("markdown") && !format.equals("json") && !format.equals("text")) {
            throw new Main.UsageError("--format " + format + ": with --table must be markdown or json", "write --format markdown");
        }
        List<String> ids = models == null ? new ArrayList<>(GraphZoo.list().keySet()) : models;
        for (String id : ids) GraphZoo.get(id); // fail on a bad id before solving anything
        ArrayNode rows = CascadeCommand.JSON.createArrayNode();
        boolean md = !format.equals("json");
        if (md) {
            out.printf(Locale.ROOT, "Free order, activations only, CP-SAT with %d workers, %.0f s limit per solve (`einsim schedule --table --time-limit %.0f`).%n%n",
                    w, timeLimit, timeLimit);
            out.println("| graph | ops | budget | bytes | best baseline (order/policy) | einsim | reduction | status | gap | seconds |");
            out.println("|---|---:|---|---:|---:|---:|---:|---|---:|---:|");
            out.flush();
        }
        Map<String, double[]> perBaseline = new java.util.LinkedHashMap<>(); // sum of reductions, cells
        double[] vsBest = new double[2];
        for (String id : ids) {
            TensorGraph g = GraphZoo.get(id);
            for (String bn : new String[]{"MR", "MH"}) {
                Scheduler.Result r = Scheduler.run(g, new Scheduler.Options(-1, bn, fixedOrder, withParameters, timeLimit, w, windowOps, arenaAlignment));
                ObjectNode j = json(r);
                j.remove(List.of("order", "allocations", "spills", "reloads"));
                j.put("budget", bn);
                j.put("ops", g.ops().size());
                rows.add(j);
                if (r.offchipBytes() >= 0) {
                    for (Baselines.Outcome b : r.baselines()) {
                        if (!b.feasible() || b.offchipBytes() == 0) continue;
                        double[] acc = perBaseline.computeIfAbsent(b.order() + "/" + b.policy(), k -> new double[2]);
                        acc[0] += 1.0 - (double) r.offchipBytes() / b.offchipBytes();
                        acc[1]++;
                    }
                    if (r.baselineOffchipBytes() > 0) {
                        vsBest[0] += 1.0 - (double) r.offchipBytes() / r.baselineOffchipBytes();
                        vsBest[1]++;
                    }
                }
                if (md) {
                    Baselines.Outcome best = Baselines.best(r.baselines());
                    Double red = reduction(r);
                    out.printf(Locale.ROOT, "| %s | %d | %s | %,d | %s | %s | %s | %s | %s | %.2f |%n", id, g.ops().size(), bn.replace("M", "M_"),
                            r.scratchpadBytes(), best == null ? "none fits" : String.format(Locale.ROOT, "%,d (%s/%s)", best.offchipBytes(), best.order(), best.policy()),
                            r.offchipBytes() < 0 ? "—" : String.format(Locale.ROOT, "%,d", r.offchipBytes()),
                            red == null ? "—" : String.format(Locale.ROOT, "%.1f%%", 100 * red), r.status(),
                            Double.isNaN(r.gap()) ? "—" : String.format(Locale.ROOT, "%.1f%%", 100 * r.gap()), r.solveSeconds());
                    out.flush();
                }
            }
        }
        if (md) {
            out.println();
            out.printf(Locale.ROOT, "Mean reduction over the rows whose best feasible baseline moves data (> 0 B): %s (%d rows).%n",
                    vsBest[1] == 0 ? "—" : String.format(Locale.ROOT, "%.1f%%", 100 * vsBest[0] / vsBest[1]), (long) vsBest[1]);
            for (Map.Entry<String, double[]> e : perBaseline.entrySet()) {
                out.printf(Locale.ROOT, "Mean reduction against %s over the cells where it fits and moves data: %.1f%% (%d cells).%n",
                        e.getKey(), 100 * e.getValue()[0] / e.getValue()[1], (long) e.getValue()[1]);
            }
        }
        if (!md) out.println(CascadeCommand.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(rows));
        return 0;
    }

    static ObjectNode graphJson(TensorGraph g) {
        ObjectNode o = CascadeCommand.JSON.createObjectNode();
        o.put("name", g.name());
        o.put("note", "einsim zoo graph, 8-bit data; tensors no op produces are parameters. Format: docs/schedule.md.");
        ArrayNode ts = o.putArray("tensors");
        for (TensorGraph.Tensor t : g.tensors()) ts.addObject().put("name", t.name()).put("bytes", t.bytes());
        ArrayNode os = o.putArray("ops");
        for (TensorGraph.Op op : g.ops()) {
            ObjectNode e = os.addObject();
            e.put("name", op.name());
            ArrayNode in = e.putArray("inputs");
            op.inputs().forEach(in::add);
            ArrayNode outs = e.putArray("outputs");
            op.outputs().forEach(outs::add);
        }
        if (g.schedule() != null) {
            ArrayNode s = o.putArray("schedule");
            g.schedule().forEach(s::add);
        }
        return o;
    }
}
