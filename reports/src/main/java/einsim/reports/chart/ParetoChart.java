package einsim.reports.chart;

import einsim.reports.roofline.RooflineChart;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.LogAxis;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

import java.awt.BasicStroke;
import java.awt.Color;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** A design-space scatter (both axes logarithmic) with one series per family and the Pareto front (smaller is better on both). */
public final class ParetoChart {
    /** One design point. */
    public record Point(String series, String label, double x, double y) {}

    private ParetoChart() {}

    /** Indices of the points no other point beats on both x and y. */
    public static boolean[] front(List<Point> pts) {
        boolean[] on = new boolean[pts.size()];
        for (int i = 0; i < pts.size(); i++) {
            Point p = pts.get(i);
            boolean dominated = false;
            for (Point q : pts) {
                if (q != p && q.x() <= p.x() && q.y() <= p.y() && (q.x() < p.x() || q.y() < p.y())) {
                    dominated = true;
                    break;
                }
            }
            on[i] = !dominated;
        }
        return on;
    }

    public static JFreeChart chart(String title, String xLabel, String yLabel, List<Point> pts) {
        Map<String, XYSeries> series = new LinkedHashMap<>();
        for (Point p : pts) series.computeIfAbsent(p.series(), XYSeries::new).add(p.x(), p.y());
        XYSeriesCollection data = new XYSeriesCollection();
        series.values().forEach(data::addSeries);
        boolean[] on = front(pts);
        List<Point> f = new ArrayList<>();
        for (int i = 0; i < pts.size(); i++) if (on[i]) f.add(pts.get(i));
        f.sort(Comparator.comparingDouble(Point::x));
        XYSeries fs = new XYSeries("Pareto front", false);
        for (Point p : f) fs.add(p.x(), p.y());
        data.addSeries(fs);
        LogAxis x = RooflineChart.decades(xLabel);
        LogAxis y = RooflineChart.decades(yLabel);
        XYLineAndShapeRenderer r = new XYLineAndShapeRenderer(true, true);
        for (int i = 0; i < series.size(); i++) r.setSeriesStroke(i, new BasicStroke(1f));
        int last = data.getSeriesCount() - 1;
        r.setSeriesPaint(last, Color.BLACK);
        r.setSeriesShapesVisible(last, false);
        r.setSeriesStroke(last, new BasicStroke(2f, BasicStroke.CAP_ROUND, BasicStroke.JOIN_ROUND, 1f, new float[]{6f, 4f}, 0f));
        XYPlot plot = new XYPlot(data, x, y, r);
        plot.setBackgroundPaint(Color.WHITE);
        plot.setDomainGridlinePaint(Color.LIGHT_GRAY);
        plot.setRangeGridlinePaint(Color.LIGHT_GRAY);
        return new JFreeChart(title, JFreeChart.DEFAULT_TITLE_FONT, plot, true);
    }
}
