package einsim.cli;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import einsim.cascade.Cascade;
import einsim.mappers.map.CascadeFusion;
import einsim.mappers.map.Cost;
import einsim.mappers.map.MapArch;
import einsim.mappers.map.MapArchFactory;
import einsim.mappers.map.MapperDriver;
import einsim.mappers.map.Mapping;
import einsim.mappers.map.Mapspace;
import einsim.mappers.map.Objective;
import einsim.mappers.map.SearchStrategy;
import einsim.mappers.map.Workload;
import einsim.workloads.BundledCascades;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code einsim map}: the best mapping of one Einsum on an architecture, found by searching its mapspace. */
@Command(name = "map", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Searches the mapspace of one Einsum (tiling per memory level, loop orders, spatial unrolling over "
                + "the PE mesh, what the PEs keep) on an architecture with the analytic cost model, and prints the best "
                + "mapping as a loop nest with its cycles, energy and accesses per level. See docs/mapper.md."},
        footer = {"", "Examples:", "  einsim map --einsum gemm --ranks M=4096,N=4096,K=4096 --arch tpu-like --dataflow ws --word-bytes 1",
                "  einsim map --einsum conv2d --ranks N=1,C=64,K=64,P=56,Q=56,R=3,S=3 --arch my-chip.yaml --strategy anneal --budget 30",
                "  einsim map --einsum gemm --ranks M=1024,N=1024,K=1024 --arch fusemax-2d --checkpoint search.json --format json"})
