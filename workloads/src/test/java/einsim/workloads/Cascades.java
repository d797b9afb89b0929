package einsim.workloads;

import einsim.cascade.analysis.Analysis;
import einsim.cascade.analysis.CascadeAnalyzer;
import einsim.cascade.analysis.CascadeModel;
import einsim.cascade.analysis.SizedCascade;
import einsim.cascade.interp.DenseTensor;
import einsim.cascade.interp.Interpreter;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** Test helpers: size, analyse and run bundled cascades; find the repository's validation/ folder. */
final class Cascades {
    private Cascades() {}

    static SizedCascade sized(String name, Map<String, Long> sizes) {
        return SizedCascade.of(CascadeModel.of(BundledCascades.load(name)), sizes);
    }

    static Analysis analysis(String name, Map<String, Long> sizes) {
        return CascadeAnalyzer.analyze(sized(name, sizes));
    }

    static Map<String, DenseTensor> run(String name, Map<String, Long> sizes, Map<String, DenseTensor> inputs) {
        return Interpreter.run(sized(name, sizes), inputs);
    }

    /** The repository's validation/ folder (copies of the shared references), found from the working directory up. */
    static Path validation() {
        Path p = Path.of("").toAbsolutePath();
        while (p != null) {
            Path v = p.resolve("validation");
            if (Files.isDirectory(v)) return v;
            p = p.getParent();
        }
        throw new IllegalStateException("no validation/ folder above " + Path.of("").toAbsolutePath());
    }
}
