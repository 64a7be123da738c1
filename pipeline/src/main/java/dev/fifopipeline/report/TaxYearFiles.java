package dev.fifopipeline.report;

import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.taxform.FormSettings;
import java.nio.file.Path;
import java.time.ZoneId;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * What a tax report of one year files beside its tables: Form 8949 and Schedule D ({@link
 * TaxFormReport}) and the lots open at the year's end ({@link YearEndReport}), each replaced in the
 * lake and written into the report's folder.
 *
 * @param files the files written, with their data rows
 * @param summary what the command prints about them
 */
record TaxYearFiles(Map<Path, Long> files, String summary) {

  /**
   * Makes and writes both.
   *
   * @param lots the year's tax lots
   * @param prices {@code symbol, mark_price}, possibly empty
   * @param source what the pages say made them: version, method, tax.timezone
   */
  static TaxYearFiles write(
      Lake lake,
      int version,
      int year,
      ZoneId zone,
      FormSettings forms,
      Dataset<Row> lots,
      Dataset<Row> prices,
      String source,
      Path folder) {
    Map<Path, Long> files = new LinkedHashMap<>();
    String summary;
    TaxFormReport form = new TaxFormReport(lake, version, year, forms, lots, source);
    try {
      form.writeLake();
      files.putAll(form.writeFiles(folder));
      summary = form.summary();
    } finally {
      form.close();
    }
    YearEndReport yearEnd = new YearEndReport(lake, version, year, zone, prices);
    try {
      yearEnd.writeLake();
      files.putAll(yearEnd.writeFiles(folder));
      summary = summary + System.lineSeparator() + yearEnd.summary();
    } finally {
      yearEnd.close();
    }
    return new TaxYearFiles(files, summary);
  }
}
