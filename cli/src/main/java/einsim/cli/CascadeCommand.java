package einsim.cli;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import einsim.cascade.Cascade;
import einsim.cascade.CascadeException;
import einsim.cascade.analysis.Analysis;
import einsim.cascade.analysis.CascadeAnalyzer;
import einsim.cascade.analysis.CascadeModel;
import einsim.cascade.analysis.SizedCascade;
import einsim.cascade.interp.DenseTensor;
import einsim.cascade.interp.Interpreter;
import einsim.cascade.parse.CascadePrinter;
import einsim.workloads.BundledCascades;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;
import java.util.concurrent.Callable;

/** {@code einsim cascade ...}: work with Einsum cascades. */
@Command(name = "cascade", mixinStandardHelpOptions = true,
        description = "Parse, analyse, print and compare cascades of extended Einsums (.ein files, TeAAL YAML, or a "
                + "bundled name).",
        subcommands = {CascadeCommand.Analyze.class, CascadeCommand.Check.class, CascadeCommand.Run.class,
                CascadeCommand.Print.class,
                CascadeCommand.ListCascades.class})
final class CascadeCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return Main.OK;
    }

    enum Format { text, json }

    static final ObjectMapper JSON = new ObjectMapper()
            .setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
            .enable(SerializationFeature.INDENT_OUTPUT);

    static Analysis analyze(Cascade c, Map<String, Long> sizes) {
        return CascadeAnalyzer.analyze(SizedCascade.of(CascadeModel.of(c), sizes));
    }

    static String json(Object o) {
        try {
            return JSON.writeValueAsString(o);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
    }

    @Command(name = "analyze", aliases = "analyse", mixinStandardHelpOptions = true,
            description = "Iteration space, operation counts, tensor sizes, the producer/consumer graph and the passes "
                    + "over each rank.",
            footer = {"", "Example:", "  einsim cascade analyze attention-1pass --ranks M=1024,P=1024,E=64,F=64,M0=256 "
                    + "--format json"})
    static final class Analyze implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "CASCADE", description = "a .ein file, a TeAAL .yaml, or a bundled name")
        String cascade;
        @Option(names = "--ranks", paramLabel = "SIZES", description = "rank sizes, e.g. M=1024,P=1K,M0=256 "
                + "(K, M, G = 2^10, 2^20, 2^30); sizes a cascade does not use are ignored")
        String ranks = "";
        @Option(names = "--format", description = "text or json (default: ${DEFAULT-VALUE})")
        Format format = Format.text;

        @Override
        public Integer call() {
            Analysis a = analyze(BundledCascades.resolve(cascade), RankSizes.parse(ranks));
            PrintWriter out = spec.commandLine().getOut();
            if (format == Format.json) {
                out.println(json(a));
                return Main.OK;
            }
            out.println("cascade " + a.cascade() + " at " + sizesText(a.sizes()));
            out.println();
            List<String[]> rows = new ArrayList<>();
            rows.add(new String[]{"Einsum", "section", "iteration points", "operations", "reduces"});
            for (Analysis.EinsumStats e : a.einsums()) {
                rows.add(new String[]{e.name(), e.section(), Table.group(e.iterationPoints()), opsText(e.ops()),
                        String.join(",", e.reduced())});
            }
            Table.print(out, rows);
            out.println();
            rows = new ArrayList<>();
            rows.add(new String[]{"tensor", "role", "ranks", "extents", "bits", "elements", "bytes"});
            for (Analysis.TensorStats t : a.tensors()) {
                rows.add(new String[]{t.name(), t.role(), "[" + String.join(",", t.ranks()) + "]", t.extents().toString(),
                        String.valueOf(t.bits()), Table.group(t.elements()), Table.group(t.bytes())});
            }
            Table.print(out, rows);
            out.println();
            out.println("total operations: " + opsText(a.totalOps()));
            out.println("passes: " + (a.passes().isEmpty() ? "none" : mapText(a.passes()))
                    + (a.tilePasses().isEmpty() ? "" : "   per tiled part: " + mapText(a.tilePasses())));
            return Main.OK;
        }
    }

    static String sizesText(Map<String, Long> sizes) {
        List<String> s = new ArrayList<>();
        sizes.forEach((k, v) -> s.add(k + "=" + v));
        return String.join(",", s);
    }

    static String opsText(Map<String, Long> ops) {
        if (ops.isEmpty()) return "-";
        List<String> s = new ArrayList<>();
        ops.forEach((k, v) -> s.add(Table.group(v) + " " + k));
        return String.join(", ", s);
    }

    static String mapText(Map<String, Integer> m) {
        List<String> s = new ArrayList<>();
        m.forEach((k, v) -> s.add(k + "=" + v));
        return String.join(" ", s);
    }

    @Command(name = "check", mixinStandardHelpOptions = true,
            description = {"Run two cascades on the same seeded random inputs and compare their outputs (the tensors "
                    + "no Einsum reads), matched by name.",
                    "Exit 0 when max|A-B| / max|A| <= tolerance, 1 when not."},
            footer = {"", "Example:", "  einsim cascade check attention-3pass attention-1pass --ranks M=64,P=40,E=8,F=8,M0=16"})
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "A", description = "the reference cascade")
        String first;
        @Parameters(index = "1", paramLabel = "B", description = "the cascade to compare")
        String second;
        @Option(names = "--ranks", paramLabel = "SIZES", description = "rank sizes, e.g. M=64,P=40,E=8,F=8,M0=16")
        String ranks = "";
        @Option(names = "--seed", description = "seed of the random inputs (default: ${DEFAULT-VALUE})")
        long seed = 1;
        @Option(names = "--tolerance", description = "largest allowed relative difference (default: ${DEFAULT-VALUE})")
        double tolerance = 1e-9;
        @Option(names = "--format", description = "text or json (default: ${DEFAULT-VALUE})")
        Format format = Format.text;

        @Override
        public Integer call() {
            if (!(tolerance >= 0) || Double.isInfinite(tolerance)) {
                throw new Main.UsageError("--tolerance " + tolerance + " must be a finite number >= 0", "write --tolerance 1e-9");
            }
            Map<String, Long> sizes = RankSizes.parse(ranks);
            Cascade ca = BundledCascades.resolve(first);
            Cascade cb = BundledCascades.resolve(second);
            SizedCascade sa = SizedCascade.of(CascadeModel.of(ca), sizes);
            SizedCascade sb = SizedCascade.of(CascadeModel.of(cb), sizes);
            Map<String, DenseTensor> inputs = Interpreter.randomInputs(sa, seed);
            for (CascadeModel.TensorInfo t : sb.model().tensors().values()) {
                if (!t.isInput()) continue;
                if (!inputs.containsKey(t.name())) {
                    throw new CascadeException("cascade " + cb.name() + " reads input " + t.name() + ", which "
                            + ca.name() + " does not have", "compare cascades with the same inputs");
                }
                long[] ea = sa.extents(t.name());
                long[] eb = sb.extents(t.name());
                if (!java.util.Arrays.equals(ea, eb)) {
                    throw new CascadeException("input " + t.name() + " has extents " + java.util.Arrays.toString(ea)
                            + " in " + ca.name() + " but " + java.util.Arrays.toString(eb) + " in " + cb.name(),
                            "declare it with the same ranks in both");
                }
            }
            Map<String, DenseTensor> ra = Interpreter.run(sa, inputs);
            Map<String, DenseTensor> rb = Interpreter.run(sb, inputs);
            TreeSet<String> outA = outputs(sa);
            TreeSet<String> outB = outputs(sb);
            List<String> common = new ArrayList<>(outA);
            common.retainAll(outB);
            if (common.isEmpty()) {
                throw new CascadeException("the cascades have no output in common (" + ca.name() + ": " + outA + ", "
                        + cb.name() + ": " + outB + ")", "name the final tensors alike in both cascades");
            }
            double maxDiff = 0;
            double maxRef = 0;
            ArrayNode per = JSON.createArrayNode();
            for (String name : common) {
                DenseTensor a = ra.get(name);
                DenseTensor b = rb.get(name);
                if (!java.util.Arrays.equals(a.extents(), b.extents())) {
                    throw new CascadeException("output " + name + " has extents " + java.util.Arrays.toString(a.extents())
                            + " in " + ca.name() + " but " + java.util.Arrays.toString(b.extents()) + " in " + cb.name(),
                            "compare outputs of the same shape");
                }
                double d = a.maxAbsDiff(b);
                double r = a.maxAbs();
                maxDiff = Math.max(maxDiff, d);
                maxRef = Math.max(maxRef, r);
                ObjectNode o = per.addObject();
                o.put("name", name);
                o.put("elements", a.size());
                o.put("max_abs_diff", d);
                o.put("max_abs_reference", r);
            }
            double rel = maxDiff == 0 ? 0 : maxRef == 0 ? Double.POSITIVE_INFINITY : maxDiff / maxRef;
            boolean equal = rel <= tolerance;
            PrintWriter out = spec.commandLine().getOut();
            if (format == Format.json) {
                ObjectNode o = JSON.createObjectNode();
                o.put("a", ca.name());
                o.put("b", cb.name());
                o.put("seed", seed);
                o.put("tolerance", tolerance);
                o.set("outputs", per);
                o.put("max_abs_diff", maxDiff);
                o.put("relative_diff", rel);
                o.put("equal", equal);
                List<String> only = new ArrayList<>(outA);
                only.addAll(outB);
                only.removeAll(common);
                o.set("unmatched_outputs", JSON.valueToTree(only));
                out.println(json(o));
            } else {
                for (var n : per) {
                    out.printf("%-8s %,d elements  max |A-B| = %.3e  max |A| = %.3e%n", n.get("name").asText(),
                            n.get("elements").asLong(), n.get("max_abs_diff").asDouble(), n.get("max_abs_reference").asDouble());
                }
                out.printf("%s: %s and %s %s (relative difference %.3e, tolerance %.1e, seed %d)%n",
                        equal ? "EQUAL" : "DIFFERENT", ca.name(), cb.name(), equal ? "agree" : "differ", rel, tolerance, seed);
            }
            return equal ? Main.OK : Main.NEGATIVE;
        }

        static TreeSet<String> outputs(SizedCascade s) {
            TreeSet<String> o = new TreeSet<>();
            for (CascadeModel.TensorInfo t : s.model().tensors().values()) {
                if (!t.isInput() && t.consumers().isEmpty()) o.add(t.name());
            }
            return o;
        }
    }

    @Command(name = "run", mixinStandardHelpOptions = true,
            description = {"Run a cascade on given inputs (--inputs FILE.json) or seeded random ones, and write its "
                    + "tensors as JSON (ranks and nested data, outermost rank first)."},
            footer = {"", "Example:", "  einsim cascade run attention-1pass --ranks M=4,P=6,E=2,F=2,M0=2 --tensors RM,AV"})
    static final class Run implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "CASCADE", description = "a .ein file, a TeAAL .yaml, or a bundled name")
        String cascade;
        @Option(names = "--ranks", paramLabel = "SIZES", description = "rank sizes, e.g. M=4,P=6,E=2,F=2,M0=2")
        String ranks = "";
        @Option(names = "--inputs", paramLabel = "FILE", description = "input tensors as JSON; inputs it omits are random")
        java.nio.file.Path inputs;
        @Option(names = "--seed", description = "seed of the random inputs (default: ${DEFAULT-VALUE})")
        long seed = 1;
        @Option(names = "--tensors", split = ",", paramLabel = "NAME", description = "tensors to write (default: the outputs)")
        List<String> tensors;

        @Override
        public Integer call() {
            Cascade c = BundledCascades.resolve(cascade);
            SizedCascade sc = SizedCascade.of(CascadeModel.of(c), RankSizes.parse(ranks));
            Map<String, DenseTensor> in = Interpreter.randomInputs(sc, seed);
            if (inputs != null) {
                Map<String, int[]> shapes = new java.util.LinkedHashMap<>();
                in.forEach((k, v) -> shapes.put(k, v.extents()));
                TensorJson.readFlat(inputs, shapes).forEach((k, v) -> System.arraycopy(v, 0, in.get(k).data(), 0, v.length));
            }
            Map<String, DenseTensor> result = Interpreter.run(sc, in);
            List<String> names = tensors != null ? tensors : new ArrayList<>(Check.outputs(sc));
            ObjectNode o = JSON.createObjectNode();
            for (String n : names) {
                DenseTensor t = result.get(n);
                if (t == null) {
                    throw new CascadeException("cascade " + c.name() + " has no tensor " + n,
                            "choose from " + String.join(", ", result.keySet()));
                }
                o.set(n, TensorJson.write(t));
            }
            spec.commandLine().getOut().println(json(o));
            return Main.OK;
        }
    }

    @Command(name = "print", mixinStandardHelpOptions = true,
            description = "Print a cascade in canonical .ein form (it parses back to an equal cascade).")
    static final class Print implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "CASCADE", description = "a .ein file, a TeAAL .yaml, or a bundled name")
        String cascade;

        @Override
        public Integer call() {
            Cascade c = BundledCascades.resolve(cascade);
            CascadeModel.of(c);
            spec.commandLine().getOut().print(CascadePrinter.print(c));
            return Main.OK;
        }
    }

    @Command(name = "list", mixinStandardHelpOptions = true, description = "List the bundled cascades.")
    static final class ListCascades implements Callable<Integer> {
        @Spec
        CommandSpec spec;

        @Override
        public Integer call() {
            PrintWriter out = spec.commandLine().getOut();
            for (String n : BundledCascades.NAMES) {
                Cascade c = BundledCascades.load(n);
                String about = c.comments().isEmpty() ? "" : c.comments().get(0);
                out.printf("%-26s %s%n", n, about);
            }
            return Main.OK;
        }
    }
}
