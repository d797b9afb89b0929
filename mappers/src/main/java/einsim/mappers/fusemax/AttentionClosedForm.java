package einsim.mappers.fusemax;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * The closed-form performance of the five attention designs (FuseMax brief §10), which reproduces the FuseMax
 * artifact's attn-*.csv to rounding. Units: U = (L/D)²·B·H cycles, one op per (m, p) point on D² PEs or per
 * (m1, p) point on D PEs; per-Einsum busy times are multiples of U.
 *
 * <p>{@code compat} reproduces the artifact exactly, including +Cascade sizing its P tile for 16 MiB although FLAT's
 * hardware has 32 MiB (brief §13 quirk 4); without it that quirk is corrected. The other corrections of §13 (a
 * cycle-level fill/drain model for +Architecture, exponent energy) are not in this closed form.
 */
public final class AttentionClosedForm {
    private AttentionClosedForm() {}

    public static AttentionResult evaluate(AttentionDesign design, AttentionShape s, long seqLen, long batch, FuseMaxArch arch, boolean compat) {
        long d = arch.arrayDim();
        if (seqLen < d || seqLen % d != 0) {
            throw new IllegalArgumentException("sequence length " + seqLen + " must be a positive multiple of the array size " + d);
        }
        if (batch < 1) throw new IllegalArgumentException("batch must be at least 1 (got " + batch + ")");
        double bh = (double) batch * s.heads();
        double l = seqLen;
        double lOverD = (double) (seqLen / d);
        double u = lOverD * lOverD * bh;
        double f = arch.clockHz();
        double bw = arch.dramBytesPerS();
        double bpv = arch.bytesPerValue();
        double e = s.e();
        double fd = s.f();
        double fdl = fd * d / l;
        double dd = d;
        Map<String, Double> busy2d = new LinkedHashMap<>();
        double t;
        double b1;
        double traffic;
        long p1 = 0;
        switch (design) {
            case FUSEMAX, PLUS_ARCHITECTURE -> {
                busy2d.put("BQK", e);
                busy2d.put("LM", 1.0);
                busy2d.put("SLN", 7.0);  // exponent as 6 MACs + 1 add
                busy2d.put("SLD", 1.0);
                busy2d.put("SLNV", fd);
                b1 = 10 + 2 * fd + fdl;
                t = design == AttentionDesign.FUSEMAX ? Math.max(e + 1, 1 + fd + fdl) + 9 + fd
                        : Math.max(e + 1, 1 + fdl) + dd + 9 + 2 * fd; // +Architecture: LM waits D cycles for the drain
                p1 = p1(seqLen, d, arch.fuseMaxBufferBytes(), bpv * (e + fd + 2), s);
                traffic = bpv * bh * ((e + fd) * l + (seqLen / (p1 * d)) * (e + fd) * l);
            }
            case PLUS_CASCADE -> {
                busy2d.put("BQK", e);
                busy2d.put("SLNV", fd);
                b1 = 4 * dd + 5 + 2 * fd + fdl;
                t = Math.max(e + fd, b1);
                long buffer = compat ? arch.fuseMaxBufferBytes() : arch.flatBufferBytes();
                p1 = p1(seqLen, d, buffer, bpv * (e + fd + 2 + 2 * dd), s);
                traffic = bpv * bh * ((e + fd) * l + (seqLen / (p1 * d)) * (e + fd) * l);
            }
            case FLAT -> {
                busy2d.put("QK", e);
                busy2d.put("AV", fd);
                b1 = 4 * dd;
                t = Math.max(e + fd, b1);
                if (seqLen > 65536) {
                    p1 = 1024; // FLAT's P tile at 256K and 1M for every model (artifact flat_validation.csv)
                    traffic = bpv * bh * (4 * l * l + (e + fd) * l + (e + fd) * l * (l / p1));
                } else {
                    traffic = Double.NaN; // Timeloop counts scaled by a spill proportion: no closed form
                }
            }
            case UNFUSED -> {
                busy2d.put("QK", e);
                busy2d.put("AV", fd);
                b1 = 4 * dd;
                t = e + fd + 4 * dd;
                double r = seqLen <= 65536 ? 1 : e / 8; // the mapper's re-reads at L ≥ 256K: an empirical fit (brief §10.6)
                double tQk = bpv * bh * (l * l + (1 + r) * e * l) / bw;
                double tAv = bpv * bh * (l * l + (1 + r) * fd * l) / bw;
                double tSm = bpv * bh * 2 * l * l / bw;
                double lat = Math.max(e * u / f, tQk) + Math.max(fd * u / f, tAv) + Math.max(4 * dd * u / f, tSm);
                traffic = bpv * bh * (4 * l * l + (1 + r) * (e + fd) * l);
                return result(design, s, seqLen, batch, t * u, lat, busy2d, b1, u, f, traffic, 0);
            }
            default -> throw new IllegalStateException(design.toString());
        }
        double compute = t * u / f;
        double lat = Double.isNaN(traffic) ? compute : Math.max(compute, traffic / bw);
        return result(design, s, seqLen, batch, t * u, lat, busy2d, b1, u, f, traffic, p1);
    }

