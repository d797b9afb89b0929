package einsim.reports.roofline;

import einsim.arch.device.Device;
import einsim.arch.device.DeviceCatalog;
import einsim.workloads.llm.LlmOptions;
import einsim.workloads.llm.ModelConfig;
import einsim.workloads.llm.ModelZoo;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * Compatibility mode against every number LLM-Viewer df2cba9 produced for the shared grid (validation/llmviewer):
 * 192 cases, 2,880 operator rows and 16 generate tasks, compared as doubles, bit for bit.
 */
class LlmViewerGoldenTest {
    private static List<Map<String, String>> cases;
    private static Map<String, List<Map<String, String>>> layers;

    @BeforeAll
    static void load() throws IOException {
        cases = Validation.csv("llmviewer/cases.csv");
        layers = new LinkedHashMap<>();
        for (Map<String, String> r : Validation.csv("llmviewer/layers.csv")) {
            layers.computeIfAbsent(r.get("case_id"), k -> new ArrayList<>()).add(r);
        }
    }

    static RooflineResult run(Map<String, String> c) {
        ModelConfig m = ModelZoo.resolve(c.get("model"));
        Device d = DeviceCatalog.resolve(c.get("hardware"));
        LlmOptions o = LlmOptions.llmViewer(Long.parseLong(c.get("batch")), Integer.parseInt(c.get("w_bit")),
                Integer.parseInt(c.get("a_bit")), Integer.parseInt(c.get("kv_bit")),
                Boolean.parseBoolean(c.get("use_flashattention")), 1);
        Stage stage = Stage.valueOf(c.get("stage").toUpperCase());
        return RooflineAnalyzer.analyze(m, d, o, stage, Long.parseLong(c.get("seqlen")));
    }

    private static double num(Map<String, String> r, String k) { return Double.parseDouble(r.get(k)); }

    @Test
    void everyCaseTotalMatchesExactly() {
        assertThat(cases).hasSize(192);
        int values = 0;
        for (Map<String, String> c : cases) {
            RooflineResult r = run(c);
            String id = c.get("case_id");
            assertThat(r.total().ops()).as(id + " total_OPs").isEqualTo(Long.parseLong(c.get("total_OPs")));
            assertThat(r.total().memoryAccessBytes()).as(id + " memory").isEqualTo(num(c, "total_memory_access_bytes"));
            assertThat(r.total().timeS()).as(id + " time").isEqualTo(num(c, "total_inference_time_s"));
            assertThat(r.total().loadWeightBytes()).as(id).isEqualTo(num(c, "total_load_weight"));
            assertThat(r.total().loadActBytes()).as(id).isEqualTo(num(c, "total_load_act"));
            assertThat(r.total().storeActBytes()).as(id).isEqualTo(num(c, "total_store_act"));
            assertThat(r.total().loadKvBytes()).as(id).isEqualTo(num(c, "total_load_kv_cache"));
            assertThat(r.total().storeKvBytes()).as(id).isEqualTo(num(c, "total_store_kv_cache"));
            assertThat(r.memory().totalBytes()).as(id + " memory_consumption").isEqualTo(num(c, "memory_consumption_bytes"));
            assertThat(r.memory().weightBytes()).as(id).isEqualTo(num(c, "memory_consumption_weight"));
            assertThat(r.memory().kvCacheBytes()).as(id).isEqualTo(num(c, "memory_consumption_kv_cache"));
            assertThat(r.memory().tmpActBytes()).as(id).isEqualTo(num(c, "memory_consumption_tmp_act"));
            assertThat(r.layers().get(0).peakOpsPerS()).as(id + " max_OPS_used").isEqualTo(num(c, "max_OPS_used"));
            values += 13;
        }
        assertThat(values).isEqualTo(192 * 13);
    }

    @Test
    void everyOperatorRowMatchesExactlyAndInOrder() {
        int rows = 0;
        for (Map<String, String> c : cases) {
            RooflineResult r = run(c);
            List<Map<String, String>> want = layers.get(c.get("case_id"));
            assertThat(r.layers()).as(c.get("case_id")).hasSize(want.size());
            for (int i = 0; i < want.size(); i++) {
                Map<String, String> w = want.get(i);
                OpResult got = r.layers().get(i);
                String at = c.get("case_id") + " " + w.get("layer_name");
                assertThat(got.op().name()).as(at).isEqualTo(w.get("layer_name"));
                assertThat(got.op().ops()).as(at + " OPs").isEqualTo(Long.parseLong(w.get("OPs")));
                assertThat(got.memoryAccessBytes()).as(at + " memory_access").isEqualTo(num(w, "memory_access"));
                assertThat(got.arithmeticIntensity()).as(at + " intensity").isEqualTo(num(w, "arithmetic_intensity"));
                assertThat(got.performanceOpsPerS()).as(at + " performance").isEqualTo(num(w, "performance"));
                assertThat(got.bound()).as(at + " bound").isEqualTo(w.get("bound"));
                assertThat(got.op().loadWeightBytes()).as(at).isEqualTo(num(w, "load_weight"));
                assertThat(got.op().loadActBytes()).as(at).isEqualTo(num(w, "load_act"));
                assertThat(got.op().storeActBytes()).as(at).isEqualTo(num(w, "store_act"));
                assertThat(got.op().loadKvBytes()).as(at).isEqualTo(num(w, "load_kv_cache"));
                assertThat(got.op().storeKvBytes()).as(at).isEqualTo(num(w, "store_kv_cache"));
                assertThat(got.timeS()).as(at + " time").isEqualTo(num(w, "inference_time"));
                assertThat(got.op().repeat()).as(at + " repeat").isEqualTo(Long.parseLong(w.get("repeat")));
                rows++;
            }
        }
        assertThat(rows).isEqualTo(2880);
    }

    @Test
    void everyGenerateTaskMatchesExactly() throws IOException {
        List<Map<String, String>> gen = Validation.csv("llmviewer/generate.csv");
        assertThat(gen).hasSize(16);
        for (Map<String, String> g : gen) {
            ModelConfig m = ModelZoo.resolve(g.get("model"));
            Device d = DeviceCatalog.resolve(g.get("hardware"));
            LlmOptions o = LlmOptions.llmViewer(Long.parseLong(g.get("batch")), Integer.parseInt(g.get("w_bit")),
                    Integer.parseInt(g.get("a_bit")), Integer.parseInt(g.get("kv_bit")),
                    Boolean.parseBoolean(g.get("use_flashattention")), 1);
            RooflineResult r = RooflineAnalyzer.generate(m, d, o, Long.parseLong(g.get("prompt_len")),
                    Long.parseLong(g.get("gen_len")));
            assertThat(r.total().prefillTimeS()).as(g.toString()).isEqualTo(num(g, "prefill_time"));
            assertThat(r.total().timeS()).as(g.toString()).isEqualTo(num(g, "total_time"));
        }
    }
}
