package dev.fifopipeline.report.html;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.text.DecimalFormat;
import java.text.SimpleDateFormat;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.TimeZone;
import java.util.TreeMap;
import org.jfree.chart.ChartFactory;
import org.jfree.chart.ChartUtils;
import org.jfree.chart.JFreeChart;
import org.jfree.chart.axis.CategoryAxis;
import org.jfree.chart.axis.CategoryLabelPositions;
import org.jfree.chart.axis.DateAxis;
import org.jfree.chart.axis.NumberAxis;
import org.jfree.chart.plot.CategoryPlot;
import org.jfree.chart.plot.PlotOrientation;
import org.jfree.chart.plot.ValueMarker;
import org.jfree.chart.plot.XYPlot;
import org.jfree.chart.renderer.category.BarRenderer;
import org.jfree.chart.renderer.category.StandardBarPainter;
import org.jfree.chart.renderer.xy.XYLineAndShapeRenderer;
import org.jfree.chart.title.TextTitle;
import org.jfree.data.category.DefaultCategoryDataset;
import org.jfree.data.xy.XYSeries;
import org.jfree.data.xy.XYSeriesCollection;

/**
 * The page's charts, drawn with JFreeChart as PNG images (AWT headless). Charts plot doubles; every
 * number printed as text on the page comes from the exact decimals instead.
 */
final class Charts {
  static final Color GAIN = new Color(0x2e7d32);
  static final Color LOSS = new Color(0xc62828);
  static final Color LINE = new Color(0x1565c0);
  static final Color LONG = new Color(0x6a1b9a);
  private static final Color GRID = new Color(0xdddddd);
  private static final Font TITLE = new Font(Font.SANS_SERIF, Font.BOLD, 15);
  private static final Font TICKS = new Font(Font.SANS_SERIF, Font.PLAIN, 11);
  private static final DecimalFormat MONEY = new DecimalFormat("$#,##0;-$#,##0");

  private Charts() {}

  /** Cumulative realized pnl per sell date. */
  static byte[] cumulative(List<ReportData.Day> days, String zone, int width, int height) {
    XYSeries series = new XYSeries("Cumulative realized PnL");
    for (ReportData.Day day : days) {
      series.add(
          day.date().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli(),
          day.cumulativePnl().doubleValue());
    }
    JFreeChart chart =
        ChartFactory.createTimeSeriesChart(
            "Cumulative realized PnL",
            "sell date (" + zone + ")",
            "USD",
            new XYSeriesCollection(series),
            false,
            false,
            false);
    XYPlot plot = chart.getXYPlot();
    style(chart);
    plot.setBackgroundPaint(Color.WHITE);
    plot.setDomainGridlinePaint(GRID);
    plot.setRangeGridlinePaint(GRID);
    DateAxis dates = (DateAxis) plot.getDomainAxis();
    dates.setTimeZone(TimeZone.getTimeZone("UTC")); // points are dates at UTC midnight
    dates.setDateFormatOverride(utcFormat("MMM yyyy"));
    dates.setTickLabelFont(TICKS);
    NumberAxis values = (NumberAxis) plot.getRangeAxis();
    values.setNumberFormatOverride(MONEY);
    values.setTickLabelFont(TICKS);
    XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
    line.setSeriesPaint(0, LINE);
    line.setSeriesStroke(0, new BasicStroke(2.2f));
    plot.setRenderer(line);
    plot.addRangeMarker(new ValueMarker(0, Color.GRAY, new BasicStroke(1f)));
    return png(chart, width, height);
  }

  /** Realized pnl per calendar month of the sell dates. */
  static byte[] monthly(List<ReportData.Day> days, int width, int height) {
    Map<YearMonth, BigDecimal> months = new TreeMap<>();
    for (ReportData.Day day : days) {
      months.merge(YearMonth.from(day.date()), day.realizedPnl(), BigDecimal::add);
    }
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    months.forEach((month, pnl) -> data.addValue(pnl.doubleValue(), "pnl", month.toString()));
    JFreeChart chart =
        ChartFactory.createBarChart(
            "Realized PnL per month",
            null,
            "USD",
            data,
            PlotOrientation.VERTICAL,
            false,
            false,
            false);
    CategoryPlot plot = categoryPlot(chart);
    plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    return png(chart, width, height);
  }

  /** Realized pnl per symbol, best first. */
  static byte[] pnlBySymbol(List<ReportData.Symbol> symbols, int width) {
    List<ReportData.Symbol> sorted = new ArrayList<>(symbols);
    sorted.sort(Comparator.comparing(ReportData.Symbol::realizedPnl).reversed());
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (ReportData.Symbol s : sorted) {
      data.addValue(s.realizedPnl().doubleValue(), "pnl", s.label());
    }
    JFreeChart chart =
        ChartFactory.createBarChart(
            "Realized PnL by symbol",
            null,
            "USD",
            data,
            PlotOrientation.HORIZONTAL,
            false,
            false,
            false);
    categoryPlot(chart);
    return png(chart, width, barsHeight(sorted.size()));
  }

