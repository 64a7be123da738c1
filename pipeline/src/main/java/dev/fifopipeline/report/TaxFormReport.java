package dev.fifopipeline.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;
import static org.apache.spark.sql.functions.sum;
import static org.apache.spark.sql.functions.when;

import dev.fifopipeline.error.Errors;
import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.lake.LakeSchemas;
import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.lake.LakeWrite;
import dev.fifopipeline.output.CsvFiles;
import dev.fifopipeline.report.html.FormLine;
import dev.fifopipeline.report.html.FormPage;
import dev.fifopipeline.report.html.ScheduleDPage;
import dev.fifopipeline.taxform.BasisReporting;
import dev.fifopipeline.taxform.FormBox;
import dev.fifopipeline.taxform.FormSettings;
import java.io.IOException;
import java.io.Writer;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.storage.StorageLevel;

/**
 * The forms of one tax year, for {@code report tax --year Y} (and {@code all --year Y}): replaces
 * the version's rows of that year in {@code form_8949} and {@code schedule_d}, and writes {@code
 * form_8949.csv} (with summary lines: one per box, and {@code form_8949_statement.csv} with the
 * lots), {@code schedule_d.csv}, a printable page per part and box, {@code
 * form_8949_<part>_<box>.html}, and one of Schedule D's lines they go to, {@code schedule_d.html}.
 * Lots without a basis and lots in other currencies than US dollars are left off the form and
 * counted.
 */
final class TaxFormReport {
  private final Lake lake;
  private final int version;
  private final int year;
  private final FormSettings settings;
  private final String source;
  private final Dataset<Row> lines;
  private final List<Row> scheduleD;
  private final long lineCount;
  private final long unmatched;
  private final long otherCurrency;

  /**
   * Computes the forms (the lines are kept until {@link #close}).
   *
   * @param lots the year's rows of {@code tax_lots}, with their version
   * @param source what the pages say made them: version, method, tax.timezone
   */
  TaxFormReport(
      Lake lake, int version, int year, FormSettings settings, Dataset<Row> lots, String source) {
    this.lake = lake;
    this.version = version;
    this.year = year;
    this.settings = settings;
    this.source = source;
    lake.spark().sparkContext().setJobDescription("report v" + version + ": form 8949 " + year);
    Row left =
        lots.agg(
                sum(when(col("warning").isNotNull(), 1).otherwise(0)),
                sum(when(col("warning").isNull().and(not(TaxForms.onForm(lots))), 1).otherwise(0)))
            .first();
    this.unmatched = left.isNullAt(0) ? 0 : left.getLong(0);
    this.otherCurrency = left.isNullAt(1) ? 0 : left.getLong(1);
    this.lines =
        Lake.conform(LakeTable.FORM_8949, TaxForms.lines(lots, settings))
            .persist(StorageLevel.MEMORY_AND_DISK());
    this.scheduleD = TaxForms.scheduleD(lines);
    this.lineCount = scheduleD.stream().mapToLong(r -> r.<Long>getAs("lots")).sum();
  }

  /** Whether {@code request} makes the forms: a tax report of one year. */
  static boolean applies(ReportRequest request) {
    return request.year() != null && request.kind().files().contains(LakeTable.TAX_LOTS);
  }

  /** The tables this writes. */
  static List<LakeTable> tables() {
    return List.of(LakeTable.FORM_8949, LakeTable.SCHEDULE_D);
  }

  /** Replaces the version's rows of the year in both tables, in one journaled run. */
  void writeLake() {
    String rows = "allocation_version = " + version + " AND tax_year = " + year;
    try (LakeWrite write = lake.beginWrite("report v" + version + " forms " + year, tables())) {
      lake.spark().sparkContext().setJobDescription("report v" + version + ": write form_8949");
      write.replace(LakeTable.FORM_8949, lines, rows);
      write.replace(
          LakeTable.SCHEDULE_D,
          lake.spark().createDataFrame(scheduleD, LakeSchemas.of(LakeTable.SCHEDULE_D)),
          rows);
      write.commit();
    }
  }

