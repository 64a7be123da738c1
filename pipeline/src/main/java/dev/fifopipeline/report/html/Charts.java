package dev.fifopipeline.report.html;

import java.awt.BasicStroke;
import java.awt.Color;
import java.awt.Font;
import java.awt.Paint;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.text.DecimalFormat;
import java.text.SimpleDateFormat;
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

  private Charts() {}

  /** Cumulative realized pnl per sell date, one line per quote currency. */
  static byte[] cumulative(
      List<ReportData.Day> days, String unit, String zone, int width, int height) {
    Map<String, XYSeries> lines = new TreeMap<>();
    for (ReportData.Day day : days) {
      lines
          .computeIfAbsent(day.quote(), XYSeries::new)
          .add(
              day.date().atStartOfDay(ZoneOffset.UTC).toInstant().toEpochMilli(),
              day.cumulativePnl().doubleValue());
    }
    XYSeriesCollection data = new XYSeriesCollection();
    lines.values().forEach(data::addSeries);
    JFreeChart chart =
        ChartFactory.createTimeSeriesChart(
            "Cumulative realized PnL",
            "sell date (" + zone + ")",
            unit,
            data,
            lines.size() > 1,
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
    values.setNumberFormatOverride(amounts(unit));
    values.setTickLabelFont(TICKS);
    XYLineAndShapeRenderer line = new XYLineAndShapeRenderer(true, false);
    for (int i = 0; i < lines.size(); i++) {
      line.setSeriesPaint(i, i == 0 ? LINE : LONG);
      line.setSeriesStroke(i, new BasicStroke(2.2f));
    }
    plot.setRenderer(line);
    plot.addRangeMarker(new ValueMarker(0, Color.GRAY, new BasicStroke(1f)));
    return png(chart, width, height);
  }

  /** Realized pnl per calendar month of the sell dates, one bar per quote currency. */
  static byte[] monthly(List<ReportData.Month> months, String unit, int width, int height) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (ReportData.Month month : months) {
      data.addValue(month.realizedPnl().doubleValue(), month.quote(), month.month());
    }
    JFreeChart chart =
        ChartFactory.createBarChart(
            "Realized PnL per month",
            null,
            unit,
            data,
            PlotOrientation.VERTICAL,
            data.getRowCount() > 1,
            false,
            false);
    CategoryPlot plot = categoryPlot(chart);
    plot.getDomainAxis().setCategoryLabelPositions(CategoryLabelPositions.UP_45);
    return png(chart, width, height);
  }

  /** Realized pnl per symbol, best first. */
  static byte[] pnlBySymbol(List<ReportData.Symbol> symbols, String unit, int width) {
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
            unit,
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

  /** Gains per tax year, short term beside long term (per quote currency when several). */
  static byte[] termsByYear(
      List<ReportData.Tax> tax, String unit, boolean perQuote, int width, int height) {
    DefaultCategoryDataset data = new DefaultCategoryDataset();
    for (ReportData.Tax line : tax) {
      if (line.gain() != null) {
        String series = line.term() + " term" + (perQuote ? " " + line.quote() : "");
        data.addValue(line.gain().doubleValue(), series, String.valueOf(line.year()));
      }
    }
    JFreeChart chart =
        ChartFactory.createBarChart(
            "Gain per tax year: short vs long term",
            "tax year",
            unit,
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
    if (!values.getLabel().startsWith("%")) {
      values.setNumberFormatOverride(amounts(values.getLabel()));
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

  /** Whole amounts: {@code $1,200} in USD, {@code 1,200} otherwise. */
  private static DecimalFormat amounts(String unit) {
    return new DecimalFormat(
        "USD".equals(unit) ? "$#,##0;-$#,##0" : "#,##0;-#,##0",
        java.text.DecimalFormatSymbols.getInstance(Locale.US));
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
