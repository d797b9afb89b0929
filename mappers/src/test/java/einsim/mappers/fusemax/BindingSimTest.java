package einsim.mappers.fusemax;

import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The cycle-level binding against the closed form of the same binding (brief §10.2): busy times equal, and total
 * cycles within the band docs/attention.md derives (the closed form's steady state plus the pipeline's fill and
 * drain: at most 3 epochs per run, and per P block the AV that the closed form spreads over its tiles).
 */
class BindingSimTest {
    static final AttentionShape BERT = AttentionShape.preset("bert");

    @Test
    void fuseMaxOn16x16With256TokensMatchesTheClosedForm() {
        long d = 16;
        long l = 256;
        long heads = 2;
        long blocks = l / d * heads;
        BindingSim.Run r = BindingSim.run(BERT, l, blocks, d, 4);
        double u = (double) (l / d) * (l / d) * heads;
        double e = BERT.e();
        double f = BERT.f();
        // busy times are the closed form's, exactly
        assertThat(r.busy2d()).isEqualTo((long) ((e + f + 9) * u));
        assertThat(r.busy1d()).isEqualTo((long) ((10 + 2 * f) * u + f * blocks));
        double t = Math.max(e + 1, 1 + f + f * d / l) + 9 + f;
        double closed = t * u;
        double epoch = t;
        assertThat((double) r.cycles()).as("no faster than the closed form").isGreaterThanOrEqualTo(closed);
        assertThat((double) r.cycles()).as("fill and drain of the pipeline only").isLessThanOrEqualTo(closed * 1.01);
    }

    @Test
    void onA256WideArrayFourTilesInFlightDoNotHideTheColumnReductions() {
        // 256×256, BERT, 4K tokens, one head: LM, SLD and SLNV leave the 2-D array D = 256 cycles after they end, and
        // a tile's chain crosses the arrays three times; four tiles of ~142 cycles in flight cannot cover that
        long d = 256;
        long l = 4096;
        double u = (double) (l / d) * (l / d);
        double t = Math.max(BERT.e() + 1, 1 + BERT.f() + (double) BERT.f() * d / l) + 9 + BERT.f();
        double w4 = BindingSim.run(BERT, l, l / d, d, 4).cycles() / (t * u);
        double w8 = BindingSim.run(BERT, l, l / d, d, 8).cycles() / (t * u);
        assertThat(w4).isGreaterThan(1.3);
        assertThat(w8).isLessThan(w4).isGreaterThan(1.0);
    }

    @Test
    void plusArchitectureWaitsForEveryTilesDrain() {
        long d = 16;
        long l = 256;
        BindingSim.Run fm = BindingSim.run(BERT, l, l / d, d, 4);
        BindingSim.Run arch = BindingSim.run(BERT, l, l / d, d, 1);
        assertThat(arch.busy2d()).isEqualTo(fm.busy2d());
        assertThat(arch.busy1d()).isEqualTo(fm.busy1d());
        // one tile at a time: BQK, the drain of LM to the 1-D array, then the rest in order
        double perTile = (double) arch.cycles() / (l / d * (l / d));
        assertThat(perTile).isGreaterThan(BERT.e() + d + 9 + BERT.f());
        assertThat(arch.cycles()).isGreaterThan(fm.cycles());
    }
}
