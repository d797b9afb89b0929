package einsim.arch.device;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DeviceCatalogTest {
    private static Path validation() {
        Path p = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(p.resolve("validation"))) p = p.getParent();
        return p.resolve("validation");
    }

    @Test
    void holdsEveryLlmViewerEntryWithTheSameKeysAndValues() throws IOException {
        JsonNode table = new ObjectMapper().readTree(validation().resolve("llmviewer/hardware_table.json").toFile())
                .get("upstream_df2cba9");
        int n = 0;
        for (Iterator<Map.Entry<String, JsonNode>> it = table.fields(); it.hasNext(); n++) {
            Map.Entry<String, JsonNode> e = it.next();
            Device d = DeviceCatalog.resolve(e.getKey());
            JsonNode v = e.getValue();
            assertThat(d.bandwidthBytesPerS()).as(e.getKey()).isEqualTo(v.get("bandwidth").asDouble());
            for (String tier : new String[]{"FP16", "INT8", "INT4"}) {
                if (v.has(tier)) assertThat(d.peakOpsPerS().get(Precision.valueOf(tier))).isEqualTo(v.get(tier).asDouble());
                else assertThat(d.peakOpsPerS()).doesNotContainKey(Precision.valueOf(tier));
            }
            assertThat(d.onchipBufferBytes()).isEqualTo(v.get("onchip_buffer").asDouble());
            assertThat(d.memoryCapacityBytes()).isEqualTo(v.get("memory_capacity").asDouble());
            assertThat(d.provenance().source()).contains("df2cba9");
        }
        assertThat(n).isEqualTo(19);
        assertThat(DeviceCatalog.all()).containsKeys("nvidia_H200", "nvidia_B200", "amd_MI300X", "intel_xeon_8480");
    }

    @Test
    void everyNumberHasAProvenance() {
        for (Device d : DeviceCatalog.all().values()) {
            for (String f : new String[]{"bandwidth_bytes_per_s", "peak_ops_per_s", "onchip_buffer_bytes",
                    "memory_capacity_bytes"}) {
                Provenance p = d.provenanceOf(f);
                assertThat(p.source()).as(d.key() + "." + f).isNotBlank();
            }
            if (d.hasInterconnect()) assertThat(d.fieldProvenance()).as(d.key()).containsKey("interconnect_bytes_per_s");
        }
    }

    @Test
    void peakPickingFollowsLlmViewerAndEinsim() {
        Device h100 = DeviceCatalog.resolve("nvidia_H100");
        assertThat(h100.peakLlmViewer(4)).isEqualTo(1979e12); // no INT4 tier: INT8
        assertThat(h100.peakLlmViewer(16)).isEqualTo(989.5e12);
        Device b200 = DeviceCatalog.resolve("nvidia_B200");
        assertThat(b200.tierFor(4)).isEqualTo(Precision.FP4);
        assertThat(b200.tierFor(8)).isEqualTo(Precision.INT8);
        assertThat(DeviceCatalog.resolve("amd_MI300X").tierFor(4)).isEqualTo(Precision.INT8);
    }

    @Test
    void unknownKeyNamesTheClosest() {
        assertThatThrownBy(() -> DeviceCatalog.resolve("nvidia_A100_8OG")).isInstanceOf(DeviceException.class)
                .hasMessageContaining("you meant nvidia_A100_80G?");
    }

    @Test
    void customDeviceFromYamlIsValidated(@TempDir Path dir) throws IOException {
        Path ok = dir.resolve("mychip.yaml");
        Files.writeString(ok, "name: My chip\nbandwidth_bytes_per_s: 1.0e12\npeak_ops_per_s: {FP16: 100e12, INT8: 200e12}\n"
                + "memory_capacity_bytes: 17179869184\nprovenance: {kind: ESTIMATED, source: our design}\n");
        Device d = DeviceCatalog.resolve(ok.toString());
        assertThat(d.key()).isEqualTo("mychip");
        assertThat(d.peakLlmViewer(8)).isEqualTo(200e12);
        Path zero = dir.resolve("zero.yaml");
        Files.writeString(zero, "bandwidth_bytes_per_s: 0\npeak_ops_per_s: {FP16: 1e12}\nprovenance: {kind: ESTIMATED, source: x}\n");
        assertThatThrownBy(() -> DeviceCatalog.resolve(zero.toString())).isInstanceOf(DeviceException.class)
                .hasMessageContaining("bandwidth_bytes_per_s = 0: must be a positive number");
        Path typo = dir.resolve("typo.yaml");
        Files.writeString(typo, "bandwith_bytes_per_s: 1e12\npeak_ops_per_s: {FP16: 1e12}\nprovenance: {kind: ESTIMATED, source: x}\n");
        assertThatThrownBy(() -> DeviceCatalog.resolve(typo.toString())).isInstanceOf(DeviceException.class)
                .hasMessageContaining("unknown field 'bandwith_bytes_per_s'").hasMessageContaining("bandwidth_bytes_per_s?");
    }
}
