package einsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import einsim.cli.sweep.ResultStore;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

/** {@code einsim results}: query and export a sweep's results store. */
@Command(name = "results", mixinStandardHelpOptions = true, description = "Query or export a results store.",
        subcommands = {ResultsCommand.Query.class, ResultsCommand.Export.class})
final class ResultsCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;

    @Override
    public Integer call() {
        spec.commandLine().usage(spec.commandLine().getOut());
        return Main.OK;
    }

    enum Format { text, csv, json }

    @Command(name = "query", mixinStandardHelpOptions = true, description = "SQL over the store (table: results).",
            footer = {"", "Example:", "  einsim results query r.duckdb 'SELECT hardware, batch, \"total.time_s\" FROM results "
                    + "ORDER BY 3'"})
    static final class Query implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(index = "0", paramLabel = "STORE.duckdb") Path store;
        @Parameters(index = "1", paramLabel = "SQL") String sql;
        @Option(names = "--format", description = "text, csv or json (default: ${DEFAULT-VALUE})") Format format = Format.text;

        @Override
        public Integer call() {
            try (ResultStore s = ResultStore.openExisting(store)) {
                ArrayNode rows = s.query(sql);
                List<String> cols = s.columns(sql);
                PrintWriter out = spec.commandLine().getOut();
                if (format == Format.json) {
                    out.println(CascadeCommand.json(rows));
                } else if (format == Format.csv) {
                    out.println(String.join(",", cols.stream().map(Query::csv).toList()));
                    for (JsonNode r : rows) {
                        List<String> v = new ArrayList<>();
                        for (String c : cols) v.add(r.get(c).isNull() ? "" : csv(cell(r.get(c))));
                        out.println(String.join(",", v));
                    }
                } else {
                    List<String[]> table = new ArrayList<>();
                    table.add(cols.toArray(new String[0]));
                    for (JsonNode r : rows) {
                        String[] v = new String[cols.size()];
                        for (int i = 0; i < v.length; i++) v[i] = r.get(cols.get(i)).isNull() ? "" : cell(r.get(cols.get(i)));
                        table.add(v);
                    }
                    Table.print(out, table);
                    out.println("(" + rows.size() + " row" + (rows.size() == 1 ? ")" : "s)"));
                }
            }
            return Main.OK;
        }

        /** Doubles as Python prints them (shortest round-trip digits), everything else as text. */
        static String cell(JsonNode v) {
            return v.isDouble() ? einsim.arch.compute.systolic.scalesim.PyFloat.repr(v.asDouble()) : v.asText();
        }

        static String csv(String s) {
            return s.contains(",") || s.contains("\"") || s.contains("\n") ? "\"" + s.replace("\"", "\"\"") + "\"" : s;
        }
    }

    @Command(name = "export", mixinStandardHelpOptions = true, description = "Write the results table as Parquet or CSV.")
    static final class Export implements Callable<Integer> {
        @Spec
        CommandSpec spec;
        @Parameters(paramLabel = "STORE.duckdb") Path store;
        @Option(names = "--format", required = true, description = "parquet or csv") String format;
        @Option(names = "--out", required = true, paramLabel = "FILE") Path out;

        @Override
        public Integer call() {
            if (!format.equals("parquet") && !format.equals("csv")) {
                throw new Main.UsageError("--format " + format + ": must be parquet or csv", "write --format parquet");
            }
            try (ResultStore s = ResultStore.openExisting(store)) {
                s.export(format, out);
            }
            spec.commandLine().getOut().println("einsim: wrote " + out);
            return Main.OK;
        }
    }
}
