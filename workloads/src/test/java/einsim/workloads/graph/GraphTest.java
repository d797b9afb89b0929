package einsim.workloads.graph;

import com.fasterxml.jackson.databind.ObjectMapper;
import einsim.workloads.llm.WorkloadException;
import org.junit.jupiter.api.Test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

/** The graph JSON reader's rules and the zoo's shapes. */
class GraphTest {
    private static TensorGraph parse(String json) throws Exception {
        return GraphReader.parse("g.json", new ObjectMapper().readTree(json));
    }

    @Test
    void readsAndIgnoresUnknownFields() throws Exception {
        TensorGraph g = parse("{\"name\":\"t\",\"expected\":[1],\"tensors\":[{\"name\":\"x\",\"bytes\":2},{\"name\":\"y\",\"bytes\":3}],"
                + "\"ops\":[{\"name\":\"a\",\"inputs\":[],\"outputs\":[\"x\"]},{\"name\":\"b\",\"inputs\":[\"x\"],\"outputs\":[\"y\"]}]}");
        assertThat(g.ops()).hasSize(2);
        assertThat(g.defaultOrder()).containsExactly(0, 1);
        assertThat(g.producers()).containsExactly(0, 1);
    }

    @Test
    void rejectsACycleNamingTheFile() {
        assertThatThrownBy(() -> parse("{\"tensors\":[{\"name\":\"x\",\"bytes\":2},{\"name\":\"y\",\"bytes\":3}],"
                + "\"ops\":[{\"name\":\"a\",\"inputs\":[\"y\"],\"outputs\":[\"x\"]},{\"name\":\"b\",\"inputs\":[\"x\"],\"outputs\":[\"y\"]}]}"))
                .isInstanceOf(WorkloadException.class).hasMessageContaining("g.json").hasMessageContaining("cycle");
    }

    @Test
    void rejectsBadSizesUnknownTensorsDoubleProducersAndBadSchedules() {
        assertThatThrownBy(() -> parse("{\"tensors\":[{\"name\":\"x\",\"bytes\":-4}],\"ops\":[]}"))
                .hasMessageContaining("tensors[0] (x).bytes").hasMessageContaining("from 1 to 2^50");
        assertThatThrownBy(() -> parse("{\"tensors\":[{\"name\":\"x\",\"bytes\":4}],\"ops\":[{\"name\":\"a\",\"inputs\":[\"z\"],\"outputs\":[\"x\"]}]}"))
                .hasMessageContaining("unknown tensor 'z'");
        assertThatThrownBy(() -> parse("{\"tensors\":[{\"name\":\"x\",\"bytes\":4}],\"ops\":[{\"name\":\"a\",\"outputs\":[\"x\"]},"
                + "{\"name\":\"b\",\"outputs\":[\"x\"]}]}")).hasMessageContaining("output of both a and b");
        assertThatThrownBy(() -> parse("{\"tensors\":[{\"name\":\"x\",\"bytes\":4},{\"name\":\"y\",\"bytes\":4}],"
                + "\"ops\":[{\"name\":\"a\",\"outputs\":[\"x\"]},{\"name\":\"b\",\"inputs\":[\"x\"],\"outputs\":[\"y\"]}],\"schedule\":[\"b\",\"a\"]}"))
                .hasMessageContaining("runs b before a");
        assertThatThrownBy(() -> parse("{\"ops\":[]}")).hasMessageContaining("a graph has tensors");
        assertThatThrownBy(() -> parse("{\"tensors\":[{\"name\":\"x\",\"bytes\":2.7}],\"ops\":[]}")).hasMessageContaining("whole number of bytes");
        assertThatThrownBy(() -> parse("{\"tensors\":[{\"name\":\"x\",\"bytes\":5000000000000000000}],\"ops\":[]}"))
                .hasMessageContaining("from 1 to 2^50");
    }

    @Test
    void resnet50WeightsMatchTorchvision() {
        // torchvision resnet50: 25,557,032 parameters = conv and fc weights + 53,120 batch-norm parameters + 1,000 fc biases
        TensorGraph g = GraphZoo.get("resnet50");
        long w = g.tensors().stream().filter(t -> t.name().endsWith(".w")).mapToLong(TensorGraph.Tensor::bytes).sum();
        assertThat(w).isEqualTo(25_557_032L - 53_120 - 1_000);
        assertThat(g.tensors().stream().filter(t -> t.name().equals("layer4.2.add")).findFirst().orElseThrow().bytes())
                .isEqualTo(2048L * 7 * 7);
    }

    @Test
    void mobilenetV2WeightsMatchTorchvision() {
        // torchvision mobilenet_v2: 3,504,872 parameters; batch norm has 2 per channel of every conv output (34,112), fc bias 1,000
        TensorGraph g = GraphZoo.get("mobilenetv2");
        long w = g.tensors().stream().filter(t -> t.name().endsWith(".w")).mapToLong(TensorGraph.Tensor::bytes).sum();
        assertThat(w).isEqualTo(3_504_872L - 34_112 - 1_000);
    }

    @Test
    void everyZooGraphIsAcyclicAndUnique() {
        for (String id : GraphZoo.list().keySet()) {
            TensorGraph g = GraphZoo.get(id);
            assertThat(g.topologicalOrder()).as(id).isNotNull();
            assertThat(g.tensorIndex()).as(id).hasSameSizeAs(g.tensors());
            assertThat(g.opIndex()).as(id).hasSameSizeAs(g.ops());
        }
        assertThatThrownBy(() -> GraphZoo.get("resnet51")).hasMessageContaining("unknown zoo graph 'resnet51'")
                .hasMessageContaining("resnet50");
    }
}
