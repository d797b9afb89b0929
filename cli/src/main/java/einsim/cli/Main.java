package einsim.cli;

import einsim.cascade.CascadeException;
import picocli.CommandLine;

import java.io.PrintWriter;

/**
 * The {@code einsim} command. Exit codes: 0 success, 1 a negative result (cascades differ), 2 bad input,
 * 3 an internal failure.
 */
public final class Main {
    public static final int OK = 0;
    public static final int NEGATIVE = 1;
    public static final int BAD_INPUT = 2;
    public static final int INTERNAL = 3;

    private Main() {}

    public static void main(String[] args) {
        System.setProperty("java.awt.headless", "true"); // charts render without a display
        System.exit(run(args, new PrintWriter(System.out, true), new PrintWriter(System.err, true)));
    }

    /** Runs the command line with the given streams and returns the exit code (tests call this). */
    public static int run(String[] args, PrintWriter out, PrintWriter err) {
        CommandLine cl = commandLine(out, err);
        if (args.length > 0 && !args[0].startsWith("-") && !cl.getSubcommands().containsKey(args[0])) {
            // picocli would let "einsim nosuch --help" print the top-level help and exit 0
            String near = closest(args[0], cl.getSubcommands().keySet());
            err.println("einsim: unknown command '" + args[0] + "'");
            err.println("Maybe " + (near != null ? "you meant " + near + "? " : "") + "Commands: "
                    + String.join(", ", cl.getSubcommands().keySet()));
            err.flush();
            return BAD_INPUT;
        }
        int code = cl.execute(args);
        out.flush();
        err.flush();
        return code;
    }

    /**
     * A configured {@code einsim} command line (exit-code mapping, messages). Reusable: a sweep worker keeps one and
     * executes many points on it, with fresh writers each time.
     */
    public static CommandLine commandLine(PrintWriter out, PrintWriter err) {
        CommandLine cl = new CommandLine(new EinsimCommand());
        cl.setOut(out);
        cl.setErr(err);
        cl.setCaseInsensitiveEnumValuesAllowed(true);
        cl.setExitCodeExceptionMapper(ex -> ex instanceof CommandLine.ParameterException ? BAD_INPUT : INTERNAL);
        cl.setParameterExceptionHandler((ex, a) -> {
            CommandLine c = ex.getCommandLine();
            c.getErr().println("einsim: " + ex.getMessage());
            CommandLine.UnmatchedArgumentException.printSuggestions(ex, c.getErr());
            c.getErr().println("Maybe run: einsim " + qualifiedName(c) + " --help");
            return BAD_INPUT;
        });
        cl.setExecutionExceptionHandler((ex, c, parsed) -> {
            if (ex instanceof CascadeException || ex instanceof einsim.workloads.llm.WorkloadException
                    || ex instanceof einsim.arch.device.DeviceException
                    || ex instanceof einsim.arch.compute.systolic.scalesim.ScaleSimException
                    || ex instanceof einsim.cli.sweep.SweepException
                    || ex instanceof einsim.mappers.map.MapperException) {
                c.getErr().println("einsim: " + ex.getMessage());
                return BAD_INPUT;
            }
            if (ex instanceof UsageError) {
                c.getErr().println("einsim: " + ex.getMessage());
                return BAD_INPUT;
            }
            if (ex instanceof java.io.UncheckedIOException) {
                c.getErr().println("einsim: " + ex.getMessage());
                return BAD_INPUT;
            }
            if (ex instanceof ArithmeticException) {
                c.getErr().println("einsim: a count overflowed 64 bits (" + ex.getMessage() + ")");
                c.getErr().println("Maybe use smaller rank sizes.");
                return BAD_INPUT;
            }
            c.getErr().println("einsim: internal error: " + ex);
            if (System.getenv("EINSIM_DEBUG") != null) ex.printStackTrace(c.getErr());
            else c.getErr().println("(set EINSIM_DEBUG=1 for the stack trace, and please report it)");
            return INTERNAL;
        });
        return cl;
    }

    private static String closest(String word, java.util.Set<String> names) {
        org.apache.commons.text.similarity.LevenshteinDistance d =
                org.apache.commons.text.similarity.LevenshteinDistance.getDefaultInstance();
        String best = null;
        int bestD = Integer.MAX_VALUE;
        for (String n : names) {
            int x = d.apply(n, word);
            if (x < bestD) {
                bestD = x;
                best = n;
            }
        }
        return bestD <= Math.max(2, word.length() / 3) ? best : null;
    }

    private static String qualifiedName(CommandLine c) {
        String q = c.getCommandSpec().qualifiedName(" ");
        return q.startsWith("einsim ") ? q.substring(7) : q.equals("einsim") ? "" : q;
    }

    /** {@code --format} must be text or json. */
    static void checkFormat(String format) {
        if (!format.equals("text") && !format.equals("json")) throw new UsageError("--format " + format + ": must be text or json", "write --format json");
    }

    /** Bad input found by the CLI itself (a malformed option value); exit code 2. */
    static final class UsageError extends RuntimeException {
        private static final long serialVersionUID = 1L;

        UsageError(String rule, String hint) {
            super(rule + (hint == null ? "" : "\nMaybe " + hint));
        }
    }
}
