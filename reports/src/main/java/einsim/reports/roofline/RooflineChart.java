package einsim.reports.roofline;

import einsim.arch.device.Device;
import einsim.workloads.llm.LlmOptions;
import einsim.workloads.llm.ModelConfig;
import einsim.workloads.llm.OpKind;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.annotations.XYTextAnnotation;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.ui.RectangleAnchor;
import org.jfree.chart.ui.TextAnchor;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import org.jfree.svg.SVGGraphics2D;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Rectangle;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Charts of a roofline analysis (JFreeChart): the device's roof with its ridge point and each operator as a labelled
 * point, and decode time per token against context length. PNG or SVG by the file's extension.
 */
public final class RooflineChart {
    private static final int WIDTH = 1000;
    private static final int HEIGHT = 640;

    private RooflineChart() {}

    /** The roofline: attained OP/s against arithmetic intensity (OP/B), both log-scaled. */
    public static JFreeChart roofline(RooflineResult r) {
        Device dev = r.device();
        double peak = r.layers().isEmpty() ? dev.peakOpsPerS().values().iterator().next() : r.layers().get(0).peakOpsPerS();
        double bw = dev.bandwidthBytesPerS();
        double ridge = peak / bw;
        double lo = ridge / 1e3;
        double hi = ridge * 30;
        for (OpResult x : r.layers()) {
            if (x.arithmeticIntensity() > 0 && Double.isFinite(x.arithmeticIntensity())) {
                lo = Math.min(lo, x.arithmeticIntensity() / 2);
                hi = Math.max(hi, x.arithmeticIntensity() * 2);
            }
        }
        XYSeries roof = new XYSeries("roof of " + dev.key(), false);
        roof.add(lo, lo * bw);
        roof.add(ridge, peak);
        roof.add(hi, peak);
        XYSeries points = new XYSeries("operators", false);
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(roof);
        data.addSeries(points);
        LogAxis x = decades("arithmetic intensity (OP/byte)");
        LogAxis y = decades("attained performance (OP/s)");
        x.setSmallestValue(1e-6);
        y.setSmallestValue(1);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer();
        renderer.setSeriesLinesVisible(0, true);
        renderer.setSeriesShapesVisible(0, false);
        renderer.setSeriesPaint(0, new Color(40, 40, 40));
        renderer.setSeriesStroke(0, new BasicStroke(2.5f));
        renderer.setSeriesLinesVisible(1, false);
        renderer.setSeriesShapesVisible(1, true);
        renderer.setSeriesPaint(1, new Color(200, 50, 40));
        y.setUpperMargin(0.12);
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(220, 220, 220));
        plot.setRangeGridlinePaint(new Color(220, 220, 220));
        ValueMarker m = new ValueMarker(ridge, new Color(90, 90, 200), new BasicStroke(1f, BasicStroke.CAP_BUTT,
                BasicStroke.JOIN_MITER, 1f, new float[]{5f, 5f}, 0f));
        m.setLabel(String.format(Locale.ROOT, "ridge %.1f OP/B", ridge));
        m.setLabelAnchor(RectangleAnchor.BOTTOM_RIGHT);
        m.setLabelTextAnchor(TextAnchor.BOTTOM_LEFT);
        m.setLabelFont(new Font(Font.SANS_SERIF, Font.PLAIN, 12));
        plot.addDomainMarker(m);
        // operators at (almost) the same point share one label, so a decode step's seven projections read as one
        List<double[]> spots = new ArrayList<>();
        List<StringBuilder> names = new ArrayList<>();
        for (OpResult o : r.layers()) {
            double ai = o.arithmeticIntensity();
            if (!(ai > 0) || !Double.isFinite(ai) || o.op().kind() == OpKind.ALL_REDUCE || o.timeS() <= 0) continue;
            double perf = o.op().ops() / o.timeS();
            points.add(ai, perf);
            int near = -1;
            for (int k = 0; k < spots.size(); k++) {
                if (Math.abs(Math.log10(spots.get(k)[0] / ai)) < 0.04 && Math.abs(Math.log10(spots.get(k)[1] / perf)) < 0.04) {
                    near = k;
                    break;
                }
            }
            if (near < 0) {
                spots.add(new double[]{ai, perf});
                names.add(new StringBuilder(o.op().name()));
            } else {
                names.get(near).append(", ").append(o.op().name());
            }
        }
        // labels below and right of their point; a label that would overlap an earlier one moves down a line
        List<double[]> placed = new ArrayList<>();
        double line = 0.07; // one text line in decades of the y axis, at this chart size
        for (int k = 0; k < spots.size(); k++) {
            double lx = Math.log10(spots.get(k)[0]);
            double ly = Math.log10(spots.get(k)[1]);
            boolean moved = true;
            while (moved) {
                moved = false;
                for (double[] p : placed) {
                    if (Math.abs(p[0] - lx) < 0.9 && Math.abs(p[1] - ly) < line) {
                        ly = p[1] - line;
                        moved = true;
                    }
                }
            }
            placed.add(new double[]{lx, ly});
            XYTextAnnotation label = new XYTextAnnotation("  " + names.get(k), spots.get(k)[0], Math.pow(10, ly));
            label.setFont(new Font(Font.SANS_SERIF, Font.PLAIN, 11));
            label.setTextAnchor(TextAnchor.TOP_LEFT);
            plot.addAnnotation(label);
        }
        String title = r.model().id() + " on " + dev.key() + ": " + RooflineWriter.describe(r);
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 14), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    /** Decode time per token against the number of cached tokens, from 128 up to {@code maxContext}. */
    public static JFreeChart decodeSweep(ModelConfig m, Device dev, LlmOptions o, long maxContext) {
        XYSeriesCollection data = new XYSeriesCollection();
        data.addSeries(sweep(m, dev, o, maxContext, "decode time per token" + (o.xquant() ? " (XQuant)" : "")));
        if (o.xquant()) {
            LlmOptions kv = new LlmOptions(o.batch(), o.wBits(), o.aBits(), o.kvBits(), o.flashAttention(), o.causal(), o.tp(),
                    false, o.xBits(), o.xRank(), o.actOps(), o.lmHeadAllPositions(), o.fixes());
            data.addSeries(sweep(m, dev, kv, maxContext, "with a KV cache of " + o.kvBits() + " bits"));
        }
        LogAxis x = new LogAxis("context length (tokens already cached)");
        x.setBase(2);
        x.setSmallestValue(1);
        x.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1));
        x.setNumberFormatOverride(new java.text.NumberFormat() {
            private static final long serialVersionUID = 1L;

            @Override
            public StringBuffer format(double v, StringBuffer to, java.text.FieldPosition pos) {
                long n = Math.round(v);
                return to.append(n >= 1024 && n % 1024 == 0 ? (n >= 1 << 20 && n % (1 << 20) == 0 ? n / (1 << 20) + "M"
                        : n / 1024 + "K") : Long.toString(n));
            }

            @Override
            public StringBuffer format(long v, StringBuffer to, java.text.FieldPosition pos) {
                return format((double) v, to, pos);
            }

            @Override
            public Number parse(String source, java.text.ParsePosition pos) { return null; }
        });
        org.jfree.chart.axis.NumberAxis y = new org.jfree.chart.axis.NumberAxis("time per token (ms)");
        y.setAutoRangeIncludesZero(true);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(true, true);
        renderer.setSeriesPaint(0, new Color(200, 50, 40));
        renderer.setSeriesPaint(1, new Color(40, 90, 200));
        XYPlot plot = new XYPlot(data, x, y, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(220, 220, 220));
        plot.setRangeGridlinePaint(new Color(220, 220, 220));
        String title = m.id() + " on " + dev.key() + ": decode, batch " + o.batch() + ", W" + o.wBits() + "A" + o.aBits()
                + "KV" + o.kvBits() + (o.isCompat() ? " (LLM-Viewer mode)" : "");
        JFreeChart chart = new JFreeChart(title, new Font(Font.SANS_SERIF, Font.BOLD, 14), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        return chart;
    }

    private static XYSeries sweep(ModelConfig m, Device dev, LlmOptions o, long maxContext, String name) {
        XYSeries s = new XYSeries(name, false);
        List<Long> points = new ArrayList<>();
        for (long c = 128; c <= maxContext; c *= 2) points.add(c);
        for (long c : points) {
            RooflineResult r = RooflineAnalyzer.analyze(m, dev, o, Stage.DECODE, c);
            s.add(c, r.total().timeS() * 1e3);
        }
        return s;
    }

    /** A log axis with a tick per decade, labelled 1, 10, 100, 1K, 10K, ... */
    public static LogAxis decades(String label) {
        LogAxis a = new LogAxis(label);
        a.setTickUnit(new org.jfree.chart.axis.NumberTickUnit(1));
        a.setMinorTickMarksVisible(true);
        a.setNumberFormatOverride(new java.text.NumberFormat() {
            private static final long serialVersionUID = 1L;

            @Override
            public StringBuffer format(double v, StringBuffer to, java.text.FieldPosition pos) {
                return to.append(decade(v));
            }

            @Override
            public StringBuffer format(long v, StringBuffer to, java.text.FieldPosition pos) {
                return to.append(decade(v));
            }

            @Override
            public Number parse(String source, java.text.ParsePosition pos) { return null; }
        });
        return a;
    }

    /** 0.01, 0.1, 1, 10, 100, 1K, 10K, ..., 1T for values on a decade. */
    static String decade(double v) {
        if (v < 1) return String.format(Locale.ROOT, "%s", java.math.BigDecimal.valueOf(v).round(new java.math.MathContext(2))
                .stripTrailingZeros().toPlainString());
        String[] units = {"", "K", "M", "G", "T", "P", "E"};
        int u = 0;
        double x = v;
        while (x >= 999.5 && u < units.length - 1) {
            x /= 1000;
            u++;
        }
        return Math.abs(x - Math.rint(x)) < 1e-6 * x ? (long) Math.rint(x) + units[u]
                : String.format(Locale.ROOT, "%.2g%s", x, units[u]);
    }

    /** Writes a chart as PNG or SVG, by the file's extension. */
    public static void write(JFreeChart chart, Path file) {
        String name = file.getFileName().toString().toLowerCase(Locale.ROOT);
        try {
            if (file.toAbsolutePath().getParent() != null) Files.createDirectories(file.toAbsolutePath().getParent());
            if (name.endsWith(".svg")) {
                SVGGraphics2D g = new SVGGraphics2D(WIDTH, HEIGHT);
                chart.draw(g, new Rectangle(0, 0, WIDTH, HEIGHT));
                Files.writeString(file, g.getSVGDocument(), StandardCharsets.UTF_8);
            } else {
                ChartUtils.saveChartAsPNG(file.toFile(), chart, WIDTH, HEIGHT);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot write " + file + ": " + e.getMessage(), e);
        }
    }

    /** The second chart's file: {@code roofline.png} becomes {@code roofline-decode.png}. */
    public static Path decodeFile(Path plot) {
        String n = plot.getFileName().toString();
        int dot = n.lastIndexOf('.');
        String base = dot > 0 ? n.substring(0, dot) : n;
        String ext = dot > 0 ? n.substring(dot) : ".png";
        return plot.resolveSibling(base + "-decode" + ext);
    }
}
