package einsim.arch.compute.systolic;

import einsim.arch.compute.systolic.scalesim.ScaleSimConfigReader;
import einsim.arch.compute.systolic.scalesim.ScaleSimModel;
import einsim.arch.compute.systolic.scalesim.ScaleSimReport;
import einsim.arch.compute.systolic.scalesim.ScaleSimReportWriter;
import einsim.arch.compute.systolic.scalesim.ScaleSimTopologyReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * The SCALE-Sim drop-in against every v2 run of validation/scalesim (123 CALC, 16 USER): the three report files,
 * field by field, as strings.
 */
class ScaleSimGoldenTest {
    static Path raw() {
        Path p = Path.of("").toAbsolutePath();
        while (!Files.isDirectory(p.resolve("validation"))) p = p.getParent();
        return p.resolve("validation/scalesim/raw");
    }

    static List<Path> cases(String prefix) throws IOException {
        try (Stream<Path> s = Files.list(raw())) {
            return s.filter(p -> p.getFileName().toString().startsWith(prefix)).sorted().collect(Collectors.toList());
        }
    }

    static List<String> mismatches(Path dir, Path out) throws IOException {
        ScaleSimConfigReader.Config cfg = ScaleSimConfigReader.read(dir.resolve("config.cfg"));
        Path topo = dir.resolve("topology.csv");
        List<ScaleSimReport> reports = new ArrayList<>();
        for (ConvLayer l : ScaleSimTopologyReader.read(topo, ScaleSimTopologyReader.looksLikeGemm(topo))) {
            reports.add(ScaleSimModel.run(cfg.spec(), l));
        }
        Path o = out.resolve(dir.getFileName());
        ScaleSimReportWriter.write(o, reports);
        List<String> bad = new ArrayList<>();
        for (String f : List.of("COMPUTE_REPORT.csv", "BANDWIDTH_REPORT.csv", "DETAILED_ACCESS_REPORT.csv")) {
            List<String> want = Files.readAllLines(dir.resolve(f));
            List<String> got = Files.readAllLines(o.resolve(f));
            String[] head = want.get(0).split(",");
            for (int i = 0; i < Math.max(want.size(), got.size()); i++) {
                String[] w = i < want.size() ? want.get(i).split(",") : new String[0];
                String[] g = i < got.size() ? got.get(i).split(",") : new String[0];
                for (int j = 0; j < Math.max(w.length, g.length); j++) {
                    String wj = j < w.length ? w[j].strip() : "<none>";
                    String gj = j < g.length ? g[j].strip() : "<none>";
                    if (!wj.equals(gj)) bad.add(dir.getFileName() + " " + f + " " + head[Math.min(j, head.length - 1)].strip()
                            + ": " + gj + " want " + wj);
                }
            }
            if (bad.isEmpty()) {
                assertThat(Files.readString(o.resolve(f))).as(dir.getFileName() + " " + f)
                        .isEqualTo(Files.readString(dir.resolve(f)).replace("\r\n", "\n"));
            }
        }
        return bad;
    }

    @Test
    void everyV2CalcRunMatchesAsStrings(@TempDir Path out) throws IOException {
        List<Path> runs = cases("v2_calc_");
        assertThat(runs).hasSize(123);
        List<String> bad = new ArrayList<>();
        for (Path d : runs) bad.addAll(mismatches(d, out));
        assertThat(bad).isEmpty();
    }

    @Test
    void everyV2UserRunMatchesAsStrings(@TempDir Path out) throws IOException {
        List<Path> runs = cases("v2_userbw");
        assertThat(runs).hasSize(16);
        List<String> bad = new ArrayList<>();
        for (Path d : runs) bad.addAll(mismatches(d, out));
        assertThat(bad).isEmpty();
    }
}
