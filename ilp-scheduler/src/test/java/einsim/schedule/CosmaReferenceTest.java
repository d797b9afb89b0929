package einsim.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import einsim.workloads.graph.GraphReader;
import einsim.workloads.graph.TensorGraph;
import org.junit.jupiter.api.DynamicTest;
import org.junit.jupiter.api.TestFactory;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Golden numbers: every budget of validation/cosma (exact optima from two exhaustive searches), both modes. Every
 * plan returned is replayed by the validator, and its cost must equal the reported traffic.
 */
class CosmaReferenceTest {
    static Path validation() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            Path v = p.resolve("validation");
            if (Files.isDirectory(v)) return v;
            p = p.getParent();
        }
        throw new IllegalStateException("no validation/ folder above " + Path.of("").toAbsolutePath());
    }

    /** One check of one reference entry: the graph, the mode, the budget and the expected entry. */
    interface Check {
        void run(TensorGraph g, boolean fixed, long budget, JsonNode expected);
    }

    /** A dynamic test per file, mode and budget of validation/cosma. */
    static List<DynamicTest> everyEntry(Check check) throws Exception {
        List<DynamicTest> tests = new ArrayList<>();
        for (String file : new String[]{"chain.json", "spill_toy.json"}) {
            Path f = validation().resolve("cosma").resolve(file);
            JsonNode ref = new ObjectMapper().readTree(f.toFile());
            TensorGraph g = GraphReader.read(f);
            for (String mode : new String[]{"expected", "expected_free_order"}) {
                boolean fixed = mode.equals("expected");
                for (JsonNode e : ref.get(mode)) {
                    long budget = e.get("scratchpad_bytes").asLong();
                    tests.add(DynamicTest.dynamicTest(file + " " + (fixed ? "fixed" : "free") + " @" + budget + " B",
                            () -> check.run(g, fixed, budget, e)));
                }
            }
        }
        return tests;
    }

    @TestFactory
    List<DynamicTest> everyBudgetBothModes() throws Exception {
        return everyEntry((g, fixed, budget, e) -> {
            Scheduler.Result r = Scheduler.run(g, new Scheduler.Options(budget, null, fixed, false, 30, 2));
            if (e.has("status")) {
                assertThat(r.status()).isEqualTo(e.get("status").asText());
                assertThat(r.reason()).isNotBlank();
            } else {
                assertThat(r.status()).isEqualTo("OPTIMAL");
                assertThat(r.offchipBytes()).isEqualTo(e.get("offchip_bytes").asLong());
            }
        });
    }

    @TestFactory
    List<DynamicTest> solverAloneMatchesWithoutShortcuts() throws Exception {
        // the CP-SAT model by itself (no M_R or arena shortcut) must reproduce every entry, and its plans must replay
        return everyEntry((g, fixed, budget, e) -> {
            Problem p = new Problem(g, budget, fixed, false);
            CpSatScheduler.Solution s = CpSatScheduler.solve(p, 30, 2);
            if (e.has("status")) {
                assertThat(s.stats().status()).isEqualTo("INFEASIBLE");
            } else {
                assertThat(s.stats().status()).isEqualTo("OPTIMAL");
                assertThat(s.stats().objective()).isEqualTo(e.get("offchip_bytes").asLong());
                assertThat(Validator.cost(p, s.plan())).isEqualTo(s.stats().objective());
            }
        });
    }
}
