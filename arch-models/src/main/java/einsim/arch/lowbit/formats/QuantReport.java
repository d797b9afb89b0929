package einsim.arch.lowbit.formats;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Quantizes a weight matrix [rows = output channels, cols = input channels] with each format and reports the error and
 * the effective bits per weight (value bits plus the scales' and zero points' share). Groups run along the input
 * channels (lowbit brief §2.1).
 */
public final class QuantReport {
    /**
     * @param bitsPerWeight value bits + scale (and zero point, type id) bits per weight
     * @param sqnrDb        10·log10(Σw² / Σ(w − ŵ)²)
     */
    public record Row(String format, String granularity, double bitsPerWeight, double mse, double sqnrDb, String note) {}

    private QuantReport() {}

    /** A seeded weight matrix with LLM-like structure: N(0, 0.02) and a fraction of input channels 20× larger. */
    public static double[][] synthetic(int rows, int cols, long seed, double outlierChannels) {
        if (rows < 1 || cols < 1) throw new IllegalArgumentException("the tensor needs at least one row and one column");
        SplittableRandom r = new SplittableRandom(seed);
        boolean[] hot = new boolean[cols];
        for (int c = 0; c < cols; c++) hot[c] = r.nextDouble() < outlierChannels;
        double[][] w = new double[rows][cols];
        for (int i = 0; i < rows; i++) {
            for (int c = 0; c < cols; c++) {
                double g = gaussian(r) * 0.02;
                w[i][c] = hot[c] ? g * 20 : g;
            }
        }
        return w;
    }

    private static double gaussian(SplittableRandom r) {
        double u = r.nextDouble();
        double v = r.nextDouble();
        return Math.sqrt(-2 * Math.log(1 - u)) * Math.cos(2 * Math.PI * v);
    }

    /** Reads a 1-, 2- or n-D .npy array of float16, float32 or float64 (little-endian, C order) as rows × last axis. */
    public static double[][] readNpy(Path p) {
        byte[] b;
        try {
            b = Files.readAllBytes(p);
        } catch (IOException e) {
            throw new IllegalArgumentException("cannot read " + p + ": " + e.getMessage());
        }
        if (b.length < 6 || (b[0] & 0xff) != 0x93 || !new String(b, 1, 5, StandardCharsets.ISO_8859_1).equals("NUMPY")) {
            throw new IllegalArgumentException(p + " is not a .npy file (no \\x93NUMPY magic)");
        }
        if (b.length < 10) throw new IllegalArgumentException(p + " ends inside its .npy header");
        int major = b[6];
        if (major < 1 || major > 3) throw new IllegalArgumentException(p + ": .npy format version " + major + " is not 1, 2 or 3");
        ByteBuffer bb = ByteBuffer.wrap(b).order(ByteOrder.LITTLE_ENDIAN);
        int start = major == 1 ? 10 : 12;
        if (b.length < start) throw new IllegalArgumentException(p + " ends inside its .npy header");
        long hlen = major == 1 ? Short.toUnsignedInt(bb.getShort(8)) : Integer.toUnsignedLong(bb.getInt(8));
        if (start + hlen > b.length) throw new IllegalArgumentException(p + " ends inside its .npy header");
        String header = new String(b, start, (int) hlen, StandardCharsets.ISO_8859_1);
        Matcher d = Pattern.compile("'descr':\\s*'([^']*)'").matcher(header);
        Matcher f = Pattern.compile("'fortran_order':\\s*(True|False)").matcher(header);
        Matcher s = Pattern.compile("'shape':\\s*\\(([^)]*)\\)").matcher(header);
        if (!d.find() || !f.find() || !s.find()) throw new IllegalArgumentException(p + ": unreadable .npy header: " + header.trim());
        String descr = d.group(1);
        int width = switch (descr) {
            case "<f2" -> 2;
            case "<f4" -> 4;
            case "<f8" -> 8;
            default -> throw new IllegalArgumentException(p + ": dtype '" + descr + "' is not a little-endian float16, float32 or float64 array; "
                    + "save it with numpy.save(path, w.astype(numpy.float32))");
        };
        if (f.group(1).equals("True")) throw new IllegalArgumentException(p + " is in Fortran order; save it with numpy.ascontiguousarray(w)");
        List<Long> dims = new ArrayList<>();
        for (String x : s.group(1).split(",")) {
            if (x.isBlank()) continue;
            if (!x.trim().matches("\\d{1,18}")) throw new IllegalArgumentException(p + ": shape (" + s.group(1) + ") is not a tuple of sizes");
            dims.add(Long.parseLong(x.trim()));
        }
        if (dims.isEmpty()) throw new IllegalArgumentException(p + " holds a scalar, not a weight matrix");
        long cols = dims.get(dims.size() - 1);
        long n = 1;
        for (long x : dims) {
            if (x < 1) throw new IllegalArgumentException(p + ": shape " + dims + " is empty");
            if (n > (1L << 31) / x) throw new IllegalArgumentException(p + ": shape " + dims + " has more than 2^31 values");
            n *= x;
        }
        if (start + hlen + n * width > b.length) throw new IllegalArgumentException(p + " is shorter than its shape " + dims + " says");
        double[][] w = new double[(int) (n / cols)][(int) cols];
        int off = (int) (start + hlen);
        for (int i = 0; i < w.length; i++) {
            for (int c = 0; c < cols; c++) {
                w[i][c] = switch (width) {
                    case 2 -> Float.intBitsToFloat(half(bb.getShort(off)));
                    case 4 -> bb.getFloat(off);
                    default -> bb.getDouble(off);
                };
                if (!Double.isFinite(w[i][c])) {
                    throw new IllegalArgumentException(p + ": value [" + i + ", " + c + "] is " + w[i][c] + "; weights must be finite");
                }
                off += width;
            }
        }
        return w;
    }

