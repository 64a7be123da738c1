package dev.fifopipeline.report;

import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.not;

import dev.fifopipeline.error.Errors;
import dev.fifopipeline.lake.LakeSchemas;
import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.output.CsvFiles;
import dev.fifopipeline.report.html.HtmlPage;
import dev.fifopipeline.report.html.ReportData;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.BiFunction;
import java.util.function.Supplier;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * The files of a report: one CSV per table ({@code tax_lots} split into {@code tax_lots.csv} and
 * {@code tax_lots_unmatched.csv}) and, for {@code all}, {@code report.html}.
 */
final class ReportFiles {
  /**
   * Rows of a tax_lots file fetched to the driver at a time, about: a partition of 100,000 lots is
   * some tens of MB as a task result.
   */
  static final long TAX_LOTS_ROWS_PER_FETCH = 100_000;

  private ReportFiles() {}

  /**
   * Writes the files of {@code request} into its folder.
   *
   * @param lots writes the tax-lot files and gives each with its rows ({@link #taxLots} or {@link
   *     TaxLotsFiles#merge}); called when the kind has them
   * @param rows the collected small tables of the same scope
   * @param data the page's data, or null when the kind has no page
   * @return each file written, with its data rows (the page counts 0)
   * @throws dev.fifopipeline.error.PipelineException (environment) when a file cannot be written
   */
  static Map<Path, Long> write(
      SparkSession spark,
      ReportRequest request,
      Supplier<Map<Path, Long>> lots,
      Map<LakeTable, List<Row>> rows,
      ReportData data) {
    int version = request.version();
    Path folder = request.folder();
    Map<Path, Long> files = new LinkedHashMap<>();
    for (LakeTable table : request.kind().files()) {
      if (table == LakeTable.TAX_LOTS) {
        spark.sparkContext().setJobDescription("report v" + version + ": tax_lots.csv");
        files.putAll(lots.get());
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

  /**
   * Writes {@code tax_lots.csv} and {@code tax_lots_unmatched.csv} whole into {@code folder}.
   *
   * @param lots rows of tax_lots as the lake holds them, of the scope the files cover
   * @return each file with its data rows
   */
  static Map<Path, Long> taxLots(Dataset<Row> lots, Path folder) {
    return taxLots(lots, folder, CsvFiles::write);
  }

  /**
   * Writes {@code tax_lots.csv} (the matched lots) and {@code tax_lots_unmatched.csv} into {@code
   * folder}, each by {@code write} from its rows of {@code lots} in file order.
   *
   * @param write writes a file from its lots in file order and gives its data rows
   * @return each file with its data rows
   */
  static Map<Path, Long> taxLots(
      Dataset<Row> lots, Path folder, BiFunction<Dataset<Row>, Path, Long> write) {
    Column isMatched = col("warning").isNull();
    Map<Boolean, Long> counts = new HashMap<>(Map.of(true, 0L, false, 0L));
    for (Row row : lots.groupBy(isMatched).count().collectAsList()) {
      counts.put(row.getBoolean(0), row.getLong(1));
    }
    Map<Path, Long> files = new LinkedHashMap<>();
    Path matched = folder.resolve(TaxLotsFiles.MATCHED);
    files.put(matched, write.apply(inFileOrder(lots.filter(isMatched), counts.get(true)), matched));
    Path unmatched = folder.resolve(TaxLotsFiles.UNMATCHED);
    files.put(
        unmatched,
        write.apply(inFileOrder(lots.filter(not(isMatched)), counts.get(false)), unmatched));
    return files;
  }

  private static Dataset<Row> inFileOrder(Dataset<Row> lots, long rows) {
    return ReportTables.taxLotsInFileOrder(lots, rows, TAX_LOTS_ROWS_PER_FETCH);
  }
}
