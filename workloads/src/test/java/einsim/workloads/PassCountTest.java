package einsim.workloads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import einsim.cascade.analysis.Analysis;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Pass counts by the FuseMax brief §5 rule, against the brief's table and the shared worked example. */
class PassCountTest {
    static final Map<String, Long> SIZES = Map.of("M", 64L, "P", 40L, "E", 8L, "F", 8L, "M0", 16L, "K", 32L);

    @ParameterizedTest(name = "{0} takes {2} pass(es) over {1}")
    @CsvSource({
            "cascade1, K, 2", "cascade2, K, 1", "cascade3, K, 1",
            "attention-3pass, M, 3", "attention-3pass-deferred, M, 2",
            "attention-2pass, M, 2", "attention-2pass-deferred, M, 1",
            "attention-1pass, M, 1", "attention-1pass-nodefer, M, 2",
            "mha-gqa, M, 1"})
    void passesOverUntiledRank(String cascade, String rank, int passes) {
        Map<String, Long> sizes = new java.util.HashMap<>(SIZES);
        sizes.putAll(Map.of("B", 2L, "H", 2L, "G", 2L));
        assertThat(Cascades.analysis(cascade, sizes).passes()).containsEntry(rank, passes);
    }

    @ParameterizedTest(name = "{0} takes {2} pass(es) over the tile part {1}")
    @CsvSource({"attention-1pass, M0, 2", "attention-1pass, M1, 1", "attention-2pass-deferred, M1, 2"})
    void passesOverTileParts(String cascade, String part, int passes) {
        assertThat(Cascades.analysis(cascade, SIZES).tilePasses()).containsEntry(part, passes);
    }

    @Test
    void everyOtherRankOfTheAttentionCascadesTakesOnePass() {
        for (String c : BundledCascades.ATTENTION) {
            Analysis a = Cascades.analysis(c, SIZES);
            assertThat(a.passes()).as(c).containsEntry("P", 1).containsEntry("E", 1).containsEntry("F", 1);
        }
    }

    @Test
    void workedExamplePassCountsAllHold() throws IOException {
        JsonNode ref = new ObjectMapper().readTree(Cascades.validation().resolve("fusemax/worked_example.json").toFile())
                .get("pass_counts");
        Map<String, Long> s = Map.of("M", 4L, "P", 6L, "E", 2L, "F", 2L, "M0", 2L, "K", 4L);
        Map<String, Integer> got = new java.util.TreeMap<>();
        got.put("cascade1_over_K", Cascades.analysis("cascade1", s).passes().get("K"));
        got.put("cascade2_over_K", Cascades.analysis("cascade2", s).passes().get("K"));
        got.put("cascade3_over_K", Cascades.analysis("cascade3", s).passes().get("K"));
        got.put("three_pass_over_M", Cascades.analysis("attention-3pass", s).passes().get("M"));
        got.put("three_pass_deferred_over_M", Cascades.analysis("attention-3pass-deferred", s).passes().get("M"));
        got.put("two_pass_over_M", Cascades.analysis("attention-2pass", s).passes().get("M"));
        got.put("two_pass_deferred_over_M", Cascades.analysis("attention-2pass-deferred", s).passes().get("M"));
        got.put("two_pass_deferred_over_M1", Cascades.analysis("attention-2pass-deferred", s).tilePasses().get("M1"));
        got.put("one_pass_over_M", Cascades.analysis("attention-1pass", s).passes().get("M"));
        got.put("one_pass_over_each_M0_tile", Cascades.analysis("attention-1pass", s).tilePasses().get("M0"));
        got.put("one_pass_without_deferral_over_M", Cascades.analysis("attention-1pass-nodefer", s).passes().get("M"));
        assertThat(ref.size()).isEqualTo(got.size());
        ref.fields().forEachRemaining(e -> assertThat(got.get(e.getKey())).as(e.getKey()).isEqualTo(e.getValue().asInt()));
    }
}
