package dev.fifopipeline.sql;

import dev.fifopipeline.config.SparkSettings;
import dev.fifopipeline.error.Errors;
import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.spark.MoneyColumns;
import dev.fifopipeline.spark.SmallInputs;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import org.apache.hadoop.fs.Path;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.catalyst.plans.logical.Command;
import org.apache.spark.sql.catalyst.plans.logical.LogicalPlan;

/**
 * Spark SQL over the lake: every lake table is a view under its own name (trade_records,
 * fifo_allocations, ...), and the exact decimal functions fifo_add, fifo_subtract, fifo_multiply,
 * fifo_divide and fifo_plain are available.
 */
public final class SqlJob {
  private final Lake lake;
  private boolean functionsRegistered;

  public SqlJob(Lake lake) {
    this.lake = lake;
  }

  /**
   * Plans {@code query} over the lake's tables.
   *
   * @throws dev.fifopipeline.error.PipelineException (usage) when it does not parse or names
   *     unknown tables or columns
   */
  public Dataset<Row> query(String query) {
    List<String> tables = registerTables(query);
    if (!functionsRegistered) { // once per session: the prompt runs many queries
      MoneyColumns.register(lake.spark());
      functionsRegistered = true;
    }
    try {
      // spark.sql runs commands at once: look before running anything
      LogicalPlan plan = lake.spark().sessionState().sqlParser().parsePlan(query);
      if (!readOnly(plan)) {
        throw Errors.queryWouldWrite(plan.nodeName());
      }
      return lake.spark().sql(query);
    } catch (dev.fifopipeline.error.PipelineException e) {
      throw e;
    } catch (Exception e) { // ParseException and AnalysisException are checked in Java's eyes
      throw Errors.badQuery(Errors.firstLine(e), tables);
    }
  }

  /** A query, or a DESCRIBE, SHOW or EXPLAIN: nothing that writes. */
  static boolean readOnly(LogicalPlan plan) {
    String name = plan.getClass().getSimpleName();
    if (name.equals("UnresolvedWith")) { // WITH ... <statement>: judge the statement
      return readOnly(plan.children().head());
    }
    if (name.startsWith("Describe") || name.startsWith("Show") || name.startsWith("Explain")) {
      return true;
    }
    return !(plan instanceof Command) && !name.startsWith("InsertInto");
  }

  /**
   * The session settings for {@code query}: interpreted on one partition when the tables it names
   * take less than {@code smallLakeBytes} ({@link SmallInputs}).
   */
  public static SparkSettings sessionFor(
      SparkSettings spark, String lakeRoot, long smallLakeBytes, String query) {
    return sessionFor(spark, lakeRoot, smallLakeBytes, tablesNamedIn(query));
  }

  /**
   * The session settings for queries over {@code tables}: interpreted on one partition when they
   * take less than {@code smallLakeBytes} ({@link SmallInputs}).
   */
  public static SparkSettings sessionFor(
      SparkSettings spark, String lakeRoot, long smallLakeBytes, List<LakeTable> tables) {
    List<String> folders =
        tables.stream().map(t -> new Path(lakeRoot, t.tableName()).toString()).toList();
    return SmallInputs.settingsFor(spark, smallLakeBytes, folders);
  }

  /** The lake tables {@code query} names (whole words, any case). */
  static List<LakeTable> tablesNamedIn(String query) {
    List<LakeTable> named = new ArrayList<>();
    for (LakeTable table : LakeTable.values()) {
      if (Pattern.compile("\\b" + table.tableName() + "\\b", Pattern.CASE_INSENSITIVE)
          .matcher(query)
          .find()) {
        named.add(table);
      }
    }
    return named;
  }

  /**
   * Registers as views the lake tables {@code query} names (opening a Delta table replays its log,
   * so the others are left alone); returns the names of every table in the lake.
   */
  public List<String> registerTables(String query) {
    return registerTables(tablesNamedIn(query));
  }

  /**
   * Registers {@code tables} as views under their names, those of them the lake has, as they are
   * now or, while a run is unfinished, as they were before it ({@link Lake#asBeforeUnfinishedRun});
   * returns the names of every table in the lake.
   */
  public List<String> registerTables(List<LakeTable> tables) {
    Lake now = lake.asBeforeUnfinishedRun();
    List<String> names = new ArrayList<>();
    for (LakeTable table : now.existingTables()) {
      names.add(table.tableName());
      if (tables.contains(table)) {
        now.read(table).createOrReplaceTempView(table.tableName());
      }
    }
    return names;
  }

  /** The lake this job queries. */
  public Lake lake() {
    return lake;
  }
}