    /** IEEE half to float bits. */
    private static int half(short h) {
        int s = (h >> 15) & 1;
        int e = (h >> 10) & 0x1f;
        int m = h & 0x3ff;
        if (e == 0) {
            if (m == 0) return s << 31;
            while ((m & 0x400) == 0) {
                m <<= 1;
                e--;
            }
            e++;
            m &= 0x3ff;
        } else if (e == 31) {
            return (s << 31) | 0x7f800000 | (m << 13);
        }
        return (s << 31) | ((e + 112) << 23) | (m << 13);
    }

    public static List<Row> run(double[][] w, int group, int intBits) { return run(w, group, intBits, false); }

    /** @param bitmodMx MX rows in BitMoD's {@code quant_mx} form (its compat mode) instead of OCP's */
    public static List<Row> run(double[][] w, int group, int intBits, boolean bitmodMx) {
        int cols = w[0].length;
        if (group < 1 || cols % group != 0) {
            throw new IllegalArgumentException("group size " + group + " does not divide the " + cols + " input channels; use a divisor such as "
                    + largestDivisor(cols, 128));
        }
        if (intBits < 2 || intBits > 16) throw new IllegalArgumentException("INT bits " + intBits + " must be from 2 to 16");
        List<Row> out = new ArrayList<>();
        double g = group;
        out.add(row("int" + intBits, "group " + group, intBits + 16 / g, w, group, x -> Quantizers.intSymmetric(intBits, x), "FP16 scale per group"));
        out.add(row("int" + intBits + "_asym", "group " + group, intBits + (16 + intBits) / g, w, group, x -> Quantizers.intAsymmetric(intBits, x),
                "FP16 scale and an INT zero point per group"));
        out.add(row("fp4 (e2m1)", "group " + group, 4 + 16 / g, w, group, x -> Quantizers.grid(Formats.grid("e2m1"), x), "FP16 scale per group"));
        out.add(bitmod(w, group, 4));
        out.add(bitmod(w, group, 3));
        out.add(ant(w));
        Row oInt = row("olive4", "per output channel", 4 + 16.0 / cols, w, cols, x -> Quantizers.olive(x, false),
                "int4 normal grid chosen for the tensor; outlier-victim pairs, abfloat outliers, clipping searched per channel");
        Row oFlint = row("olive4", "per output channel", 4 + 16.0 / cols, w, cols, x -> Quantizers.olive(x, true),
                "flint4 normal grid chosen for the tensor; outlier-victim pairs, abfloat outliers, clipping searched per channel");
        out.add(oFlint.mse() < oInt.mse() ? oFlint : oInt);
        if (cols % 32 == 0) {
            out.add(bitmodMx
                    ? row("mxfp4 (BitMoD)", "block 32", 4.25, w, 32, x -> Quantizers.mxBitmod(Formats.grid("fp4"), x),
                            "BitMoD's quant_mx: 2^floor(log2 max)·2/12 per 32, no saturation")
                    : row("mxfp4 (OCP)", "block 32", 4.25, w, 32, x -> Quantizers.mx(Formats.grid("e2m1"), 2, x), "E8M0 scale per 32"));
        }
        return out;
    }

