package einsim.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import einsim.arch.lut.LutGemm;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.Locale;
import java.util.SplittableRandom;
import java.util.concurrent.Callable;

/** {@code einsim lut}: the LUT mixed-precision GEMM of the LUT Tensor Core. */
@Command(name = "lut", mixinStandardHelpOptions = true, subcommands = {LutCommand.Check.class, LutReports.Report.class, LutReports.Sail.class},
        description = {"LUT-based mixed-precision GEMM (LUT Tensor Core, ISCA 2025): bit planes, sign-symmetric 8-entry tables, "
                + "offline-complemented weights. See docs/lut.md."})
final class LutCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return 0;
    }

    /** {@code einsim lut check}: the LUT kernel against a direct GEMM on seeded random data. */
    @Command(name = "check", mixinStandardHelpOptions = true, sortOptions = false,
            description = {"Runs the LUT kernel against a direct GEMM on seeded random activations and unsigned integer weights; "
                    + "prints the largest error and the derived bound (0 where the result must be exact). Exit 0 within the bound, 1 not."})
    static final class Check implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Option(names = "--m", required = true, paramLabel = "M", description = "rows of the activations (tokens)")
        int m;
        @Option(names = "--n", required = true, paramLabel = "N", description = "output channels")
        int n;
        @Option(names = "--k", required = true, paramLabel = "K", description = "reduction length (need not be a multiple of 4)")
        int k;
        @Option(names = "--w-bit", required = true, paramLabel = "B", description = "weight bits, 1 to 8")
        int wBit;
        @Option(names = "--a-type", required = true, paramLabel = "T", description = "int8, fp8 (E4M3) or fp16")
        String aType;
        @Option(names = "--table-int8", description = "quantize each table to INT8 (the paper's §3.1.3)")
        boolean tableInt8;
        @Option(names = "--seed", paramLabel = "S", description = "(default: ${DEFAULT-VALUE})")
        long seed = 1;
        @Option(names = "--format", description = "text or json (default: ${DEFAULT-VALUE})")
        String format = "text";

        @Override
        public Integer call() throws Exception {
            Main.checkFormat(format);
            if (m < 1 || n < 1 || k < 1) throw new Main.UsageError("--m, --n and --k must be at least 1", "write --m 2 --n 64 --k 16");
            if ((long) m * n * k > 50_000_000L) throw new Main.UsageError("--m × --n × --k = " + (long) m * n * k + " is too large for a check",
                    "keep it below 5·10^7 multiply-adds");
            if (wBit < 1 || wBit > 8) throw new Main.UsageError("--w-bit " + wBit + ": must be from 1 to 8", "write --w-bit 2");
            LutGemm.AType t = LutSimulate.aType(aType, null);
            SplittableRandom r = new SplittableRandom(seed);
            double[][] a = LutGemm.randomActivations(m, k, t, r);
            int[][] q = LutGemm.randomWeights(k, n, wBit, r);
            LutGemm.Result res = LutGemm.run(a, q, wBit, t, tableInt8);
            double err = res.maxAbsError();
            boolean ok = res.mustBeExact() ? err == 0 : res.withinBound();
            PrintWriter out = spec.commandLine().getOut();
            if (format.equals("json")) {
                ObjectNode o = CascadeCommand.JSON.createObjectNode();
                o.put("m", m).put("n", n).put("k", k).put("w_bit", wBit).put("a_type", t.name().toLowerCase(Locale.ROOT)).put("table_int8", tableInt8)
                        .put("seed", seed);
                o.put("max_abs_error", err);
                o.put("exact", err == 0);
                o.put("bound", res.mustBeExact() ? 0 : res.maxBound());
                o.put("within_bound", ok);
                out.println(CascadeCommand.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(o));
            } else {
                out.printf(Locale.ROOT, "LUT mpGEMM %dx%dx%d, %d-bit weights, %s activations%s: max |error| %.6g, bound %.6g: %s%n", m, n, k, wBit,
                        t.name().toLowerCase(Locale.ROOT), tableInt8 ? ", INT8 tables" : "", err, res.mustBeExact() ? 0 : res.maxBound(),
                        ok ? (err == 0 ? "exact" : "within the bound") : "OUTSIDE the bound");
            }
            out.flush();
            return ok ? 0 : Main.NEGATIVE;
        }
    }
}