  /** Win rate per symbol with matched sells, highest first; labels carry the matched sells. */
  static byte[] winRateBySymbol(List<ReportData.Symbol> symbols, int width) {
    List<ReportData.Symbol> rated = new ArrayList<>();
    for (ReportData.Symbol s : symbols) {
      if (s.winRate() != null) {
        rated.add(s);
      }
    }
    rated.sort(
        Comparator.comparing(ReportData.Symbol::winRate)
            .reversed()
            .thenComparing(ReportData.Symbol::label));
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (ReportData.Symbol s : rated) {
      data.addValue(
          s.winRate().doubleValue() * 100, "win rate", s.label() + " (" + s.matchedSells() + ")");
    }
    JFreeChart chart =
        ChartFactory.createBarChart(
            "Win rate by symbol (matched sells)",
            null,
            "% of matched sells with pnl > 0",
            data,
            PlotOrientation.HORIZONTAL,
            false,
            false,
            false);
    CategoryPlot plot = categoryPlot(chart);
    BarRenderer bars = plainBars(false);
    bars.setSeriesPaint(0, LINE);
    plot.setRenderer(bars);
    NumberAxis axis = (NumberAxis) plot.getRangeAxis();
    axis.setRange(0, 100);
    plot.addRangeMarker(new ValueMarker(50, Color.GRAY, new BasicStroke(1f)));
    return png(chart, width, barsHeight(rated.size()));
  }

  /** Gains per tax year, short term beside long term. */
  static byte[] termsByYear(List<ReportData.Tax> tax, int width, int height) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (ReportData.Tax line : tax) {
      if (line.gain() != null) {
        data.addValue(
            line.gain().doubleValue(), line.term() + " term", String.valueOf(line.year()));
      }
    }
    JFreeChart chart =
        ChartFactory.createBarChart(
            "Gain per tax year: short vs long term",
            "tax year",
            "USD",
            data,
            PlotOrientation.VERTICAL,
            true,
            false,
            false);
    CategoryPlot plot = categoryPlot(chart);
    BarRenderer bars = plainBars(false);
    for (int i = 0; i < data.getRowCount(); i++) {
      bars.setSeriesPaint(i, data.getRowKey(i).toString().startsWith("long") ? LONG : LINE);
    }
    plot.setRenderer(bars);
    return png(chart, width, height);
  }

  private static CategoryPlot categoryPlot(JFreeChart chart) {
    style(chart);
    CategoryPlot plot = chart.getCategoryPlot();
    plot.setBackgroundPaint(Color.WHITE);
    plot.setRangeGridlinePaint(GRID);
    plot.setRenderer(plainBars(true));
    CategoryAxis categories = plot.getDomainAxis();
    categories.setTickLabelFont(TICKS);
    categories.setCategoryMargin(0.25);
    NumberAxis values = (NumberAxis) plot.getRangeAxis();
    values.setTickLabelFont(TICKS);
    if ("USD".equals(values.getLabel())) {
      values.setNumberFormatOverride(MONEY);
    }
    plot.addRangeMarker(new ValueMarker(0, Color.GRAY, new BasicStroke(1f)));
    return plot;
  }

  /** Flat bars; with {@code signed}, green above zero and red below. */
  private static BarRenderer plainBars(boolean signed) {
    BarRenderer bars =
        signed
            ? new BarRenderer() {
              private static final long serialVersionUID = 1L;

              @Override
              public Paint getItemPaint(int row, int column) {
                Number value = getPlot().getDataset().getValue(row, column);
                return value != null && value.doubleValue() < 0 ? LOSS : GAIN;
              }
            }
            : new BarRenderer();
    bars.setBarPainter(new StandardBarPainter());
    bars.setShadowVisible(false);
    bars.setDrawBarOutline(false);
    bars.setMaximumBarWidth(0.08);
    bars.setItemMargin(0.05);
    return bars;
  }

  private static void style(JFreeChart chart) {
    chart.setBackgroundPaint(Color.WHITE);
    chart.setAntiAlias(true);
    chart.setTextAntiAlias(true);
    TextTitle title = chart.getTitle();
    if (title != null) {
      title.setFont(TITLE);
      title.setPaint(new Color(0x222222));
    }
  }

  private static int barsHeight(int bars) {
    return 90 + 19 * Math.max(bars, 3);
  }

  private static SimpleDateFormat utcFormat(String pattern) {
    SimpleDateFormat format = new SimpleDateFormat(pattern, Locale.ENGLISH);
    format.setTimeZone(TimeZone.getTimeZone("UTC"));
    return format;
  }

  private static byte[] png(JFreeChart chart, int width, int height) {
    try {
      ByteArrayOutputStream bytes = new ByteArrayOutputStream();
      ChartUtils.writeChartAsPNG(bytes, chart, width, height);
      return bytes.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot encode chart as PNG", e);
    }
  }
}