    private static int largestDivisor(int n, int cap) {
        for (int d = Math.min(n, cap); d >= 1; d--) if (n % d == 0) return d;
        return 1;
    }

    private static Row row(String name, String gran, double bits, double[][] w, int group, java.util.function.Function<double[], Quantizers.Block> q,
                           String note) {
        double err = 0;
        double sig = 0;
        long n = 0;
        for (double[] r : w) {
            for (int c = 0; c < r.length; c += group) {
                double[] x = java.util.Arrays.copyOfRange(r, c, c + group);
                Quantizers.Block b = q.apply(x);
                for (int i = 0; i < x.length; i++) {
                    err += (x[i] - b.deq()[i]) * (x[i] - b.deq()[i]);
                    sig += x[i] * x[i];
                }
                n += x.length;
            }
        }
        return new Row(name, gran, bits, err / n, 10 * Math.log10(sig / err), note);
    }

    /** BitMoD: per group the best of the four candidates, group scales as 8-bit integers of a per-row scale (§2.3). */
    private static Row bitmod(double[][] w, int group, int bits) {
        List<Grid> cands = Quantizers.bitmodCandidates(bits);
        double err = 0;
        double sig = 0;
        long n = 0;
        for (double[] r : w) {
            int ng = r.length / group;
            Quantizers.Block[] bs = new Quantizers.Block[ng];
            double smax = 0;
            for (int k = 0; k < ng; k++) {
                bs[k] = Quantizers.bitmod(cands, java.util.Arrays.copyOfRange(r, k * group, (k + 1) * group));
                smax = Math.max(smax, bs[k].scale());
            }
            double srow = smax == 0 ? 1 : smax / 255;
            for (int k = 0; k < ng; k++) {
                double qs = Math.max(0, Math.min(255, Math.rint(bs[k].scale() / srow)));
                for (int i = 0; i < group; i++) {
                    double x = r[k * group + i];
                    double d = bs[k].codes()[i] * srow * qs;
                    err += (x - d) * (x - d);
                    sig += x * x;
                }
                n += group;
            }
        }
        return new Row("bitmod-fp" + bits, "group " + group, bits + 8.0 / group, err / n, 10 * Math.log10(sig / err),
                "per group the best of " + cands.stream().map(Grid::name).toList() + ", 8-bit scale; the 2-bit type id is not counted, as in BitMoD's simulator");
    }

    /** ANT: one type per tensor (int4, flint4 or PoT4, by error), a scale per output channel. */
    private static Row ant(double[][] w) {
        Row best = null;
        for (String t : new String[]{"ant_int4", "ant_flint4", "ant_pot4"}) {
            Grid g = Formats.grid(t);
            Row r = row("ant4", "per output channel", 4 + 16.0 / w[0].length, w, w[0].length, x -> Quantizers.grid(g, x), "type " + t + " chosen for the tensor");
            if (best == null || r.mse() < best.mse()) best = r;
        }
        return best;
    }
}
