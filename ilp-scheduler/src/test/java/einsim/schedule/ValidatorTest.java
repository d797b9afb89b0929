package einsim.schedule;

import einsim.workloads.graph.GraphReader;
import einsim.workloads.graph.TensorGraph;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The validator accepts the README's hand plan for chain.json at 6 B and rejects plans broken one rule at a time. */
class ValidatorTest {
    private static TensorGraph chain() {
        return GraphReader.read(CosmaReferenceTest.validation().resolve("cosma/chain.json"));
    }

    /** x@0 (steps 0–1), h1@3, h2@0, h3@3, then x@0 again (step 4), y@2 — the README's plan, 4 B. */
    private static List<List<Plan.Run>> handPlan() {
        List<List<Plan.Run>> r = new ArrayList<>();
        r.add(new ArrayList<>(List.of(new Plan.Run(0, 1, 0), new Plan.Run(4, 4, 0)))); // x
        r.add(new ArrayList<>(List.of(new Plan.Run(1, 2, 3))));                          // h1
        r.add(new ArrayList<>(List.of(new Plan.Run(2, 3, 0))));                          // h2
        r.add(new ArrayList<>(List.of(new Plan.Run(3, 4, 3))));                          // h3
        r.add(new ArrayList<>(List.of(new Plan.Run(4, 4, 2))));                          // y
        return r;
    }

    private static final int[] ORDER = {0, 1, 2, 3, 4};

    @Test
    void acceptsTheReadmePlan() {
        Problem p = new Problem(chain(), 6, true, false);
        assertThat(Validator.cost(p, new Plan(ORDER, handPlan()))).isEqualTo(4);
    }

    @Test
    void rejectsOverlap() {
        Problem p = new Problem(chain(), 6, true, false);
        List<List<Plan.Run>> r = handPlan();
        r.set(4, List.of(new Plan.Run(4, 4, 1))); // y over x
        assertThatThrownBy(() -> Validator.cost(p, new Plan(ORDER, r))).hasMessageContaining("overlap at step 4");
    }

    @Test
    void rejectsAddressOutsideTheScratchpad() {
        Problem p = new Problem(chain(), 6, true, false);
        List<List<Plan.Run>> r = handPlan();
        r.set(3, List.of(new Plan.Run(3, 4, 4)));
        assertThatThrownBy(() -> Validator.cost(p, new Plan(ORDER, r))).hasMessageContaining("leaves the scratchpad");
    }

    @Test
    void rejectsAMissingNeedPoint() {
        Problem p = new Problem(chain(), 6, true, false);
        List<List<Plan.Run>> r = handPlan();
        r.set(0, List.of(new Plan.Run(0, 1, 0)));
        assertThatThrownBy(() -> Validator.cost(p, new Plan(ORDER, r))).hasMessageContaining("x is not resident at step 4");
    }

    @Test
    void rejectsReloadWithoutAnAbsentStep() {
        Problem p = new Problem(chain(), 8, true, false);
        List<List<Plan.Run>> r = handPlan();
        r.set(0, List.of(new Plan.Run(0, 1, 0), new Plan.Run(2, 4, 6)));
        assertThatThrownBy(() -> Validator.cost(p, new Plan(ORDER, r))).hasMessageContaining("whole absent step");
    }

    @Test
    void rejectsAnOrderThatBreaksADependency() {
        Problem p = new Problem(chain(), 6, false, false);
        assertThatThrownBy(() -> Validator.cost(p, new Plan(new int[]{0, 2, 1, 3, 4}, handPlan())))
                .hasMessageContaining("runs before");
    }

    @Test
    void rejectsTensorNotCreatedOnChip() {
        Problem p = new Problem(chain(), 6, true, false);
        List<List<Plan.Run>> r = handPlan();
        r.set(1, List.of(new Plan.Run(2, 2, 3)));
        assertThatThrownBy(() -> Validator.cost(p, new Plan(ORDER, r))).hasMessageContaining("not created on chip");
    }

    @Test
    void baselinePlansReplayToTheirReportedCost() {
        TensorGraph g = GraphReader.read(CosmaReferenceTest.validation().resolve("cosma/spill_toy.json"));
        for (long budget = 8; budget <= 14; budget++) {
            Problem p = new Problem(g, budget, false, false);
            Budgets b = Budgets.of(p);
            for (Baselines.Outcome o : Baselines.all(p, g.defaultOrder(), b.minPeakOrder())) {
                if (!o.feasible()) continue;
                assertThat(Validator.cost(p, o.plan())).as(o.order() + "/" + o.policy() + " @" + budget).isEqualTo(o.offchipBytes());
            }
        }
    }

    @Test
    void budgetsMatchTheReference() {
        TensorGraph g = GraphReader.read(CosmaReferenceTest.validation().resolve("cosma/spill_toy.json"));
        Budgets b = Budgets.of(new Problem(g, Long.MAX_VALUE, false, false));
        assertThat(b.mr()).isEqualTo(8);
        assertThat(b.mp()).isEqualTo(12);
        assertThat(b.mh()).isEqualTo(10);
        assertThat(b.fixedOrderPeak()).isEqualTo(14);
        Budgets c = Budgets.of(new Problem(chain(), Long.MAX_VALUE, false, false));
        assertThat(List.of(c.mr(), c.mp(), c.mh(), c.fixedOrderPeak())).containsExactly(6L, 8L, 7L, 8L);
    }
}
