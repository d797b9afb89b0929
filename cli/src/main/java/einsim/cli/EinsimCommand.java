package einsim.cli;

import einsim.cascade.analysis.Analysis;
import einsim.workloads.BundledCascades;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code einsim}: with no subcommand, the default job (analyse the bundled attention cascades). */
@Command(name = "einsim", mixinStandardHelpOptions = true, version = "einsim 0.1.0",
        description = {"Hardware-accelerator simulator and design-space explorer for Einsum cascades.",
                "With no subcommand: analyse the bundled attention cascades at BERT sizes (M=P=1024, E=F=64, M0=256)."},
        subcommands = {CascadeCommand.class, AttentionCommand.class, MapCommand.class, LowBitCommand.class, QuantCommand.class, LutCommand.class, RooflineCommand.class, ScaleSimCommand.class, ScheduleCommand.class, SimulateCommand.class, SweepCommand.class, ResultsCommand.class, PlotCommand.class, RegressCommand.class, NotebookCommand.class, CommandLine.HelpCommand.class},
        footer = {"", "Examples:", "  einsim cascade analyze attention-1pass --ranks M=1024,P=1024,E=64,F=64,M0=256",
                "  einsim cascade check attention-3pass attention-1pass --ranks M=64,P=40,E=8,F=8,M0=16",
                "  einsim cascade list",
                "  einsim roofline --model meta-llama/Llama-2-7b-hf --hardware nvidia_A100_80G --stage decode --seqlen 1024",
                "  einsim schedule --graph resnet50 --budget MH --with-parameters", "",
                "Exit codes: 0 success, 1 negative result (cascades differ), 2 bad input, 3 internal failure."})
public final class EinsimCommand implements Callable<Integer> {
    /** The default job's sizes: BERT-Base attention at 1K tokens per head, tiled as FuseMax tiles it. */
    static final String DEFAULT_RANKS = "M=1024,P=1024,E=64,F=64,M0=256";

    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        PrintWriter out = spec.commandLine().getOut();
        Map<String, Long> sizes = RankSizes.parse(DEFAULT_RANKS);
        out.println("einsim: the bundled attention cascades at " + DEFAULT_RANKS + " (one batch, one head)");
        out.println();
        List<String[]> rows = new ArrayList<>();
        rows.add(new String[]{"cascade", "passes over M", "Einsums", "mac", "exp", "max", "add", "mul", "div",
                "largest intermediate (bytes)"});
        for (String name : BundledCascades.ATTENTION) {
            Analysis a = CascadeCommand.analyze(BundledCascades.load(name), sizes);
            long largest = a.tensors().stream().filter(t -> t.role().equals("intermediate"))
                    .mapToLong(Analysis.TensorStats::bytes).max().orElse(0);
            rows.add(new String[]{name, String.valueOf(a.passes().getOrDefault("M", 0)),
                    String.valueOf(a.einsums().size()), count(a, "mac"), count(a, "exp"), count(a, "max"),
                    count(a, "add"), count(a, "mul"), count(a, "div"), Table.group(largest)});
        }
        Table.print(out, rows);
        out.println();
        out.println("Op counts: one operation per iteration-space point (FuseMax brief §6); exp is sub-then-exp.");
        out.println("Next: einsim cascade analyze attention-1pass --ranks " + DEFAULT_RANKS);
        return Main.OK;
    }

    private static String count(Analysis a, String kind) {
        return Table.group(a.totalOps().getOrDefault(kind, 0L));
    }
}
