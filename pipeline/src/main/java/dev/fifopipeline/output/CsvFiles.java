package dev.fifopipeline.output;

import dev.fifopipeline.error.Errors;
import java.io.IOException;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Writes report tables as CSV files. The lake holds exact values; only these files round: money to
 * cents and ratios to 4 places, both half-up (2.345 becomes 2.35, -2.345 becomes -2.35). Quantities
 * and prices stay exact, without trailing zeros. Dates are ISO ({@code 2025-12-31}), times ISO-8601
 * UTC, null an empty field.
 */
public final class CsvFiles {
  /** Money columns of the report tables: rounded to cents in files. */
  public static final Set<String> MONEY =
      Set.of(
          "proceeds",
          "cost_basis",
          "gain",
          "adjustment",
          "realized_pnl",
          "cumulative_pnl",
          "fees",
          "unmatched_proceeds",
          "open_cost_basis",
          "market_value",
          "unrealized_pnl",
          "unrealized_gain",
          "gross_profit",
          "gross_loss",
          "average_win",
          "average_loss",
          "expectancy",
          "largest_win",
          "largest_loss",
          "volume",
          "pnl",
          "pnl_a",
          "pnl_b",
          "difference",
          "legacy_pnl",
          "legacy_cost_basis");

  /** Ratio columns: rounded to 4 places in files. */
  public static final Set<String> RATIOS = Set.of("win_rate", "profit_factor");

  private CsvFiles() {}

  /**
   * Writes {@code rows}, in their order, to {@code file}, streaming them from the executors.
   *
   * @return the number of rows written
   * @throws dev.fifopipeline.error.PipelineException (environment) when the file cannot be written
   */
  public static long write(Dataset<Row> rows, Path file) {
    return write(rows.columns(), rows.toLocalIterator(), file);
  }

  /** Writes collected {@code rows} with the given {@code columns} to {@code file}. */
  public static long write(String[] columns, List<Row> rows, Path file) {
    return write(columns, rows.iterator(), file);
  }

  private static long write(String[] columns, Iterator<Row> rows, Path file) {
    try {
      Files.createDirectories(file.toAbsolutePath().getParent());
      try (PrintStream out =
          new PrintStream(Files.newOutputStream(file), false, StandardCharsets.UTF_8)) {
        out.print(String.join(",", columns));
        out.print('\n');
        long n = 0;
        while (rows.hasNext()) {
          out.print(line(columns, rows.next()));
          out.print('\n');
          n++;
        }
        if (out.checkError()) {
          throw new IOException("write failed");
        }
        return n;
      }
    } catch (IOException e) {
      throw Errors.outputUnwritable(file.toString(), e);
    }
  }

  /**
   * {@code row}, whose fields are {@code columns} in order, as a line of a file (no line break).
   */
  public static String line(String[] columns, Row row) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < columns.length; i++) {
      line.append(i == 0 ? "" : ",").append(quote(format(columns[i], row.get(i))));
    }
    return line.toString();
  }

  /** {@code value} of {@code column} as it appears in a file. */
  public static String format(String column, Object value) {
    if (value == null) {
      return "";
    }
    if (value instanceof BigDecimal d) {
      if (MONEY.contains(column)) {
        return cents(d);
      }
      if (RATIOS.contains(column)) {
        return d.setScale(4, RoundingMode.HALF_UP).toPlainString();
      }
    }
    return ResultPrinter.format(value);
  }

  /** {@code value} rounded half-up to cents, always two decimals: {@code -0.31}, {@code 12.00}. */
  public static String cents(BigDecimal value) {
    return value.setScale(2, RoundingMode.HALF_UP).toPlainString();
  }

  private static String quote(String value) {
    if (value.contains(",") || value.contains("\"") || value.contains("\n")) {
      return "\"" + value.replace("\"", "\"\"") + "\"";
    }
    return value;
  }
}