  /**
   * Writes the files into {@code folder}.
   *
   * @return each file with its data rows (a page counts 0)
   * @throws dev.fifopipeline.error.PipelineException (environment) when a file cannot be written
   */
  Map<Path, Long> writeFiles(Path folder) {
    Map<Path, Long> files = new LinkedHashMap<>();
    Dataset<Row> ordered =
        TaxForms.inFormOrder(lines, lineCount, ReportFiles.TAX_LOTS_ROWS_PER_FETCH);
    String[] columns = LakeSchemas.of(LakeTable.FORM_8949).fieldNames();
    if (settings.summaryLines()) {
      Path form = folder.resolve("form_8949.csv");
      files.put(form, CsvFiles.write(columns, summaryRows(), form));
      Path statement = folder.resolve("form_8949_statement.csv");
      files.put(statement, CsvFiles.write(ordered, statement));
    } else {
      Path form = folder.resolve("form_8949.csv");
      files.put(form, CsvFiles.write(ordered, form));
    }
    Path schedule = folder.resolve("schedule_d.csv");
    files.put(schedule, CsvFiles.write(TaxForms.scheduleDColumns(), scheduleD, schedule));
    pages(ordered.toLocalIterator(), folder).forEach(p -> files.put(p, 0L));
    files.put(scheduleDPage(folder), 0L);
    return files;
  }

