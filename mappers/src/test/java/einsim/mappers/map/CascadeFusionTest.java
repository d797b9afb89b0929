package einsim.mappers.map;

import einsim.workloads.BundledCascades;
import org.junit.jupiter.api.Test;

import java.util.LinkedHashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Fusion along the key rank: the 1-pass cascade needs no spill at any length, the 3-pass spills QK and SN once they outgrow the buffer. */
class CascadeFusionTest {
    static Map<String, Long> sizes(long l) {
        Map<String, Long> s = new LinkedHashMap<>(Map.of("M", l, "P", l, "E", 64L, "F", 64L, "M0", 256L));
        s.put("M1", l / 256);
        return s;
    }

    @Test
    void onePassNeverSpillsThreePassSpillsItsScores() {
        long buffer = 16L << 20;
        for (long l : new long[]{1024, 16384, 65536}) {
            CascadeFusion.Plan one = CascadeFusion.plan(BundledCascades.load("attention-1pass"), sizes(l), "M1", 1, Map.of("P", 256L), buffer);
            assertThat(one.passes()).isEqualTo(1);
            assertThat(one.fits()).isTrue();
            assertThat(one.dramBytes()).as("only compulsory traffic").isEqualTo(one.compulsoryDramBytes());
            // Q and the output once; K and V once per tile of 256 queries (FuseMax's P2 loop), 2-byte values
            long perHead = 2 * (64 * l + 64 * l) + 2 * (64 * l + 64 * l) * (l / 256);
            assertThat(one.compulsoryDramBytes()).isEqualTo(perHead);

            CascadeFusion.Plan three = CascadeFusion.plan(BundledCascades.load("attention-3pass"), sizes(l), "M", 256, Map.of("P", 256L), buffer);
            assertThat(three.passes()).isEqualTo(3);
            long scores = 2L * l * 256;                   // QK (and SN) for one tile of 256 queries
            boolean spill = 2 * scores > buffer - 1_000_000;
            // QK and SN have M; GM and SD (per query) too are complete before the next pass reads them
            assertThat(three.crossPass()).extracting(CascadeFusion.CrossPass::tensor).containsExactlyInAnyOrder("QK", "GM", "SN", "SD");
            if (!spill) {
                assertThat(three.dramBytes()).isEqualTo(three.compulsoryDramBytes());
            } else {
                // each spilled tensor is written once and read once by the next pass, for every query tile
                long spilled = three.crossPass().stream().filter(CascadeFusion.CrossPass::spilled).count();
                assertThat(three.dramBytes() - three.compulsoryDramBytes()).isEqualTo(spilled * 2 * scores * (l / 256));
            }
        }
    }
}
