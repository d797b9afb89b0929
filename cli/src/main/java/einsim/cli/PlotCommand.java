package einsim.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import einsim.cli.sweep.ResultStore;
import einsim.reports.roofline.RooflineChart;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.axis.ValueAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

/** {@code einsim plot}: a scatter chart of two columns of a results store, coloured by a third, with the Pareto front. */
@Command(name = "plot", mixinStandardHelpOptions = true,
        description = "Chart two columns of a results store (ok points), optionally coloured by a column, with the "
                + "Pareto front of points minimising both.",
        footer = {"", "Example:", "  einsim plot runs/systolic.duckdb --x area_um2 --y total_cycles --color dataflow --pareto "
                + "runs/systolic.png"})
final class PlotCommand implements Callable<Integer> {
    @Spec
    CommandSpec spec;
    @Parameters(index = "0", paramLabel = "STORE.duckdb") Path store;
    @Parameters(index = "1", paramLabel = "FILE.png|svg") Path file;
    @Option(names = "--x", required = true, paramLabel = "COL") String x;
    @Option(names = "--y", required = true, paramLabel = "COL") String y;
    @Option(names = "--color", paramLabel = "COL") String color;
    @Option(names = "--pareto", description = "mark the points no other point beats in both x and y (lower is better)")
    boolean pareto;
    @Option(names = "--log", description = "log-scaled axes") boolean log;
    @Option(names = "--title") String title;

    @Override
    public Integer call() {
        ArrayNode rows;
        try (ResultStore s = ResultStore.openExisting(store)) {
            String sql = "SELECT " + quote(x) + " AS x, " + quote(y) + " AS y" + (color != null ? ", CAST(" + quote(color)
                    + " AS VARCHAR) AS c" : "") + " FROM results WHERE status = 'ok' ORDER BY point_id";
            rows = s.query(sql);
        }
        Map<String, XYSeries> series = new LinkedHashMap<>();
        List<double[]> all = new ArrayList<>();
        for (JsonNode r : rows) {
            if (!r.get("x").isNumber() || !r.get("y").isNumber()) continue;
            String key = color != null ? color + " = " + r.get("c").asText() : y;
            series.computeIfAbsent(key, k -> new XYSeries(k, false, true)).add(r.get("x").asDouble(), r.get("y").asDouble());
            all.add(new double[]{r.get("x").asDouble(), r.get("y").asDouble()});
        }
        if (all.isEmpty()) throw new Main.UsageError("no ok point has numbers in both " + x + " and " + y,
                "check the column names with einsim results query " + store + " 'DESCRIBE results'");
        XYSeriesCollection data = new XYSeriesCollection();
        series.values().forEach(data::addSeries);
        XYLineAndShapeRenderer renderer = new XYLineAndShapeRenderer(false, true);
        if (pareto) {
            XYSeries front = new XYSeries("Pareto front", false, true);
            all.sort(Comparator.<double[]>comparingDouble(p -> p[0]).thenComparingDouble(p -> p[1]));
            double best = Double.POSITIVE_INFINITY;
            for (double[] p : all) {
                if (p[1] < best) {
                    front.add(p[0], p[1]);
                    best = p[1];
                }
            }
            data.addSeries(front);
            int i = data.getSeriesCount() - 1;
            renderer.setSeriesLinesVisible(i, true);
            renderer.setSeriesShapesVisible(i, false);
            renderer.setSeriesPaint(i, Color.BLACK);
            renderer.setSeriesStroke(i, new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f,
                    new float[]{6f, 4f}, 0f));
        }
        ValueAxis xa = log ? RooflineChart.decades(x) : new NumberAxis(x);
        ValueAxis ya = log ? RooflineChart.decades(y) : new NumberAxis(y);
        if (!log) {
            ((NumberAxis) xa).setAutoRangeIncludesZero(false);
            ((NumberAxis) ya).setAutoRangeIncludesZero(false);
        }
        XYPlot plot = new XYPlot(data, xa, ya, renderer);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(new Color(220, 220, 220));
        plot.setRangeGridlinePaint(new Color(220, 220, 220));
        JFreeChart chart = new JFreeChart(title != null ? title : y + " against " + x + " (" + all.size() + " points of "
                + store.getFileName() + ")", new Font(Font.SANS_SERIF, Font.BOLD, 14), plot, true);
        chart.setBackgroundPaint(Color.WHITE);
        RooflineChart.write(chart, file);
        spec.commandLine().getOut().println("einsim: wrote " + file);
        return Main.OK;
    }

    private static String quote(String col) { return "\"" + col.replace("\"", "\"\"") + "\""; }
}
