package einsim.arch.compute.systolic.scalesim;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/** Writes SCALE-Sim v2's three report files, header and number formatting exactly as its simulator does. */
public final class ScaleSimReportWriter {
    static final String COMPUTE = "LayerID, Total Cycles, Stall Cycles, Overall Util %, Mapping Efficiency %, Compute Util %,";
    static final String BANDWIDTH = "LayerID, Avg IFMAP SRAM BW, Avg FILTER SRAM BW, Avg OFMAP SRAM BW, Avg IFMAP DRAM BW, "
            + "Avg FILTER DRAM BW, Avg OFMAP DRAM BW,";
    static final String DETAILED = "LayerID, SRAM IFMAP Start Cycle, SRAM IFMAP Stop Cycle, SRAM IFMAP Reads, "
            + "SRAM Filter Start Cycle, SRAM Filter Stop Cycle, SRAM Filter Reads, SRAM OFMAP Start Cycle, "
            + "SRAM OFMAP Stop Cycle, SRAM OFMAP Writes, DRAM IFMAP Start Cycle, DRAM IFMAP Stop Cycle, DRAM IFMAP Reads, "
            + "DRAM Filter Start Cycle, DRAM Filter Stop Cycle, DRAM Filter Reads, DRAM OFMAP Start Cycle, "
            + "DRAM OFMAP Stop Cycle, DRAM OFMAP Writes,";

    private ScaleSimReportWriter() {}

    /** Writes the three files into {@code dir}, one line per layer. */
    public static void write(Path dir, List<ScaleSimReport> layers) throws IOException {
        Files.createDirectories(dir);
        StringBuilder c = new StringBuilder(COMPUTE).append('\n');
        StringBuilder b = new StringBuilder(BANDWIDTH).append('\n');
        StringBuilder d = new StringBuilder(DETAILED).append('\n');
        for (int i = 0; i < layers.size(); i++) {
            ScaleSimReport r = layers.get(i);
            c.append(line(i, r.totalCycles(), r.stallCycles(), f(r.overallUtilPct()), f(r.mappingEfficiencyPct()),
                    f(r.computeUtilPct())));
            b.append(line(i, f(r.avgIfmapSramBw()), f(r.avgFilterSramBw()), f(r.avgOfmapSramBw()), f(r.avgIfmapDramBw()),
                    f(r.avgFilterDramBw()), f(r.avgOfmapDramBw())));
            d.append(line(i, f(r.sramIfmapStart()), f(r.sramIfmapStop()), r.sramIfmapReads(), f(r.sramFilterStart()),
                    f(r.sramFilterStop()), r.sramFilterReads(), f(r.sramOfmapStart()), f(r.sramOfmapStop()),
                    r.sramOfmapWrites(), f(r.dramIfmapStart()), f(r.dramIfmapStop()), r.dramIfmapReads(),
                    f(r.dramFilterStart()), f(r.dramFilterStop()), r.dramFilterReads(), f(r.dramOfmapStart()),
                    f(r.dramOfmapStop()), r.dramOfmapWrites()));
        }
        Files.writeString(dir.resolve("COMPUTE_REPORT.csv"), c, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("BANDWIDTH_REPORT.csv"), b, StandardCharsets.UTF_8);
        Files.writeString(dir.resolve("DETAILED_ACCESS_REPORT.csv"), d, StandardCharsets.UTF_8);
    }

    private static String f(double x) { return PyFloat.repr(x); }

    /** {@code str(LayerID) + ", " + ", ".join(values) + ",\n"}. */
    private static String line(int id, Object... values) {
        StringBuilder sb = new StringBuilder().append(id);
        for (int i = 0; i < values.length; i++) sb.append(i == 0 ? ", " : ", ").append(values[i]);
        return sb.append(",\n").toString();
    }
}
