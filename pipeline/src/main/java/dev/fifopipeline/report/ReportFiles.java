package dev.fifopipeline.report;

import static org.apache.spark.sql.functions.col;

import dev.fifopipeline.error.Errors;
import dev.fifopipeline.lake.LakeSchemas;
import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.report.html.HtmlPage;
import dev.fifopipeline.report.html.ReportData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The files of a report: one CSV per table ({@code tax_lots} split into {@code tax_lots.csv} and
 * {@code tax_lots_unmatched.csv}) and, for {@code all}, {@code report.html}.
 */
final class ReportFiles {
  private ReportFiles() {}

  /**
   * Writes the files of {@code request} into its folder.
   *
   * @param shown the tables the files cover
   * @param rows the collected small tables of the same scope
   * @param data the page's data, or null when the kind has no page
   * @return each file written, with its data rows (the page counts 0)
   * @throws dev.fifopipeline.error.PipelineException (environment) when a file cannot be written
   */
  static Map<Path, Long> write(
      SparkSession spark,
      ReportRequest request,
      ReportTables shown,
      Map<LakeTable, List<Row>> rows,
      ReportData data) {
    int version = request.version();
    Path folder = request.folder();
    Map<Path, Long> files = new LinkedHashMap<>();
    for (LakeTable table : request.kind().tables()) {
      if (table == LakeTable.TAX_LOTS) {
        spark.sparkContext().setJobDescription("report v" + version + ": tax_lots.csv");
        Dataset<Row> lots = shown.lakeRows(table, version, true);
        Path matched = folder.resolve("tax_lots.csv");
        files.put(matched, CsvFiles.write(lots.filter(col("warning").isNull()), matched));
        Path unmatched = folder.resolve("tax_lots_unmatched.csv");
        files.put(unmatched, CsvFiles.write(lots.filter(col("warning").isNotNull()), unmatched));
      } else {
        Path file = folder.resolve(table.tableName() + ".csv");
        String[] columns = LakeSchemas.of(table).fieldNames();
        files.put(file, CsvFiles.write(columns, rows.get(table), file));
      }
    }
    if (data != null) {
      Path page = folder.resolve("report.html");
      try {
        Files.createDirectories(folder);
        Files.writeString(page, HtmlPage.render(data), StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw Errors.outputUnwritable(page.toString(), e);
      }
      files.put(page, 0L);
    }
    return files;
  }
}
