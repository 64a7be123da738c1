package dev.fifopipeline.output;

import dev.fifopipeline.error.Errors;
import dev.fifopipeline.spark.Columns;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * Prints query results. CSV: a header, then RFC 4180 rows; decimals plain (no exponent, no trailing
 * zeros), times ISO-8601 in UTC ({@code 2025-12-03T23:11:00Z}), null as an empty field. Table: the
 * same values aligned in columns.
 */
public final class ResultPrinter {
  private ResultPrinter() {}

  /** Prints {@code rows} in {@code format}; {@code limit} bounds the rows of a table. */
  public static void print(Dataset<Row> rows, ResultFormat format, int limit, PrintStream out) {
    if (format == ResultFormat.CSV) {
      csv(rows, out);
    } else {
      table(rows, Math.max(1, limit), out);
    }
  }

  /**
   * Streams every row as CSV, without collecting the result on the driver. The header is printed
   * once the query has started answering, so a query that fails prints nothing.
   */
  public static long csv(Dataset<Row> rows, PrintStream out) {
    String[] columns = rows.columns();
    List<String> header = new ArrayList<>();
    for (String column : columns) {
      header.add(quote(column));
    }
    long n = 0;
    Iterator<Row> it = execute(rows);
    boolean any = it.hasNext(); // runs the query's first part
    out.println(String.join(",", header));
    while (any && it.hasNext()) {
      Row row = it.next();
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < columns.length; i++) {
        if (i > 0) {
          line.append(',');
        }
        line.append(row.isNullAt(i) ? "" : quote(format(row.get(i))));
      }
      out.println(line);
      n++;
    }
    out.flush();
    return n;
  }

  /** Prints up to {@code limit} rows aligned, then how many rows there were. */
  public static void table(Dataset<Row> rows, int limit, PrintStream out) {
    String[] columns = rows.columns();
    List<String[]> cells = new ArrayList<>();
    Iterator<Row> it = execute(rows.limit(limit + 1));
    boolean more = false;
    while (it.hasNext()) {
      Row row = it.next();
      if (cells.size() == limit) {
        more = true;
        break;
      }
      String[] values = new String[columns.length];
      for (int i = 0; i < columns.length; i++) {
        values[i] = row.isNullAt(i) ? "null" : format(row.get(i));
      }
      cells.add(values);
    }
    int[] widths = new int[columns.length];
    for (int i = 0; i < columns.length; i++) {
      widths[i] = columns[i].length();
      for (String[] values : cells) {
        widths[i] = Math.max(widths[i], values[i].length());
      }
    }
    out.println(line(columns, widths));
    StringBuilder rule = new StringBuilder();
    for (int i = 0; i < widths.length; i++) {
      rule.append(i == 0 ? "" : "-+-").append("-".repeat(widths[i]));
    }
    out.println(rule);
    for (String[] values : cells) {
      out.println(line(values, widths));
    }
    out.println(
        more
            ? "(first " + limit + " rows shown; raise --limit or use --format csv for all)"
            : "(" + cells.size() + (cells.size() == 1 ? " row)" : " rows)"));
    out.flush();
  }

  /** One value as text: plain decimals, ISO-8601 UTC times. */
  public static String format(Object value) {
    if (value instanceof BigDecimal d) {
      return Columns.plain(d);
    }
    if (value instanceof Double d) {
      return d.isNaN() || d.isInfinite() ? d.toString() : Columns.plain(BigDecimal.valueOf(d));
    }
    if (value instanceof Float f) {
      return f.isNaN() || f.isInfinite()
          ? f.toString()
          : Columns.plain(new BigDecimal(f.toString()));
    }
    if (value instanceof Instant t) {
      return t.toString();
    }
    if (value instanceof java.sql.Timestamp t) {
      return t.toInstant().toString();
    }
    if (value instanceof byte[] bytes) {
      StringBuilder hex = new StringBuilder();
      for (byte b : bytes) {
        hex.append(String.format("%02x", b));
      }
      return hex.toString();
    }
    return String.valueOf(value);
  }

  private static Iterator<Row> execute(Dataset<Row> rows) {
    try {
      return rows.toLocalIterator();
    } catch (RuntimeException e) {
      throw Errors.queryFailed(e);
    }
  }

  private static String line(String[] values, int[] widths) {
    StringBuilder line = new StringBuilder();
    for (int i = 0; i < values.length; i++) {
      if (i > 0) {
        line.append(" | ");
      }
      line.append(String.format("%-" + Math.max(1, widths[i]) + "s", values[i]));
    }
    return line.toString().stripTrailing();
  }

  private static String quote(String value) {
    if (value.contains(",")
        || value.contains("\"")
        || value.contains("\n")
        || value.contains("\r")) {
      return "\"" + value.replace("\"", "\"\"") + "\"";
    }
    return value;
  }
}
