package dev.fifopipeline.testing;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;

/**
 * Runs Databricks SQL source notebooks on plain Spark: cells are separated by {@code -- COMMAND
 * ----------}; cells of {@code -- MAGIC} lines are markdown and skipped (any other magic fails);
 * every other cell's statements run in order. {@code CREATE WIDGET TEXT name DEFAULT 'value'}
 * declares a parameter, bound to the named parameter marker {@code :name} of every statement as
 * Databricks binds widgets. The notebooks' default lake location ({@value #DEFAULT_LAKE}) is
 * replaced by the lake given, as their markdown asks a user to edit it. Old-style {@code ${name}}
 * references are refused.
 */
public final class Notebooks {
  private static final String HEADER = "-- Databricks notebook source";
  private static final String SEPARATOR = "\n-- COMMAND ----------\n";

  /** The lake location the notebooks register their tables from until a user edits it. */
  public static final String DEFAULT_LAKE = "dbfs:/fifo-pipeline/lake";

  private static final Pattern WIDGET =
      Pattern.compile("(?is)CREATE\\s+WIDGET\\s+TEXT\\s+(\\w+)\\s+DEFAULT\\s+['\"](.*)['\"]\\s*");

  /** One statement's outcome. */
  public record Statement(Path notebook, int cell, String sql, List<Row> rows) {}

  private Notebooks() {}

  /**
   * Runs every SQL cell of {@code notebook} in {@code session}.
   *
   * @param parameters widget values that replace the notebook's defaults
   * @param lake the lake the notebook's tables are registered from, instead of {@link
   *     #DEFAULT_LAKE}
   * @return every statement run, with its rows
   * @throws IllegalStateException naming the notebook, cell and statement that failed
   */
  public static List<Statement> run(
      SparkSession session, Path notebook, Map<String, String> parameters, String lake)
      throws IOException {
    String text = Files.readString(notebook, StandardCharsets.UTF_8).replace("\r\n", "\n");
    if (!text.startsWith(HEADER + "\n")) {
      throw new IllegalStateException(notebook + " does not start with '" + HEADER + "'");
    }
    if (text.contains("${")) {
      throw new IllegalStateException(
          notebook + " uses ${...} references: use named parameter markers (:name)");
    }
    if (!text.contains("'" + DEFAULT_LAKE + "/")) {
      throw new IllegalStateException(notebook + " registers no table from " + DEFAULT_LAKE);
    }
    text = text.replace("'" + DEFAULT_LAKE + "/", "'" + lake + "/");
    Map<String, Object> bound = new LinkedHashMap<>();
    String[] cells = text.substring(HEADER.length()).split(SEPARATOR);
    List<Statement> statements = new ArrayList<>();
    for (int c = 0; c < cells.length; c++) {
      List<String> lines = cells[c].strip().lines().toList();
      if (lines.isEmpty()) {
        continue;
      }
      if (lines.stream().allMatch(l -> l.startsWith("-- MAGIC"))) {
        if (!lines.get(0).startsWith("-- MAGIC %md")) {
          throw new IllegalStateException(
              notebook
                  + " cell "
                  + (c + 1)
                  + ": only markdown magic is supported: "
                  + lines.get(0));
        }
        continue;
      }
      for (String sql : cells[c].strip().split(";\\s*(\\n|$)")) {
        if (sql.isBlank()) {
          continue;
        }
        Matcher widget = WIDGET.matcher(sql.strip());
        if (widget.matches()) {
          String name = widget.group(1);
          bound.put(name, parameters.getOrDefault(name, widget.group(2)));
          statements.add(new Statement(notebook, c + 1, sql, List.of()));
          continue;
        }
        try {
          statements.add(
              new Statement(notebook, c + 1, sql, session.sql(sql, bound).collectAsList()));
        } catch (Exception e) { // AnalysisException and ParseException are checked in Java's eyes
          throw new IllegalStateException(
              notebook.getFileName()
                  + " cell "
                  + (c + 1)
                  + " fails: "
                  + e.getMessage()
                  + "\n"
                  + sql,
              e);
        }
      }
    }
    return statements;
  }
}
