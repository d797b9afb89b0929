package einsim.cli;

import einsim.arch.compute.systolic.ConvLayer;
import einsim.arch.compute.systolic.scalesim.ScaleSimConfigReader;
import einsim.arch.compute.systolic.scalesim.ScaleSimModel;
import einsim.arch.compute.systolic.scalesim.ScaleSimReport;
import einsim.arch.compute.systolic.scalesim.ScaleSimReportWriter;
import einsim.arch.compute.systolic.scalesim.ScaleSimTopologyReader;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.Callable;

/** {@code einsim scalesim}: SCALE-Sim v2's command line, files and numbers, in milliseconds. */
@Command(name = "scalesim", mixinStandardHelpOptions = true,
        description = {"Run a SCALE-Sim v2 config and topology as they are, and write COMPUTE_REPORT.csv, "
                + "BANDWIDTH_REPORT.csv and DETAILED_ACCESS_REPORT.csv with SCALE-Sim's numbers, to the digit.",
                "Reports go to OUTDIR/<run_name>/, as SCALE-Sim writes them."},
        footer = {"", "Example:", "  einsim scalesim -c configs/scale.cfg -t topologies/conv_nets/Resnet18.csv -p runs"})
final class ScaleSimCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Option(names = "-c", required = true, paramLabel = "CONFIG.cfg", description = "SCALE-Sim config file")
    Path config;
    @Option(names = "-t", required = true, paramLabel = "TOPOLOGY.csv", description = "topology file")
    Path topology;
    @Option(names = "-p", paramLabel = "OUTDIR", description = "output folder (default: ${DEFAULT-VALUE})")
    Path outDir = Path.of(".");
    @Option(names = "--format", description = "text or json: the numbers on stdout too (default: ${DEFAULT-VALUE})")
    String format = "text";
    @Option(names = "-i", paramLabel = "conv|gemm", description = "topology form (default: from the header: "
            + "'M, N, K' is gemm, else conv)")
    String form;

    @Override
    public Integer call() {
        if (!Files.isRegularFile(config)) throw new Main.UsageError("-c " + config + ": no such file", "check the path");
        if (!Files.isRegularFile(topology)) throw new Main.UsageError("-t " + topology + ": no such file", "check the path");
        boolean gemm;
        if (form == null) gemm = ScaleSimTopologyReader.looksLikeGemm(topology);
        else if (form.equals("gemm")) gemm = true;
        else if (form.equals("conv")) gemm = false;
        else throw new Main.UsageError("-i " + form + ": must be conv or gemm", "write -i gemm for M, N, K rows");
        ScaleSimConfigReader.Config cfg = ScaleSimConfigReader.read(config);
        List<ConvLayer> layers = ScaleSimTopologyReader.read(topology, gemm);
        if (!format.equals("text") && !format.equals("json")) {
            throw new Main.UsageError("--format " + format + ": must be text or json", "write --format json");
        }
        List<ScaleSimReport> reports = new ArrayList<>();
        PrintWriter out = spec.commandLine().getOut();
        boolean json = format.equals("json");
        for (ConvLayer l : layers) {
            ScaleSimReport r = ScaleSimModel.run(cfg.spec(), l);
            reports.add(r);
            if (json) continue;
            out.printf(Locale.ROOT, "%s: %d cycles (%d stall), overall util %.2f%%, mapping efficiency %.2f%%, DRAM %d/%d/%d "
                            + "words (ifmap/filter/ofmap)%n", l.name(), r.totalCycles(), r.stallCycles(), r.overallUtilPct(),
                    r.mappingEfficiencyPct(), r.dramIfmapReads(), r.dramFilterReads(), r.dramOfmapWrites());
        }
        Path dir = outDir.resolve(cfg.runName());
        try {
            ScaleSimReportWriter.write(dir, reports);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write the reports to " + dir + ": " + e.getMessage(), e);
        }
        if (json) {
            com.fasterxml.jackson.databind.node.ObjectNode o = CascadeCommand.JSON.createObjectNode();
            o.put("run_name", cfg.runName());
            o.put("reports_dir", dir.toString());
            com.fasterxml.jackson.databind.node.ArrayNode arr = o.putArray("layers");
            for (ScaleSimReport r : reports) arr.add(CascadeCommand.JSON.valueToTree(r));
            out.println(CascadeCommand.json(o));
            return Main.OK;
        }
        out.println("einsim: wrote " + dir.resolve("COMPUTE_REPORT.csv") + ", BANDWIDTH_REPORT.csv and "
                + "DETAILED_ACCESS_REPORT.csv (SCALE-Sim v2 compatible; " + reports.size() + " layer" + (reports.size() == 1 ? "" : "s") + ")");
        return Main.OK;
    }
}
