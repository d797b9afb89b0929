package einsim.workloads.graph;

import com.fasterxml.jackson.core.JacksonException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import einsim.workloads.llm.WorkloadException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Reads the COSMA graph JSON (the shared instances' format): {@code tensors} ({@code name}, {@code bytes}),
 * {@code ops} ({@code name}, {@code inputs}, {@code outputs}), optional {@code schedule}; other fields are ignored.
 */
public final class GraphReader {
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Largest tensor size accepted (1 PiB): sums of many sizes and addresses stay far from overflow. */
    public static final long MAX_BYTES = 1L << 50;

    private GraphReader() {}

    public static TensorGraph read(Path file) {
        JsonNode n;
        try {
            n = JSON.readTree(file.toFile());
        } catch (JacksonException e) {
            throw new WorkloadException(file + ": not valid JSON: " + e.getOriginalMessage(), "check the file");
        } catch (IOException e) {
            throw new WorkloadException("cannot read " + file + ": " + e.getMessage(), "check the path");
        }
        return parse(file.toString(), n);
    }

    public static TensorGraph parse(String src, JsonNode n) {
        if (n == null || !n.isObject() || !n.path("tensors").isArray() || !n.path("ops").isArray()) {
            throw new WorkloadException(src + ": a graph has tensors: [{name, bytes}] and ops: [{name, inputs, outputs}]",
                    "see docs/schedule.md");
        }
        List<TensorGraph.Tensor> tensors = new ArrayList<>();
        Set<String> names = new HashSet<>();
        int i = 0;
        for (JsonNode t : n.get("tensors")) {
            String name = t.path("name").asText("");
            if (name.isEmpty()) throw new WorkloadException(src + ": tensors[" + i + "] has no name", "give every tensor a unique name");
            if (!names.add(name)) throw new WorkloadException(src + ": tensor '" + name + "' is declared twice", "rename or remove one of them");
            JsonNode b = t.get("bytes");
            if (b == null || !b.isIntegralNumber() || !b.canConvertToLong() || b.asLong() < 1 || b.asLong() > MAX_BYTES) {
                throw new WorkloadException(src + ": tensors[" + i + "] (" + name + ").bytes = " + b + ": must be a whole number of bytes "
                        + "from 1 to 2^50", "give the tensor's size in bytes");
            }
            tensors.add(new TensorGraph.Tensor(name, b.asLong()));
            i++;
        }
        List<TensorGraph.Op> ops = new ArrayList<>();
        Set<String> opNames = new HashSet<>();
        Map<String, String> producedBy = new HashMap<>();
        i = 0;
        for (JsonNode o : n.get("ops")) {
            String name = o.path("name").asText("");
            if (name.isEmpty() || !opNames.add(name)) {
                throw new WorkloadException(src + ": ops[" + i + "] has no name or a duplicate one ('" + name + "')", "give every op a unique name");
            }
            List<String> in = names(src, "ops[" + i + "].inputs", o.get("inputs"), names);
            List<String> out = names(src, "ops[" + i + "].outputs", o.get("outputs"), names);
            for (String t : out) {
                String had = producedBy.put(t, name);
                if (had != null) {
                    throw new WorkloadException(src + ": tensor '" + t + "' is an output of both " + had + " and " + name,
                            "every tensor is produced by one op");
                }
            }
            ops.add(new TensorGraph.Op(name, in, out));
            i++;
        }
        List<String> schedule = null;
        if (n.has("schedule") && !n.get("schedule").isNull()) {
            schedule = new ArrayList<>();
            for (JsonNode s : n.get("schedule")) {
                if (!opNames.contains(s.asText())) throw new WorkloadException(src + ": schedule names an unknown op '" + s.asText() + "'", "list op names from ops");
                schedule.add(s.asText());
            }
            if (schedule.size() != ops.size() || new HashSet<>(schedule).size() != ops.size()) {
                throw new WorkloadException(src + ": schedule must list every op exactly once", "list all " + ops.size() + " ops once each, or drop schedule");
            }
        }
        TensorGraph g = new TensorGraph(n.path("name").asText(src), tensors, ops, schedule);
        if (g.topologicalOrder() == null) {
            throw new WorkloadException(src + ": the graph has a cycle", "an op cannot depend on its own output");
        }
        if (schedule != null) {
            int[] pos = new int[ops.size()];
            Map<String, Integer> oi = g.opIndex();
            for (int s = 0; s < schedule.size(); s++) pos[oi.get(schedule.get(s))] = s;
            int[] prod = g.producers();
            Map<String, Integer> ti = g.tensorIndex();
            for (int o = 0; o < ops.size(); o++) {
                for (String t : ops.get(o).inputs()) {
                    int p = prod[ti.get(t)];
                    if (p >= 0 && pos[p] >= pos[o]) {
                        throw new WorkloadException(src + ": schedule runs " + ops.get(o).name() + " before " + ops.get(p).name()
                                + ", which produces its input " + t, "give a topological order");
                    }
                }
            }
        }
        return g;
    }

    private static List<String> names(String src, String where, JsonNode arr, Set<String> known) {
        List<String> out = new ArrayList<>();
        if (arr == null) return out;
        if (!arr.isArray()) throw new WorkloadException(src + ": " + where + " must be a list of tensor names", "write e.g. [\"x\", \"w\"]");
        for (JsonNode x : arr) {
            if (!known.contains(x.asText())) throw new WorkloadException(src + ": " + where + " names an unknown tensor '" + x.asText() + "'",
                    "declare it under tensors");
            if (!out.contains(x.asText())) out.add(x.asText());
        }
        return out;
    }
}
