package einsim.sim;

import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class SimulatorTest {
    @Test
    void eventsFireInCycleThenInsertionOrderAndIdleStretchesAreSkipped() {
        Simulator sim = new Simulator();
        List<String> log = new ArrayList<>();
        sim.schedule(1_000_000_000L, c -> log.add("late@" + c));
        sim.schedule(5, c -> log.add("a@" + c));
        sim.schedule(5, c -> log.add("b@" + c));
        sim.schedule(2, c -> sim.schedule(c + 10, d -> log.add("chained@" + d)));
        long end = sim.run();
        assertThat(log).containsExactly("a@5", "b@5", "chained@12", "late@1000000000");
        assertThat(end).isEqualTo(1_000_000_000L);
        assertThat(sim.activeSteps()).isEqualTo(5); // a billion cycles, five steps
    }

    @Test
    void clockedComponentsAreTickedOnlyWhenTheyAsk() {
        Simulator sim = new Simulator();
        List<Long> ticks = new ArrayList<>();
        sim.wake(0, c -> {
            ticks.add(c);
            return c < 300 ? c + 100 : Simulator.IDLE;
        });
        sim.run();
        assertThat(ticks).containsExactly(0L, 100L, 200L, 300L);
        assertThatThrownBy(() -> sim.schedule(10, c -> { })).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void channelSerialisesTransfersAtItsBandwidth() {
        BandwidthChannel ch = new BandwidthChannel("dram", 4);
        assertThat(ch.transfer(0, 10)).isEqualTo(3);   // ceil(10/4)
        assertThat(ch.transfer(1, 8)).isEqualTo(5);    // waits for the first
        assertThat(ch.transfer(20, 1)).isEqualTo(21);
        assertThat(ch.words()).isEqualTo(19);
        assertThat(ch.busyCycles()).isEqualTo(6);
        assertThat(new BandwidthChannel("free", Double.POSITIVE_INFINITY).transfer(7, 1_000_000)).isEqualTo(7);
    }

    @Test
    void ledgerSumsCountTimesEnergy() {
        EnergyLedger e = new EnergyLedger(Map.of("mac", 0.5, "sram_read", 2.0));
        e.charge("mac", 10);
        e.charge("sram_read", 3);
        e.charge("mac", 2);
        e.charge("dram_read", 7);
        assertThat(e.byAction()).containsEntry("mac", 6.0).containsEntry("sram_read", 6.0).containsEntry("dram_read", 0.0);
        assertThat(e.totalPj()).isEqualTo(12.0);
        Counters c = new Counters();
        c.add("x", 2);
        c.add("x", 3);
        assertThat(c.get("x")).isEqualTo(5);
        assertThat(c.get("y")).isZero();
    }
}
