package einsim.workloads;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import einsim.cascade.analysis.Analysis;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.HashMap;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/** Operation counts against the FuseMax brief §6 table (symbolic) and the worked example (numeric). */
class OpCountTest {

    private static Map<String, Map<String, Long>> opsByEinsum(Analysis a) {
        Map<String, Map<String, Long>> m = new HashMap<>();
        for (Analysis.EinsumStats e : a.einsums()) m.put(e.name(), e.ops());
        return m;
    }

    private static String key(String op) {
        switch (op) {
            case "MAC": return "mac";
            case "sub-then-exp": return "exp";
            default: return op;
        }
    }

    private static void assertMatches(JsonNode section, Analysis a) {
        Map<String, Map<String, Long>> ops = opsByEinsum(a);
        section.fields().forEachRemaining(e -> {
            String op = key(e.getValue().get("op").asText());
            long count = e.getValue().get("count").asLong();
            assertThat(ops.get(e.getKey())).as(a.cascade() + "." + e.getKey()).isEqualTo(Map.of(op, count));
        });
    }

    @Test
    void workedExampleOpCounts() throws IOException {
        JsonNode ref = new ObjectMapper().readTree(Cascades.validation().resolve("fusemax/worked_example.json").toFile())
                .get("op_counts");
        Map<String, Long> s = Map.of("M", 4L, "P", 6L, "E", 2L, "F", 2L, "M0", 2L);
        assertMatches(ref.get("three_pass"), Cascades.analysis("attention-3pass", s));
        assertMatches(ref.get("three_pass_deferred_replaces_A_and_AV_with"), Cascades.analysis("attention-3pass-deferred", s));
        assertMatches(ref.get("one_pass"), Cascades.analysis("attention-1pass", s));
        assertThat(ref.get("one_pass").size()).isEqualTo(12);
    }

    @Test
    void briefTableAtBertSizes() {
        long m = 1024, p = 1024, e = 64, f = 64, m0 = 256, m1 = m / m0;
        Map<String, Long> s = Map.of("M", m, "P", p, "E", e, "F", f, "M0", m0);
        Map<String, Map<String, Long>> three = opsByEinsum(Cascades.analysis("attention-3pass", s));
        assertThat(three.get("QK")).isEqualTo(Map.of("mac", e * m * p));
        assertThat(three.get("GM")).isEqualTo(Map.of("max", m * p));
        assertThat(three.get("SN")).isEqualTo(Map.of("exp", m * p));
        assertThat(three.get("SD")).isEqualTo(Map.of("add", m * p));
        assertThat(three.get("A")).isEqualTo(Map.of("div", m * p));
        assertThat(three.get("AV")).isEqualTo(Map.of("mac", f * m * p));
        Analysis one = Cascades.analysis("attention-1pass", s);
        Map<String, Map<String, Long>> c5 = opsByEinsum(one);
        assertThat(c5.get("RM")).isEqualTo(Map.of("max", m1 * p));
        assertThat(c5.get("PRM")).isEqualTo(Map.of("exp", m1 * p));
        assertThat(c5.get("SPNV")).isEqualTo(Map.of("mul", f * m1 * p));
        assertThat(c5.get("RNV")).isEqualTo(Map.of("add", f * m1 * p));
        // extra work of Cascade 5 over 3-pass + deferral: 2·M1·P (max, exp) + 2·M1·P (mul, add) + 2·F·M1·P
        Analysis deferred = Cascades.analysis("attention-3pass-deferred", s);
        long extra = 0;
        for (Map.Entry<String, Long> x : one.totalOps().entrySet()) extra += x.getValue();
        for (Map.Entry<String, Long> x : deferred.totalOps().entrySet()) extra -= x.getValue();
        assertThat(extra).isEqualTo(2 * m1 * p + 2 * m1 * p + 2 * f * m1 * p);
    }

    @Test
    void millionTokenBatch64AttentionDoesNotOverflow() {
        long b = 64, h = 12, g = 1, m = 1L << 20, p = 1L << 20, e = 64, f = 64, m0 = 256;
        Map<String, Long> s = Map.of("B", b, "H", h, "G", g, "M", m, "P", p, "E", e, "F", f, "M0", m0);
        Analysis a = Cascades.analysis("mha-gqa", s);
        long mac = b * h * g * (e + f) * m * p; // 1.08e17: beyond int, well inside long
        assertThat(a.totalOps().get("mac")).isEqualTo(mac);
        Analysis.TensorStats bqk = a.tensors().stream().filter(t -> t.name().equals("BQK")).findFirst().orElseThrow();
        assertThat(bqk.elements()).isEqualTo(b * h * g * m * p);
        assertThat(bqk.bytes()).isEqualTo(b * h * g * m * p * 2);
        assertThat(a.passes()).containsEntry("M", 1);
    }

    @Test
    void tensorSizesCountIteratesAndBits() {
        Analysis a = Cascades.analysis("attention-1pass", Map.of("M", 64L, "P", 8L, "E", 4L, "F", 4L, "M0", 16L));
        Map<String, Analysis.TensorStats> t = new HashMap<>();
        for (Analysis.TensorStats x : a.tensors()) t.put(x.name(), x);
        assertThat(t.get("RM").extents()).containsExactly(5L, 8L); // M1 + 1 iterates
        assertThat(t.get("RNV").elements()).isEqualTo(4 * 5 * 8);
        assertThat(t.get("Q").bytes()).isEqualTo(4 * 8 * 2);
        assertThat(t.get("Q").role()).isEqualTo("input");
        assertThat(t.get("AV").role()).isEqualTo("output");
        assertThat(t.get("BQK").consumers()).containsExactly("LM", "SLN");
    }
}