  /** Writes {@code schedule_d.html}: the year's lines 1b to 10, empty where no box has lines. */
  private Path scheduleDPage(Path folder) {
    Path page = folder.resolve("schedule_d.html");
    String html = ScheduleDPage.page(year, scheduleDLines(false), scheduleDLines(true), source);
    try {
      Files.createDirectories(folder);
      Files.writeString(page, html, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw Errors.outputUnwritable(page.toString(), e);
    }
    return page;
  }

  /**
   * The part's three lines Form 8949 feeds, from the year's boxes, as {@code schedule_d} has them.
   */
  private List<ScheduleDPage.Line> scheduleDLines(boolean longTerm) {
    List<ScheduleDPage.Line> out = new ArrayList<>();
    for (BasisReporting reporting : BasisReporting.values()) {
      FormBox box = FormBox.of(reporting, longTerm, year);
      Row t =
          scheduleD.stream()
              .filter(r -> box.name().equals(r.getAs("box")))
              .findFirst()
              .orElse(null);
      out.add(
          t == null
              ? ScheduleDPage.Line.empty(box.scheduleDLine(), box.name(), box.scheduleDCaption())
              : new ScheduleDPage.Line(
                  t.getAs("line"),
                  t.getAs("box"),
                  t.getAs("description"),
                  t.getAs("lots"),
                  cents(t.getAs("proceeds")),
                  cents(t.getAs("cost_basis")),
                  cents(t.getAs("adjustment")),
                  cents(t.getAs("gain"))));
    }
    return out;
  }

  /** What the command prints about the forms. */
  String summary() {
    StringBuilder text =
        new StringBuilder(
            String.format(
                "  form 8949 %d: %,d %s (boxes by tax.form-8949: %s)",
                year, lineCount, lineCount == 1 ? "lot" : "lots", settings.describe()));
    for (Row row : scheduleD) {
      text.append(
          String.format(
              "%n    box %s -> Schedule D line %s: %,d %s, proceeds %s, cost basis %s, gain %s",
              row.<String>getAs("box"),
              row.<String>getAs("line"),
              row.<Long>getAs("lots"),
              row.<Long>getAs("lots") == 1 ? "line" : "lines",
              CsvFiles.cents(row.getAs("proceeds")),
              CsvFiles.cents(row.getAs("cost_basis")),
              CsvFiles.cents(row.getAs("gain"))));
    }
    if (unmatched > 0) {
      text.append(
          String.format(
              "%n    left off: %,d unmatched %s without a basis (tax_lots_unmatched.csv: find the"
                  + " missing buys)",
              unmatched, unmatched == 1 ? "lot" : "lots"));
    }
    if (otherCurrency > 0) {
      text.append(
          String.format(
              "%n    left off: %,d %s in other quote currencies than USD (tax_lots.csv: convert"
                  + " them to US dollars yourself)",
              otherCurrency, otherCurrency == 1 ? "lot" : "lots"));
    }
    return text.toString();
  }

  /** Lots of the year without a basis, left off the form. */
  long unmatched() {
    return unmatched;
  }

  /** Lots of the year in other currencies than US dollars, left off the form. */
  long otherCurrency() {
    return otherCurrency;
  }

  void close() {
    lines.unpersist();
  }

  /** One summary line per box, in the columns of {@code form_8949}: code M, dates VARIOUS. */
  private List<Row> summaryRows() {
    List<Row> rows = new ArrayList<>();
    for (Row t : scheduleD) {
      FormBox box = FormBox.valueOf(t.getAs("box"));
      rows.add(
          RowFactory.create(
              version,
              year,
              box.part(),
              box.name(),
              1L,
              summaryDescription(t.getAs("lots")),
              FormLine.VARIOUS,
              FormLine.VARIOUS,
              t.getAs("proceeds"),
              t.getAs("cost_basis"),
              "M",
              null,
              t.getAs("gain"),
              box.longTerm() ? "long" : "short",
              null,
              null,
              null,
              null,
              null));
    }
    return rows;
  }

  private static String summaryDescription(long lots) {
    return String.format(
        "See attached statement (%,d %s)", lots, lots == 1 ? "transaction" : "transactions");
  }

  /** Writes a page per box from the lines in form order; returns the pages. */
  private List<Path> pages(Iterator<Row> ordered, Path folder) {
    Map<String, Row> totals = new LinkedHashMap<>();
    scheduleD.forEach(r -> totals.put(r.getAs("box"), r));
    List<Path> pages = new ArrayList<>();
    Writer out = null;
    FormPage.Header header = null;
    Path page = null;
    try {
      Files.createDirectories(folder);
      while (ordered.hasNext()) {
        Row row = ordered.next();
        String box = row.getAs("box");
        if (header == null || !header.box().equals(box)) {
          if (out != null) {
            out.write(FormPage.tail(header, totalsLine(totals.get(header.box()))));
            out.close();
          }
          header = header(FormBox.valueOf(box), totals.get(box));
          page = folder.resolve("form_8949_" + header.part() + "_" + box + ".html");
          pages.add(page);
          out = Files.newBufferedWriter(page, StandardCharsets.UTF_8);
          out.write(FormPage.head(header));
        }
        out.write(FormPage.row(line(row)));
      }
      if (out != null) {
        out.write(FormPage.tail(header, totalsLine(totals.get(header.box()))));
        out.close();
      }
    } catch (IOException e) {
      throw Errors.outputUnwritable(page == null ? folder.toString() : page.toString(), e);
    }
    return pages;
  }

  private FormPage.Header header(FormBox box, Row totals) {
    FormLine summary = null;
    if (settings.summaryLines()) {
      summary =
          new FormLine(
              1,
              summaryDescription(totals.getAs("lots")),
              FormLine.VARIOUS,
              FormLine.VARIOUS,
              cents(totals.getAs("proceeds")),
              cents(totals.getAs("cost_basis")),
              "M",
              null,
              cents(totals.getAs("gain")));
    }
    List<String> offered =
        FormBox.offered(box.longTerm(), year).stream().map(b -> b.caption(year)).toList();
    return new FormPage.Header(
        year, box.part(), box.name(), offered, box.scheduleDLine(), summary, source);
  }

  /** Line 2: the box's totals; column (g) left empty, as on the lines, when nothing is adjusted. */
  private static FormLine totalsLine(Row totals) {
    BigDecimal adjustment = cents(totals.getAs("adjustment"));
    return new FormLine(
        2,
        "Totals",
        "",
        "",
        cents(totals.getAs("proceeds")),
        cents(totals.getAs("cost_basis")),
        null,
        adjustment.signum() == 0 ? null : adjustment,
        cents(totals.getAs("gain")));
  }

  private static FormLine line(Row row) {
    return new FormLine(
        row.<Long>getAs("line"),
        row.getAs("description"),
        FormLine.date(row.<LocalDate>getAs("date_acquired")),
        FormLine.date(row.<LocalDate>getAs("date_sold")),
        cents(row.getAs("proceeds")),
        cents(row.getAs("cost_basis")),
        row.getAs("code"),
        cents(row.getAs("adjustment")),
        cents(row.getAs("gain")));
  }

  /** A whole-cents value of the lake (scale 18) at scale 2; it is never rounded here. */
  private static BigDecimal cents(BigDecimal value) {
    return value == null ? null : value.setScale(2, java.math.RoundingMode.UNNECESSARY);
  }
}