    private static AttentionResult result(AttentionDesign design, AttentionShape s, long seqLen, long batch, double cycles, double lat,
                                          Map<String, Double> busy2d, double b1, double u, double f, double traffic, long p1) {
        double b2 = 0;
        Map<String, Double> shares = new LinkedHashMap<>();
        for (Map.Entry<String, Double> x : busy2d.entrySet()) {
            b2 += x.getValue();
            shares.put(x.getKey(), x.getValue() * u / f / lat);
        }
        return new AttentionResult(design, s, seqLen, batch, cycles, lat, b2 * u / f / lat, b1 * u / f / lat, traffic, shares, p1);
    }

    /**
     * P1: the largest divisor of L/D not above min(P1*, L/D), P1* = ⌊(buffer − 2·D·(E+F)) / (D · bytes per query)⌋
     * (the buffer holds one K and V tile plus each query's state; artifact proposal.py, brief §8).
     */
    static long p1(long seqLen, long d, long bufferBytes, double bytesPerQuery, AttentionShape s) {
        long star = (long) Math.floor((bufferBytes - 2.0 * d * (s.e() + s.f())) / (d * bytesPerQuery));
        long n = seqLen / d;
        long cap = Math.min(star, n);
        if (cap < 1) throw new IllegalArgumentException("the buffer of " + bufferBytes + " B cannot hold one K/V tile and one query row of "
                + s.name() + " on a " + d + "-wide array");
        for (long p = cap; p >= 1; p--) if (n % p == 0) return p;
        return 1;
    }

    /** Q/K/V projections, deprojection, FFN1, FFN2 of one layer: compute-bound on D² PEs (brief §10.7). */
    public static double linearLatencyS(AttentionShape s, long seqLen, long batch, FuseMaxArch arch) {
        double m = (double) batch * seqLen;
        double eh = (double) s.e() * s.heads();
        double macs = 3 * m * s.dModel() * eh + m * eh * s.dModel() + 2 * m * s.dModel() * s.ffn();
        return macs / ((double) arch.arrayDim() * arch.arrayDim() * arch.clockHz());
    }

    /** DRAM bytes of the linear layers: each GEMM's operands and result once. */
    public static double linearDramBytes(AttentionShape s, long seqLen, long batch, FuseMaxArch arch) {
        double m = (double) batch * seqLen;
        double eh = (double) s.e() * s.heads();
        double dm = s.dModel();
        double sum = 3 * (m * dm + dm * eh + m * eh) + (m * eh + eh * dm + m * dm) + (m * dm + dm * s.ffn() + m * s.ffn())
                + (m * s.ffn() + s.ffn() * dm + m * dm);
        return arch.bytesPerValue() * sum;
    }
}
