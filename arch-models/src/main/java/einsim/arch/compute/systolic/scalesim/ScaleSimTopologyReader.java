package einsim.arch.compute.systolic.scalesim;

import einsim.arch.compute.systolic.ConvLayer;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Reads a SCALE-Sim topology file as {@code topology_utils} does: the first line is a header, empty lines are
 * skipped, each row's last comma-separated field is dropped (SCALE-Sim's files keep notes there), fields are
 * stripped integers. Conv rows are {@code name, H, W, R, S, C, N, stride_h[, stride_w],}; GEMM rows
 * {@code name, M, N, K,}. A conv layer whose name contains {@code DP} is depthwise: C layers of one channel each.
 * A row without its trailing comma, which SCALE-Sim silently misreads, is an error here.
 */
public final class ScaleSimTopologyReader {
    private ScaleSimTopologyReader() {}

    /** True when the header names the GEMM form (M, N, K). */
    public static boolean looksLikeGemm(Path file) {
        try {
            List<String> lines = Files.readAllLines(file, StandardCharsets.UTF_8);
            if (lines.isEmpty()) return false;
            String[] h = lines.get(0).split(",");
            return h.length >= 4 && h[1].strip().equalsIgnoreCase("M") && h[2].strip().equalsIgnoreCase("N")
                    && h[3].strip().equalsIgnoreCase("K");
        } catch (IOException e) {
            return false;
        }
    }

    public static List<ConvLayer> read(Path file, boolean gemm) {
        List<String> lines;
        try {
            lines = Files.readAllLines(file, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new ScaleSimException(file.toString(), "cannot read the topology: " + e.getMessage(), "check the path");
        }
        String src = file.toString();
        List<ConvLayer> out = new ArrayList<>();
        for (int i = 1; i < lines.size(); i++) {
            String row = lines.get(i);
            if (row.strip().isEmpty()) continue;
            String where = src + ":" + (i + 1);
            int last = row.lastIndexOf(',');
            if (last < 0) {
                throw new ScaleSimException(where, "a topology row must end with a comma; this row has none",
                        "write " + row.strip() + ",");
            }
            String[] f = row.substring(0, last).split(",", -1);
            int want = gemm ? 4 : 8;
            if (f.length < want) {
                throw new ScaleSimException(where, "expected " + (gemm ? "name, M, N, K," : "name, H, W, R, S, C, N, stride,")
                        + " but found " + f.length + " field" + (f.length == 1 ? "" : "s") + " before the last comma",
                        f.length == want - 1 ? "add the trailing comma: SCALE-Sim drops the last field" : "check the row");
            }
            String name = f[0].strip();
            long[] v = new long[f.length - 1];
            for (int j = 1; j < f.length; j++) {
                try {
                    v[j - 1] = Long.parseLong(f[j].strip());
                } catch (NumberFormatException e) {
                    throw new ScaleSimException(where, "field " + (j + 1) + " = '" + f[j].strip() + "' is not a whole number",
                            "topology fields are integers");
                }
                if (v[j - 1] < 1) {
                    throw new ScaleSimException(where, "field " + (j + 1) + " = " + v[j - 1] + ": must be at least 1",
                            "sizes and strides are positive");
                }
            }
            if (gemm) {
                out.add(ConvLayer.gemm(name, v[0], v[1], v[2]));
                continue;
            }
            long h = v[0], w = v[1], r = v[2], s = v[3], c = v[4], n = v[5], sh = v[6];
            long sw = v.length > 7 ? v[7] : sh;
            if (r > h || s > w) {
                throw new ScaleSimException(where, "filter " + r + "x" + s + " is larger than the input " + h + "x" + w,
                        "check the column order: name, H, W, R, S, C, N, stride");
            }
            if (name.contains("DP")) {
                for (long ch = 0; ch < c; ch++) out.add(new ConvLayer(name + "Channel_" + ch, h, w, r, s, 1, n, sh, sw, false));
            } else {
                out.add(new ConvLayer(name, h, w, r, s, c, n, sh, sw, false));
            }
        }
        if (out.isEmpty()) throw new ScaleSimException(src, "the topology has no layer after its header line",
                "the first line is always skipped as a header");
        return out;
    }
}
