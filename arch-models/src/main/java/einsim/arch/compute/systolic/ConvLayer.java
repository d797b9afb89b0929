package einsim.arch.compute.systolic;

/**
 * One layer as SCALE-Sim sees it: a convolution (a GEMM is H = M, W = K, R = 1, S = K, C = 1, filters = N). The
 * GEMM it lowers to has M = E_h·E_w output pixels, N filters and K = R·S·C, with SCALE-Sim's output size
 * E = ceil((H − R + s)/s) (systolic brief §2.2).
 */
public record ConvLayer(String name, long ifmapH, long ifmapW, long filterH, long filterW, long channels, long filters,
                        long strideH, long strideW, boolean gemm) {

    public static ConvLayer gemm(String name, long m, long n, long k) {
        return new ConvLayer(name, m, k, 1, k, 1, n, 1, 1, true);
    }

    /** Output rows, SCALE-Sim's ceil rule. */
    public long ofmapH() { return ceilDiv(ifmapH - filterH + strideH, strideH); }

    public long ofmapW() { return ceilDiv(ifmapW - filterW + strideW, strideW); }

    /** Output rows by the standard valid-convolution size floor((H − R)/s) + 1. */
    public long ofmapHValid() { return (ifmapH - filterH) / strideH + 1; }

    public long ofmapWValid() { return (ifmapW - filterW) / strideW + 1; }

    public long m() { return ofmapH() * ofmapW(); }

    public long n() { return filters; }

    public long k() { return filterH * filterW * channels; }

    public long macs() { return m() * n() * k(); }

    static long ceilDiv(long a, long b) { return (a + b - 1) / b; }
}
