package einsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.node.ObjectNode;
import einsim.cli.sweep.Flattener;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * {@code einsim regress DIR}: golden-number regression of performance models. Each {@code DIR/<case>.json} holds
 * {@code command} (einsim's arguments), {@code expected} (JSON; only the fields given are compared),
 * {@code tolerance} (per field path, {@code rel} and {@code abs}; {@code default} for the rest) and {@code _meta}.
 * In {@code command}, {@code {dir}} stands for the folder of the case file.
 * Drifted cases get {@code <case>.actual.json} beside them; exit 1 on drift; {@code --update} accepts them.
 */
@Command(name = "regress", mixinStandardHelpOptions = true,
        description = {"Run every golden case in DIR and compare its JSON with the expected numbers, within tolerances.",
                "Exit 0 when nothing drifted, 1 when something did (a table says what and by how much), 2 for a bad case file."},
        footer = {"", "Example:", "  einsim regress golden            # after a reviewed change: einsim regress golden --update"})
final class RegressCommand implements Callable<Integer> {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    @Spec
    CommandSpec spec;
    @Parameters(paramLabel = "DIR") Path dir;
    @Option(names = "--update", description = "write the actual values into the drifted cases' expected sections")
    boolean update;

    record Drift(String testCase, String field, String expected, String actual, String diff) {}

    @Override
    public Integer call() throws IOException {
        if (!Files.isDirectory(dir)) throw new Main.UsageError("no directory " + dir, "give the folder of golden .json cases");
        List<Path> cases;
        try (Stream<Path> s = Files.list(dir)) {
            cases = s.filter(p -> p.toString().endsWith(".json") && !p.toString().endsWith(".actual.json")).sorted()
                    .collect(Collectors.toList());
        }
        if (cases.isEmpty()) throw new Main.UsageError("no golden cases (*.json) in " + dir, "see docs/regress.md");
        PrintWriter out = spec.commandLine().getOut();
        List<Drift> drifts = new ArrayList<>();
        int drifted = 0;
        for (Path c : cases) {
            JsonNode gold;
            try {
                gold = JSON.readTree(c.toFile());
            } catch (IOException e) {
                throw new Main.UsageError(c + ": not valid JSON: " + e.getMessage().lines().findFirst().orElse(""), null);
            }
            if (!gold.path("command").isArray() || !gold.has("expected")) {
                throw new Main.UsageError(c + ": a golden case needs command (a list of arguments) and expected",
                        "see docs/regress.md");
            }
            List<String> args = new ArrayList<>();
            // {dir} stands for the case file's folder, so cases can name files next to them from any working directory
            String here = c.toAbsolutePath().getParent().toString();
            gold.get("command").forEach(a -> args.add(a.asText().replace("{dir}", here)));
            StringWriter so = new StringWriter();
            StringWriter se = new StringWriter();
            CommandLine cl = Main.commandLine(new PrintWriter(so), new PrintWriter(se));
            int code = cl.execute(args.toArray(new String[0]));
            cl.getOut().flush();
            cl.getErr().flush();
            String name = c.getFileName().toString().replaceFirst("\\.json$", "");
            JsonNode actual;
            try {
                actual = code == Main.OK || code == Main.NEGATIVE ? JSON.readTree(so.toString()) : null;
            } catch (IOException e) {
                actual = null;
            }
            List<Drift> mine = new ArrayList<>();
            if (actual == null) {
                mine.add(new Drift(name, "(run)", "exit 0 and JSON", "exit " + code, se.toString().strip().lines()
                        .findFirst().orElse("")));
            } else {
                compare(name, gold.get("expected"), actual, gold.path("tolerance"), mine);
            }
            Path actualFile = dir.resolve(name + ".actual.json");
            if (mine.isEmpty()) {
                Files.deleteIfExists(actualFile);
                continue;
            }
            drifted++;
            drifts.addAll(mine);
            if (actual != null) Files.writeString(actualFile, JSON.writeValueAsString(actual));
            if (update && actual != null) {
                ObjectNode g = (ObjectNode) gold;
                g.set("expected", subset(gold.get("expected"), actual));
                ObjectNode meta = g.with("_meta");
                meta.put("updated", LocalDate.now().toString());
                meta.put("einsim_version", "0.1.0");
                Files.writeString(c, JSON.writeValueAsString(g));
                Files.deleteIfExists(actualFile);
            }
        }
        if (drifts.isEmpty()) {
            out.println("einsim regress: " + cases.size() + " golden cases, no drift");
            return Main.OK;
        }
        List<String[]> table = new ArrayList<>();
        table.add(new String[]{"case", "field", "expected", "actual", "difference"});
        for (Drift d : drifts) table.add(new String[]{d.testCase(), d.field(), d.expected(), d.actual(), d.diff()});
        Table.print(out, table);
        out.printf(Locale.ROOT, "einsim regress: %d of %d cases drifted (%d fields)%s%n", drifted, cases.size(), drifts.size(),
                update ? "; expected values updated" : "; the actual values are in <case>.actual.json, accept them with --update");
        return update ? Main.OK : Main.NEGATIVE;
    }

    /** The actual values at the expected fields' places (the expected file keeps its shape). */
    private static JsonNode subset(JsonNode expected, JsonNode actual) {
        if (expected.isObject() && actual.isObject()) {
            ObjectNode o = JSON.createObjectNode();
            expected.fields().forEachRemaining(e -> o.set(e.getKey(), actual.has(e.getKey())
                    ? subset(e.getValue(), actual.get(e.getKey())) : e.getValue()));
            return o;
        }
        if (expected.isArray() && actual.isArray()) {
            com.fasterxml.jackson.databind.node.ArrayNode a = JSON.createArrayNode();
            for (JsonNode x : expected) {
                JsonNode match = null;
                if (x.isObject() && x.has("name")) {
                    for (JsonNode y : actual) if (y.path("name").equals(x.get("name"))) match = y;
                }
                a.add(match != null ? subset(x, match) : x);
            }
            return a;
        }
        return actual;
    }

    static void compare(String name, JsonNode expected, JsonNode actual, JsonNode tolerance, List<Drift> out) {
        Map<String, JsonNode> want = new LinkedHashMap<>();
        Map<String, JsonNode> got = new LinkedHashMap<>();
        Flattener.flatten(expected, "", want);
        Flattener.flatten(actual, "", got);
        JsonNode dflt = tolerance.path("default");
        for (Map.Entry<String, JsonNode> e : want.entrySet()) {
            JsonNode w = e.getValue();
            JsonNode g = got.get(e.getKey());
            if (g == null) {
                out.add(new Drift(name, e.getKey(), text(w), "(missing)", ""));
                continue;
            }
            if (w.isNumber() && g.isNumber()) {
                JsonNode tol = tolerance.has(e.getKey()) ? tolerance.get(e.getKey()) : dflt;
                double rel = tol.path("rel").asDouble(0);
                double abs = tol.path("abs").asDouble(0);
                double a = w.asDouble();
                double b = g.asDouble();
                double d = Math.abs(a - b);
                if (d > abs && d > rel * Math.abs(a)) {
                    out.add(new Drift(name, e.getKey(), text(w), text(g), String.format(Locale.ROOT, "%+.3e (%+.3g%%)", b - a,
                            a == 0 ? Double.POSITIVE_INFINITY : 100 * (b - a) / Math.abs(a))));
                }
            } else if (!w.equals(g) && !text(w).equals(text(g))) {
                out.add(new Drift(name, e.getKey(), text(w), text(g), "changed"));
            }
        }
    }

    private static String text(JsonNode n) {
        return n == null ? "" : n.isDouble() ? einsim.arch.compute.systolic.scalesim.PyFloat.repr(n.asDouble()) : n.asText();
    }
}
