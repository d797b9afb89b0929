package einsim.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import einsim.arch.lowbit.formats.QuantReport;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code einsim quant}: quantize a weight matrix with every low-bit format and compare error against bits per weight. */
@Command(name = "quant", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Quantizes a weight matrix [output channels × input channels] with INT (symmetric, asymmetric), FP4 (E2M1), "
                + "BitMoD's mixed FP4 and FP3 types, ANT, OliVe and MXFP4, and prints each format's error and effective bits per "
                + "weight. The matrix is a seeded synthetic one with LLM-like outlier channels, or a .npy file. See docs/lowbit.md."},
        footer = {"", "Examples:", "  einsim quant", "  einsim quant --npy q_proj.npy --group 64 --format json"})
final class QuantCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "--npy", paramLabel = "FILE", description = "a float16/32/64 .npy array (the last axis is the input channels)")
    Path npy;
    @Option(names = "--rows", paramLabel = "N", description = "synthetic: output channels (default: ${DEFAULT-VALUE})")
    int rows = 256;
    @Option(names = "--cols", paramLabel = "N", description = "synthetic: input channels (default: ${DEFAULT-VALUE})")
    int cols = 1024;
    @Option(names = "--seed", paramLabel = "S", description = "synthetic: random seed (default: ${DEFAULT-VALUE})")
    long seed = 1;
    @Option(names = "--outliers", paramLabel = "F", description = "synthetic: fraction of input channels 20x larger (default: ${DEFAULT-VALUE})")
    double outliers = 0.01;
    @Option(names = "--group", paramLabel = "G", description = "group size along the input channels (default: ${DEFAULT-VALUE})")
    int group = 128;
    @Option(names = "--int-bits", paramLabel = "B", description = "bits of the INT rows (default: ${DEFAULT-VALUE})")
    int intBits = 4;
    @Option(names = "--compat", paramLabel = "bitmod-sim", description = "MX rows in BitMoD's quant_mx form instead of OCP MX")
    String compat;
    @Option(names = "--format", description = "text or json (default: ${DEFAULT-VALUE})")
    String format = "text";

    @Override
    public Integer call() throws Exception {
        Main.checkFormat(format);
        if (compat != null && !compat.equalsIgnoreCase("bitmod-sim")) {
            throw new Main.UsageError("--compat " + compat + ": the only compatibility mode is bitmod-sim", "write --compat bitmod-sim");
        }
        if (intBits < 2 || intBits > 16) throw new Main.UsageError("--int-bits " + intBits + ": must be from 2 to 16", "write --int-bits 4");
        if (npy == null && (rows < 1 || cols < 1)) throw new Main.UsageError("--rows and --cols must be at least 1", "write --rows 256 --cols 1024");
        if (!(outliers >= 0 && outliers <= 1)) throw new Main.UsageError("--outliers " + outliers + ": must be a fraction from 0 to 1", "write --outliers 0.01");
        double[][] w;
        List<QuantReport.Row> rowsOut;
        try {
            w = npy != null ? QuantReport.readNpy(npy) : QuantReport.synthetic(rows, cols, seed, outliers);
            rowsOut = QuantReport.run(w, group, intBits, compat != null);
        } catch (IllegalArgumentException e) {
            throw new Main.UsageError(e.getMessage(), "see einsim quant --help");
        }
        PrintWriter out = spec.commandLine().getOut();
        String what = npy != null ? npy + " [" + w.length + " x " + w[0].length + "]"
                : "synthetic [" + rows + " x " + cols + "], seed " + seed + ", " + outliers + " outlier channels";
        if (format.equals("json")) {
            ObjectNode o = CascadeCommand.JSON.createObjectNode();
            o.put("tensor", what);
            o.put("group", group);
            ArrayNode a = o.putArray("formats");
            for (QuantReport.Row r : rowsOut) {
                a.addObject().put("format", r.format()).put("granularity", r.granularity()).put("bits_per_weight", r.bitsPerWeight())
                        .put("mse", r.mse()).put("sqnr_db", r.sqnrDb()).put("note", r.note());
            }
            out.println(CascadeCommand.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o));
        } else {
            out.println(what);
            out.printf(Locale.ROOT, "%-14s %-20s %10s %12s %9s  %s%n", "format", "scales", "bits/wt", "MSE", "SQNR dB", "note");
            for (QuantReport.Row r : rowsOut) {
                out.printf(Locale.ROOT, "%-14s %-20s %10.4f %12.4e %9.2f  %s%n", r.format(), r.granularity(), r.bitsPerWeight(), r.mse(), r.sqnrDb(), r.note());
            }
        }
        out.flush();
        return 0;
    }
}
