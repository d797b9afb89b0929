package einsim.schedule;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import einsim.workloads.graph.GraphReader;
import einsim.workloads.graph.GraphZoo;
import einsim.workloads.graph.TensorGraph;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Divide and conquer: every stitched plan replays (the validator runs inside), never beats the exact optimum, never
 * loses to the best baseline, and with one window equals the whole solve.
 */
class DivideAndConquerTest {
    @Test
    void windowsOnTheReferenceInstanceStayBetweenOptimumAndBaseline() throws Exception {
        Path f = CosmaReferenceTest.validation().resolve("cosma/spill_toy.json");
        TensorGraph g = GraphReader.read(f);
        JsonNode ref = new ObjectMapper().readTree(f.toFile());
        for (String mode : new String[]{"expected", "expected_free_order"}) {
            boolean fixed = mode.equals("expected");
            for (JsonNode e : ref.get(mode)) {
                if (e.has("status")) continue;
                long budget = e.get("scratchpad_bytes").asLong();
                for (int window = 2; window <= 7; window++) {
                    Scheduler.Result r = Scheduler.run(g, new Scheduler.Options(budget, null, fixed, false, 10, 1, window));
                    String what = mode + " @" + budget + " window " + window;
                    assertThat(r.offchipBytes()).as(what).isGreaterThanOrEqualTo(e.get("offchip_bytes").asLong());
                    if (r.baselineOffchipBytes() >= 0) assertThat(r.offchipBytes()).as(what).isLessThanOrEqualTo(r.baselineOffchipBytes());
                    if (window == 7) assertThat(r.offchipBytes()).as(what).isEqualTo(e.get("offchip_bytes").asLong());
                }
            }
        }
    }

    @Test
    void windowsCarryStateAcrossCuts() {
        // cut the fixed order of spill_toy after every op: tensors cross every cut, resident or in DRAM
        TensorGraph g = GraphReader.read(CosmaReferenceTest.validation().resolve("cosma/spill_toy.json"));
        Problem p = new Problem(g, 9, true, false);
        DivideAndConquer.Outcome d = DivideAndConquer.solve(p, g.defaultOrder(), 2, 10, 1);
        assertThat(d).isNotNull();
        assertThat(d.windows()).isGreaterThanOrEqualTo(4);
        assertThat(Validator.cost(p, d.plan())).isEqualTo(d.offchipBytes()).isGreaterThanOrEqualTo(12);
    }

    @Test
    void aZooGraphInWindows() {
        TensorGraph g = GraphZoo.get("densenet121");
        Scheduler.Result r = Scheduler.run(g, new Scheduler.Options(-1, "MR", false, false, 20, 2, 40));
        assertThat(r.status()).isIn("OPTIMAL", "FEASIBLE");
        assertThat(r.offchipBytes()).isGreaterThanOrEqualTo(0);
        assertThat(r.provedBy()).contains("divide and conquer");
    }
}
