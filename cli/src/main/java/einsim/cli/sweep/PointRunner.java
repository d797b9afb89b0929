package einsim.cli.sweep;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import einsim.cli.Main;
import picocli.CommandLine;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Runs design points in process on one reusable einsim command line (one per worker thread): the point's options
 * become arguments, {@code --format json} is added when the command has it, and the exit code and output become
 * the point's status: 0 (or 1, a negative result) is {@code ok}, unless the JSON says {@code "status":
 * "infeasible"}; 2 (bad input) and 3 (a failure inside a model) are {@code failed}, with the message.
 */
public final class PointRunner {
    /** A point's outcome. */
    public record Outcome(long pointId, String status, String error, String resultJson) {}

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final ObjectMapper YAML = new ObjectMapper(new YAMLFactory());

    private final List<String> command;
    private final Path specDir;
    private final CommandLine cl;
    private final boolean hasFormat;
    private StringWriter out;
    private StringWriter err;

    public PointRunner(List<String> command, Path specDir) {
        this.command = command;
        this.specDir = specDir;
        this.out = new StringWriter();
        this.err = new StringWriter();
        this.cl = Main.commandLine(new PrintWriter(out), new PrintWriter(err));
        CommandLine sub = cl;
        for (String w : command) {
            sub = sub.getSubcommands().get(w);
            if (sub == null) {
                throw new SweepException("command '" + String.join(" ", command) + "' is not an einsim command",
                        "use one of " + String.join(", ", cl.getSubcommands().keySet()));
            }
        }
        this.hasFormat = sub.getCommandSpec().findOption("--format") != null;
    }

    public Outcome run(SweepSpec.Point p) {
        List<String> args;
        try {
            args = arguments(p);
        } catch (SweepException e) {
            return new Outcome(p.id(), "failed", e.getMessage(), null);
        }
        out = new StringWriter();
        err = new StringWriter();
        cl.setOut(new PrintWriter(out));
        cl.setErr(new PrintWriter(err));
        int code;
        try {
            code = cl.execute(args.toArray(new String[0]));
        } catch (RuntimeException | StackOverflowError | OutOfMemoryError e) {
            return new Outcome(p.id(), "failed", "internal error: " + e, null);
        }
        cl.getOut().flush();
        cl.getErr().flush();
        String text = out.toString();
        if (code == Main.OK || code == Main.NEGATIVE) {
            String json = null;
            if (hasFormat) {
                try {
                    JsonNode n = JSON.readTree(text);
                    if (n != null && n.isObject() && "infeasible".equals(n.path("status").asText())) {
                        return new Outcome(p.id(), "infeasible", n.path("reason").asText("infeasible"), n.toString());
                    }
                    json = n == null ? null : n.toString();
                } catch (IOException e) {
                    return new Outcome(p.id(), "failed", "the command's output is not JSON: " + abbreviate(text), null);
                }
            }
            return new Outcome(p.id(), "ok", null, json);
        }
        String msg = err.toString().strip();
        if (msg.startsWith("einsim: ")) msg = msg.substring(8);
        return new Outcome(p.id(), "failed", msg.isEmpty() ? "exit code " + code : msg, null);
    }

    private static String abbreviate(String s) { return s.length() > 200 ? s.substring(0, 200) + "..." : s; }

    /** The point's command line: subcommand words, options, positional arguments, and --format json. */
    List<String> arguments(SweepSpec.Point p) {
        List<String> args = new ArrayList<>(command);
        Map<String, JsonNode> opts = p.options();
        List<String> positional = new ArrayList<>();
        boolean formatGiven = false;
        for (Map.Entry<String, JsonNode> e : opts.entrySet()) {
            String k = e.getKey();
            JsonNode v = e.getValue();
            if (k.contains(".")) continue; // spec-file overrides, applied below
            if (k.equals("args")) {
                if (v.isArray()) v.forEach(x -> positional.add(text(x)));
                else positional.add(text(v));
                continue;
            }
            if (k.equals("format")) formatGiven = true;
            if (v.isBoolean()) {
                if (v.asBoolean()) args.add("--" + k);
                continue;
            }
            args.add("--" + k);
            args.add(text(withOverrides(p, k, v)));
        }
        if (hasFormat && !formatGiven) {
            args.add("--format");
            args.add("json");
        }
        args.addAll(positional);
        return args;
    }

    /** A spec file with this point's {@code option.field=value} overrides written to a copy, or the value as it is. */
    private JsonNode withOverrides(SweepSpec.Point p, String option, JsonNode v) {
        String prefix = option + ".";
        boolean any = p.options().keySet().stream().anyMatch(x -> x.startsWith(prefix));
        if (!any) return v;
        Path file = Path.of(v.asText());
        JsonNode spec;
        try {
            spec = YAML.readTree(file.toFile());
        } catch (IOException e) {
            throw new SweepException("option " + option + " = " + v.asText() + " is not a YAML file that "
                    + prefix + "* can override: " + e.getMessage(), "give the path of a spec file");
        }
        if (spec == null || !spec.isObject()) throw new SweepException(file + " is not a YAML map", null);
        for (Map.Entry<String, JsonNode> e : p.options().entrySet()) {
            if (!e.getKey().startsWith(prefix)) continue;
            String[] path = e.getKey().substring(prefix.length()).split("\\.");
            ObjectNode cur = (ObjectNode) spec;
            for (int i = 0; i < path.length - 1; i++) {
                JsonNode n = cur.get(path[i]);
                if (n == null || !n.isObject()) n = cur.putObject(path[i]);
                cur = (ObjectNode) n;
            }
            cur.set(path[path.length - 1], e.getValue());
        }
        try {
            Files.createDirectories(specDir);
            Path out = specDir.resolve("point-" + p.id() + "-" + option + ".yaml");
            YAML.writeValue(out.toFile(), spec);
            return com.fasterxml.jackson.databind.node.TextNode.valueOf(out.toString());
        } catch (IOException e) {
            throw new SweepException("cannot write the overridden spec for point " + p.id() + ": " + e.getMessage(), null);
        }
    }

    static String text(JsonNode v) {
        if (v.isIntegralNumber()) return v.asText();
        if (v.isNumber()) {
            double d = v.asDouble();
            return d == Math.rint(d) && Math.abs(d) < 1e15 ? Long.toString((long) d) : Double.toString(d);
        }
        if (v.isArray()) {
            List<String> parts = new ArrayList<>();
            v.forEach(x -> parts.add(text(x)));
            return String.join(",", parts);
        }
        return v.asText();
    }
}
