package einsim.arch.compute.systolic;

/** A GEMM tile the array executes: Z[M×N] = A[M×K] · B[K×N] (ifmap A, filter B, ofmap Z). */
public record Gemm(long m, long n, long k) {
    public Gemm {
        if (m < 1 || n < 1 || k < 1) throw new IllegalArgumentException("GEMM sizes must be ≥ 1: " + m + "," + n + "," + k);
    }

    /** A convolution lowered to a GEMM with the standard valid output size floor((H − R)/s) + 1 (no padding). */
    public static Gemm ofConv(long h, long w, long r, long s, long c, long filters, long stride) {
        long eh = (h - r) / stride + 1;
        long ew = (w - s) / stride + 1;
        return new Gemm(eh * ew, filters, r * s * c);
    }

    public long macs() { return m * n * k; }
}
