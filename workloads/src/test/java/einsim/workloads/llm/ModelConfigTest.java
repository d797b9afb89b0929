package einsim.workloads.llm;

import einsim.cascade.analysis.Analysis;
import einsim.cascade.analysis.CascadeAnalyzer;
import einsim.cascade.analysis.CascadeModel;
import einsim.cascade.analysis.SizedCascade;
import einsim.cascade.parse.CascadeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.EnumSet;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ModelConfigTest {
    static List<String> ids() { return ModelZoo.IDS; }

    @ParameterizedTest
    @MethodSource("ids")
    void everyBundledConfigReads(String id) {
        ModelConfig m = ModelZoo.resolve(id);
        assertThat(m.hiddenSize()).isPositive();
        assertThat(m.numHeads() % m.numKvHeads()).isZero();
        assertThat(m.numLayers()).isPositive();
    }

    @Test
    void familiesKeepTheirOwnKeysAndDefaults() {
        ModelConfig l70 = ModelZoo.resolve("meta-llama/Llama-2-70b-hf");
        assertThat(l70.kvDim()).isEqualTo(1024);
        assertThat(l70.usesGqa()).isTrue();
        ModelConfig gpt2 = ModelZoo.resolve("gpt2");
        assertThat(gpt2.intermediateSize()).isEqualTo(4 * 768); // n_inner absent: 4·n_embd
        assertThat(gpt2.tiedEmbeddings()).isTrue();
        ModelConfig phi = ModelZoo.resolve("microsoft/phi-2");
        assertThat(phi.numKvHeads()).isEqualTo(32); // num_key_value_heads: null
        assertThat(phi.parallelBlock()).isTrue();
        ModelConfig mix = ModelZoo.resolve("mistralai/Mixtral-8x7B-v0.1");
        assertThat(mix.numExperts()).isEqualTo(8);
        assertThat(mix.expertsPerToken()).isEqualTo(2);
        ModelConfig t5 = ModelZoo.resolve("google-t5/t5-base");
        assertThat(t5.headDim()).isEqualTo(64);
        assertThat(t5.encoderOnly()).isTrue();
        assertThat(ModelZoo.resolve("facebook/opt-6.7b").intermediateSize()).isEqualTo(16384);
    }

    @Test
    void missingFieldIsNamedAndUnknownIdSuggestsTheClosest(@TempDir Path dir) throws IOException {
        Path p = dir.resolve("config.json");
        Files.writeString(p, "{\"model_type\": \"llama\", \"hidden_size\": 4096, \"num_attention_heads\": 32}");
        assertThatThrownBy(() -> ModelZoo.resolve(p.toString())).isInstanceOf(WorkloadException.class)
                .hasMessageContaining("field 'intermediate_size' is missing");
        Files.writeString(p, "{\"model_type\": \"mamba\"}");
        assertThatThrownBy(() -> ModelZoo.resolve(dir.toString())).hasMessageContaining("model_type 'mamba' is not supported");
        assertThatThrownBy(() -> ModelZoo.resolve("meta-llama/Llama-2-7b")).isInstanceOf(WorkloadException.class)
                .hasMessageContaining("you meant meta-llama/Llama-2-7b-hf?");
    }

    /** Each operator's Einsum, analysed by the einsum-cascade module, does the operator's work (2 OPs per MAC). */
    @Test
    void operatorEinsumsCountTheOperatorsWork() {
        ModelConfig m = ModelZoo.resolve("meta-llama/Llama-2-70b-hf");
        LlmOptions o = new LlmOptions(2, 16, 16, 16, false, false, 1, false, 16, 0, Double.NaN, false,
                EnumSet.allOf(Fix.class));
        TransformerOps.Step s = TransformerOps.Step.of(true, 64, o);
        int checked = 0;
        for (LlmOp op : TransformerOps.block(m, o, s, 27648e3)) {
            Analysis a = CascadeAnalyzer.analyze(SizedCascade.of(CascadeModel.of(
                    CascadeParser.parse(op.name() + ".ein", op.einsum())), op.einsumSizes()));
            if (op.kind() == OpKind.LINEAR) {
                assertThat(2 * a.totalOps().get("mac")).as(op.name()).isEqualTo(op.ops());
                checked++;
            }
            if (op.kind() == OpKind.QK_MATMUL || op.kind() == OpKind.SV_MATMUL) {
                assertThat(2 * a.totalOps().get("mac")).as(op.name()).isEqualTo(op.ops());
                checked++;
            }
        }
        assertThat(checked).isEqualTo(9);
        LlmOptions fa = new LlmOptions(2, 16, 16, 16, true, false, 1, false, 16, 0, Double.NaN, false,
                EnumSet.allOf(Fix.class));
        LlmOp fused = TransformerOps.block(m, fa, s, 27648e3).stream()
                .filter(x -> x.kind() == OpKind.FUSED_ATTENTION).findFirst().orElseThrow();
        Analysis a = CascadeAnalyzer.analyze(SizedCascade.of(CascadeModel.of(
                CascadeParser.parse("fa.ein", fused.einsum())), fused.einsumSizes()));
        assertThat(a.passes()).containsEntry("C", 1); // FlashAttention: one pass over the keys
        assertThat(2 * a.totalOps().get("mac")).isEqualTo(fused.ops() - 5L * 2 * 64 * 64 * 64);
    }
}
