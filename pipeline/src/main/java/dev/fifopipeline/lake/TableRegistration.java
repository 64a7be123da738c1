package dev.fifopipeline.lake;

import java.util.List;
import java.util.regex.Pattern;

/**
 * The SQL that registers the lake's Delta tables by name in a metastore (Hive metastore, AWS Glue,
 * Unity Catalog, Spark's own catalog): one {@code CREATE TABLE ... USING DELTA LOCATION ...} per
 * table. The tables stay where they are and keep being written by path; a registered table is only
 * a name for that folder, so it always shows the lake's latest commit.
 */
public final class TableRegistration {
  /** What a database name may be: letters, digits and underscores, as every metastore accepts. */
  public static final Pattern DATABASE = Pattern.compile("[A-Za-z_][A-Za-z0-9_]*");

  private TableRegistration() {}

  /**
   * The script.
   *
   * @param database the database (schema) to create the names in; must match {@link #DATABASE}
   * @param lake the lake, whose {@link Lake#path} locations are written as given (absolute local
   *     paths or URIs)
   * @param tables the tables to register, in order
   * @return statements, each ending in {@code ;} on its own line, after comment lines
   * @throws IllegalArgumentException when {@code database} does not match {@link #DATABASE}
   */
  public static String script(String database, Lake lake, List<LakeTable> tables) {
    if (!DATABASE.matcher(database).matches()) {
      throw new IllegalArgumentException("not a database name: " + database);
    }
    StringBuilder sql = new StringBuilder();
    sql.append("-- fifo-pipeline: the lake ")
        .append(lake.root())
        .append(" as named Delta tables.\n")
        .append("-- Run in spark-sql (with Delta Lake) or on Databricks; nothing is copied.\n")
        .append("CREATE DATABASE IF NOT EXISTS ")
        .append(database)
        .append(";\n");
    for (LakeTable table : tables) {
      sql.append("CREATE TABLE IF NOT EXISTS ")
          .append(database)
          .append('.')
          .append(table.tableName())
          .append(" USING DELTA LOCATION '")
          .append(lake.path(table).replace("\\", "\\\\").replace("'", "\\'"))
          .append("';\n");
    }
    return sql.toString();
  }
}
