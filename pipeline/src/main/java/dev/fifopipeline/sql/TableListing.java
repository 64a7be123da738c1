package dev.fifopipeline.sql;

import dev.fifopipeline.error.Errors;
import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.output.ResultFormat;
import dev.fifopipeline.output.ResultPrinter;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.RowFactory;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructField;
import org.apache.spark.sql.types.StructType;

/**
 * What the {@code sql} prompt's {@code \d} shows: the lake's tables with their columns, or one
 * table's columns with their types, as the tables' Delta logs give them (a lake whose ledger has
 * accounts has an {@code account} column). Rows, so that they print in the prompt's format.
 */
final class TableListing {
  private static final StructType TABLES =
      new StructType()
          .add("table", DataTypes.StringType, false)
          .add("columns", DataTypes.StringType, false);
  private static final StructType COLUMNS =
      new StructType()
          .add("column", DataTypes.StringType, false)
          .add("type", DataTypes.StringType, false);

  /** Width of the column lists of {@link #printTables}: tables fit an 80-column terminal. */
  static final int WIDTH = 80;

  private TableListing() {}

  /**
   * Prints the lake's tables and their columns: in CSV the rows of {@link #tables}; as a table one
   * table a paragraph, its column names wrapped, since some tables have twenty.
   */
  static void printTables(Lake lake, ResultFormat format, PrintStream out) {
    Dataset<Row> tables = tables(lake);
    if (format == ResultFormat.CSV) {
      ResultPrinter.csv(tables, out);
      return;
    }
    List<Row> rows = tables.collectAsList();
    int nameWidth = rows.stream().mapToInt(r -> r.getString(0).length()).max().orElse(0) + 2;
    for (Row row : rows) {
      String name = row.getString(0);
      StringBuilder line = new StringBuilder(name).append(" ".repeat(nameWidth - name.length()));
      int lineStart = 0;
      String[] columns = row.getString(1).split(", ");
      for (int i = 0; i < columns.length; i++) {
        String column = columns[i] + (i < columns.length - 1 ? "," : "");
        if (i > 0 && line.length() - lineStart + column.length() + 1 > nameWidth + WIDTH) {
          line.append('\n');
          lineStart = line.length();
          line.append(" ".repeat(nameWidth));
        } else if (i > 0) {
          line.append(' ');
        }
        line.append(column);
      }
      out.println(line);
    }
    out.println(
        "("
            + rows.size()
            + (rows.size() == 1 ? " table" : " tables")
            + "; \\d TABLE shows a table's column types)");
    out.flush();
  }

  /** One row per table the lake has: its name and its column names, in order. */
  static Dataset<Row> tables(Lake lake) {
    List<Row> rows = new ArrayList<>();
    for (LakeTable table : lake.existingTables()) {
      String columns =
          Arrays.stream(lake.read(table).schema().fields())
              .map(StructField::name)
              .collect(Collectors.joining(", "));
      rows.add(RowFactory.create(table.tableName(), columns));
    }
    return lake.spark().createDataFrame(rows, TABLES);
  }

  /**
   * One row per column of the table called {@code name} (any case): its name and SQL type.
   *
   * @throws dev.fifopipeline.error.PipelineException (usage) when the lake has no such table
   */
  static Dataset<Row> columns(Lake lake, String name) {
    List<LakeTable> existing = lake.existingTables();
    LakeTable table =
        LakeTable.named(name)
            .filter(existing::contains)
            .orElseThrow(
                () ->
                    Errors.unknownTable(
                        name, existing.stream().map(LakeTable::tableName).toList()));
    List<Row> rows = new ArrayList<>();
    for (StructField field : lake.read(table).schema().fields()) {
      rows.add(RowFactory.create(field.name(), field.dataType().sql().toLowerCase()));
    }
    return lake.spark().createDataFrame(rows, COLUMNS);
  }
}
