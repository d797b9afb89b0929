package einsim.arch.compute.systolic.scalesim;

/**
 * One layer's numbers, as SCALE-Sim v2 reports them in COMPUTE_REPORT, BANDWIDTH_REPORT and DETAILED_ACCESS_REPORT
 * (cycles; utilisations in percent; counts in words; bandwidths in words/cycle).
 */
public record ScaleSimReport(String layer, long totalCycles, long stallCycles, double overallUtilPct,
                             double mappingEfficiencyPct, double computeUtilPct,
                             long sramIfmapReads, long sramFilterReads, long sramOfmapWrites,
                             long dramIfmapReads, long dramFilterReads, long dramOfmapWrites,
                             double sramIfmapStart, double sramIfmapStop, double sramFilterStart, double sramFilterStop,
                             double sramOfmapStart, double sramOfmapStop,
                             double dramIfmapStart, double dramIfmapStop, double dramFilterStart, double dramFilterStop,
                             double dramOfmapStart, double dramOfmapStop) {

    public double avgIfmapSramBw() { return (double) sramIfmapReads / (double) totalCycles; }

    public double avgFilterSramBw() { return (double) sramFilterReads / (double) totalCycles; }

    public double avgOfmapSramBw() { return (double) sramOfmapWrites / (double) totalCycles; }

    public double avgIfmapDramBw() { return (double) dramIfmapReads / (dramIfmapStop - dramIfmapStart + 1); }

    public double avgFilterDramBw() { return (double) dramFilterReads / (dramFilterStop - dramFilterStart + 1); }

    public double avgOfmapDramBw() { return (double) dramOfmapWrites / (dramOfmapStop - dramOfmapStart + 1); }
}