final class MapCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--einsum", required = true, paramLabel = "FILE|NAME", description = "a .ein file, a TeAAL .yaml, or a bundled cascade")
    String einsum;
    @Option(names = "--einsum-name", paramLabel = "TENSOR", description = "which Einsum of the cascade (by its output); needed when it has several")
    String einsumName;
    @Option(names = "--ranks", required = true, paramLabel = "R=N,...", description = "rank sizes, e.g. M=4096,N=4096,K=4096 (K, M, G suffixes)")
    String ranks;
    @Option(names = "--arch", required = true, paramLabel = "PRESET|ARCH.yaml", description = "tpu-like, fusemax-2d, flat-2d, a systolic preset, or a YAML file")
    String arch;
    @Option(names = "--strategy", paramLabel = "S", description = "exhaustive, random or anneal (default: exhaustive when the dimensions' factorizations combine in at most 2·10^7 ways, else anneal)")
    String strategy;
    @Option(names = "--budget", paramLabel = "SECONDS", description = "wall-clock limit of the search (default: ${DEFAULT-VALUE})")
    double budget = 60;
    @Option(names = "--patience", paramLabel = "SECONDS", description = "random and anneal stop when the best has not improved for this long (default: ${DEFAULT-VALUE}; 0 = never)")
    double patience = 10;
    @Option(names = "--threads", paramLabel = "N", description = "search threads (default: all cores)")
    Integer threads;
    @Option(names = "--checkpoint", paramLabel = "FILE", description = "resume from FILE if it exists; write the search state to it every second")
    Path checkpoint;
    @Option(names = "--objective", paramLabel = "O", description = "edp, cycles or energy (default: ${DEFAULT-VALUE})")
    String objective = "edp";
    @Option(names = "--dataflow", paramLabel = "DF", description = "os, ws or is: the PEs keep the output, the last input or the first input")
    String dataflow;
    @Option(names = "--fix", paramLabel = "LEVEL.DIM=F,...", description = "fixed factors, e.g. X.K=256,PE.M=1 (X and Y are the mesh)")
    String fix;
    @Option(names = "--order", paramLabel = "LEVEL=DIMS,...", description = "fixed loop orders, outermost first, e.g. DRAM=NKM")
    String order;
    @Option(names = "--min-utilization", paramLabel = "F", description = "fraction of the mesh the spatial factors must use, 0-1 (default: ${DEFAULT-VALUE})")
    double minUtil = 0;
    @Option(names = "--word-bytes", paramLabel = "B", description = "bytes per element of every tensor (default: the cascade's declared widths)")
    Integer wordBytes;
    @Option(names = "--seed", paramLabel = "S", description = "random seed of random and anneal (default: ${DEFAULT-VALUE})")
    long seed = 1;
    @Option(names = "--max-evaluations", paramLabel = "N", description = "stop after N evaluated mappings")
    long maxEvaluations = 0;
    @Option(names = "--fuse", paramLabel = "RANK", description = "map the whole cascade fused along RANK (passes from the pass analysis): "
            + "live footprints per pass and the spills of tensors needed across passes, with the arch's on-chip buffer")
    String fuse;
    @Option(names = "--tile", paramLabel = "N", description = "with --fuse: the tile of RANK each step of a pass works on (default: ${DEFAULT-VALUE})")
    long tile = 1;
    @Option(names = "--outer-tile", paramLabel = "R=N,...", description = "with --fuse: tiles of other ranks looped outside the passes, e.g. P=256")
    String outerTile;
    @Option(names = "--progress", description = "print each new best mapping's cost to stderr as the search finds it")
    boolean progress;
    @Option(names = "--format", description = "text or json (default: ${DEFAULT-VALUE})")
    String format = "text";

    @Override
    public Integer call() throws Exception {
        Main.checkFormat(format);
        if (!(budget > 0)) throw new Main.UsageError("--budget " + budget + ": must be > 0 seconds", "write --budget 60");
        if (threads != null && threads < 1) throw new Main.UsageError("--threads " + threads + ": must be at least 1", "leave it out to use every core");
        if (maxEvaluations < 0) throw new Main.UsageError("--max-evaluations " + maxEvaluations + ": must be ≥ 0", "leave it out for no limit");
        if (wordBytes != null && wordBytes < 1) throw new Main.UsageError("--word-bytes " + wordBytes + ": must be at least 1", "write --word-bytes 2");
        Objective obj = Objective.parse(objective);
        Cascade c = BundledCascades.resolve(einsum);
        if (fuse != null) return fuse(c);
        Workload w = Workload.of(c, einsumName, RankSizes.parse(ranks));
        if (wordBytes != null) {
            List<Workload.Tensor> ts = new ArrayList<>();
            for (Workload.Tensor t : w.tensors()) ts.add(new Workload.Tensor(t.name(), t.output(), t.coefs(), wordBytes));
            w = new Workload(w.name(), w.dims(), w.sizes(), ts);
        }
        MapArch a = MapArchFactory.resolve(arch);
        Map<String, Long> fixed = new LinkedHashMap<>();
        if (fix != null) {
            for (String part : fix.split(",")) {
                String[] kv = part.trim().split("=");
                if (kv.length != 2) throw new Main.UsageError("--fix: '" + part + "' is not LEVEL.DIM=F", "write --fix X.K=256");
                try {
                    fixed.put(kv[0].trim(), Long.parseLong(kv[1].trim()));
                } catch (NumberFormatException e) {
                    throw new Main.UsageError("--fix: factor '" + kv[1] + "' is not a whole number", "write --fix X.K=256");
                }
            }
        }
        Map<String, String> orders = new LinkedHashMap<>();
        if (order != null) {
            for (String part : order.split(",")) {
                String[] kv = part.trim().split("=");
                if (kv.length != 2) throw new Main.UsageError("--order: '" + part + "' is not LEVEL=DIMS", "write --order DRAM=NKM");
                orders.put(kv[0].trim(), kv[1].trim());
            }
        }
        Mapspace space = new Mapspace(w, a, new Mapspace.Constraints(dataflow, null, null, fixed, minUtil, orders));
        String st = strategy != null ? strategy : space.factorCombinations() <= 20_000_000L ? "exhaustive" : "anneal";
        SearchStrategy s = SearchStrategy.create(st, space, obj, seed);
        PrintWriter err = spec.commandLine().getErr();
        int nThreads = threads != null ? threads : Runtime.getRuntime().availableProcessors();
        MapperDriver.Outcome out = MapperDriver.run(space, s, new MapperDriver.Options(obj, budget, nThreads, checkpoint, maxEvaluations,
                progress ? p -> {
                    synchronized (err) {
                        err.printf(Locale.ROOT, "best after %,d mappings (%.2f s): %,d cycles, %.4g pJ%n", p.evaluated(), p.seconds(), p.cycles(), p.energyPj());
                        err.flush();
                    }
                } : null, patience));
        if (out.best() == null) {
            err.println("einsim: no valid mapping of " + w + " on " + a.name() + " among " + out.evaluated() + " tried");
            err.println("Maybe relax --fix / --min-utilization / --dataflow, or give the architecture larger buffers.");
            return Main.NEGATIVE;
        }
        PrintWriter o = spec.commandLine().getOut();
        if (format.equals("json")) {
            o.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(json(w, a, space, st, obj, out)));
        } else {
            Cost cost = out.cost();
            o.printf(Locale.ROOT, "%s on %s (%d×%d PEs, %.0f MHz)%n", w, a.name(), a.meshX(), a.meshY(), a.clockHz() / 1e6);
            o.printf(Locale.ROOT, "search: %s, objective %s, %,d mappings evaluated (%,d valid) in %.2f s of a space of %.3g%s%s%n", st,
                    obj.name().toLowerCase(Locale.ROOT), out.evaluated(), out.valid(), out.seconds(), space.size(),
                    out.exhausted() ? (st.equals("exhaustive") ? ", searched to the end: optimal in this space" : ", finished")
                            : maxEvaluations > 0 && out.evaluated() >= maxEvaluations ? ", stopped at --max-evaluations"
                            : out.seconds() >= budget * 0.99 ? ", stopped by the budget" : ", stopped: no better mapping for " + patience + " s",
                    out.resumed() ? ", resumed from " + checkpoint : "");
            o.println();
            o.print(out.best().loopNest(w, a));
            o.println();
            o.printf(Locale.ROOT, "cycles       %,d (compute %,d; bound by %s) = %.6g s%n", cost.cycles(), cost.computeCycles(), cost.boundBy(),
                    cost.cycles() / a.clockHz());
            o.printf(Locale.ROOT, "energy       %.6g pJ (%.4g pJ per MAC)%n", cost.energyPj(), cost.energyPj() / cost.macs());
            o.printf(Locale.ROOT, "utilization  %.4f of %d PEs%n", cost.utilization(), a.pes());
            o.println("accesses (words):");
            o.print(cost.table(w, a));
        }
        o.flush();
        return 0;
    }

    private int fuse(Cascade c) throws Exception {
        MapArch a = MapArchFactory.resolve(arch);
        MapArch.Level buf = a.levels().get(a.levels().size() - 2);
        Map<String, Long> outer = outerTile == null ? Map.of() : RankSizes.parse(outerTile);
        CascadeFusion.Plan p = CascadeFusion.plan(c, RankSizes.parse(ranks), fuse, tile, outer, buf.capacityBytes());
        PrintWriter o = spec.commandLine().getOut();
        if (format.equals("json")) {
            o.println(new ObjectMapper().writerWithDefaultPrettyPrinter().writeValueAsString(p));
        } else {
            o.printf(Locale.ROOT, "%s fused along %s (tile %d%s): %d pass(es), on-chip buffer %s of %,d B%n", c.name(), p.rank(), p.tile(),
                    outer.isEmpty() ? "" : ", outer tiles " + outer, p.passes(), buf.name(), p.bufferBytes());
            for (CascadeFusion.Group g : p.groups()) {
                o.printf(Locale.ROOT, "  %-14s %-60s live %,d B%n", g.pass() == 0 ? "between passes" : "pass " + g.pass(), String.join(", ", g.einsums()), g.liveBytes());
            }
            for (CascadeFusion.CrossPass x : p.crossPass()) {
                o.printf(Locale.ROOT, "  %-8s needed whole by %d later pass(es): %,d B, %s%n", x.tensor(), x.readsInLaterPasses(), x.bytes(),
                        x.spilled() ? String.format(Locale.ROOT, "spilled (%,d B of DRAM traffic)", x.dramBytes()) : "kept on chip");
            }
            o.printf(Locale.ROOT, "DRAM traffic %,d B (compulsory %,d B)%s%n", p.dramBytes(), p.compulsoryDramBytes(),
                    p.fits() ? "" : "; the live tiles alone exceed the buffer: use a smaller --tile or an --outer-tile");
        }
        o.flush();
        return 0;
    }

    private static ObjectNode json(Workload w, MapArch a, Mapspace space, String st, Objective obj, MapperDriver.Outcome out) {
        ObjectMapper m = new ObjectMapper();
        ObjectNode n = m.createObjectNode();
        n.put("workload", w.name());
        ObjectNode dims = n.putObject("dims");
        for (int d = 0; d < w.dims().size(); d++) dims.put(w.dims().get(d), w.sizes()[d]);
        n.put("arch", a.name());
        n.put("strategy", st);
        n.put("objective", obj.name().toLowerCase(Locale.ROOT));
        n.put("space_size", space.size());
        n.put("evaluated", out.evaluated());
        n.put("valid", out.valid());
        n.put("seconds", out.seconds());
        n.put("exhausted", out.exhausted());
        n.put("resumed", out.resumed());
        Mapping mp = out.best();
        ArrayNode levels = n.putArray("mapping");
        for (int l = a.levels().size() - 1; l >= 0; l--) {
            ObjectNode lv = levels.addObject();
            lv.put("level", a.levels().get(l).name());
            ArrayNode keeps = lv.putArray("keeps");
            for (int t = 0; t < w.tensors().size(); t++) if (mp.keep()[l][t]) keeps.add(w.tensors().get(t).name());
            ArrayNode loops = lv.putArray("loops");
            for (int d : mp.order()[l]) {
                if (mp.factors()[l][d] > 1) loops.addObject().put("dim", w.dims().get(d)).put("factor", mp.factors()[l][d]);
            }
            if (l == 1) {
                ObjectNode sp = lv.putObject("spatial");
                ObjectNode x = sp.putObject("x");
                ObjectNode y = sp.putObject("y");
                for (int d = 0; d < w.dims().size(); d++) {
                    if (mp.spatialX()[d] > 1) x.put(w.dims().get(d), mp.spatialX()[d]);
                    if (mp.spatialY()[d] > 1) y.put(w.dims().get(d), mp.spatialY()[d]);
                }
            }
        }
        n.put("loop_nest", mp.loopNest(w, a));
        Cost c = out.cost();
        ObjectNode cost = n.putObject("cost");
        cost.put("cycles", c.cycles());
        cost.put("compute_cycles", c.computeCycles());
        cost.put("latency_s", c.cycles() / a.clockHz());
        cost.put("energy_pj", c.energyPj());
        cost.put("utilization", c.utilization());
        cost.put("bound_by", c.boundBy());
        cost.put("macs", c.macs());
        ArrayNode acc = cost.putArray("accesses");
        for (int l = a.levels().size() - 1; l >= 0; l--) {
            for (int t = 0; t < w.tensors().size(); t++) {
                acc.addObject().put("level", a.levels().get(l).name()).put("tensor", w.tensors().get(t).name())
                        .put("reads", c.reads(l, t)).put("writes", c.writes(l, t));
            }
        }
        ArrayNode tr = n.putArray("trace");
        for (MapperDriver.Progress p : out.trace()) {
            tr.addObject().put("evaluated", p.evaluated()).put("seconds", p.seconds()).put("cycles", p.cycles()).put("energy_pj", p.energyPj());
        }
        return n;
    }
}
