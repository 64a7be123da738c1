package dev.fifopipeline.ingest;

import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.monotonically_increasing_id;

import dev.fifopipeline.config.JdbcSettings;
import dev.fifopipeline.config.SourceKind;
import dev.fifopipeline.config.SourceSettings;
import dev.fifopipeline.error.Errors;
import dev.fifopipeline.error.PipelineException;
import dev.fifopipeline.spark.Jdbc;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import org.apache.spark.sql.AnalysisException;
import org.apache.spark.sql.Column;
import org.apache.spark.sql.DataFrameReader;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.DataTypes;
import org.apache.spark.sql.types.StructType;

/**
 * Reads the configured ledger source into canonical column names (contract section 1), typed as the
 * source has them, plus {@code _row} (input order) and {@code _corrupt_record} (the raw line of a
 * malformed CSV row, else null). Optional columns the source lacks are null.
 */
final class LedgerSource {
  private static final DateTimeFormatter BOUND =
      DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm:ss.SSSSSS").withZone(ZoneOffset.UTC);

  private final SparkSession spark;
  private final SourceSettings settings;
  private final String[] paths;
  private final java.util.Set<String> present = new java.util.HashSet<>();

  /** Reads the whole source. */
  LedgerSource(SparkSession spark, SourceSettings settings) {
    this(spark, settings, settings.path() == null ? List.of() : List.of(settings.path()));
  }

  /** Reads {@code paths}, files of a csv or parquet source, instead of its whole path. */
  LedgerSource(SparkSession spark, SourceSettings settings, List<String> paths) {
    this.spark = spark;
    this.settings = settings;
    this.paths = paths.toArray(String[]::new);
  }

  /**
   * The source's rows under canonical names.
   *
   * @throws dev.fifopipeline.error.PipelineException (environment) when the source cannot be read,
   *     (usage) when a required column is missing
   */
  Dataset<Row> read() {
    return read(null);
  }

  /**
   * The source's rows under canonical names; a JDBC source with an ingested_at column is read only
   * from {@code ingestedFrom} on when it is not null (files are always read whole).
   */
  Dataset<Row> read(Instant ingestedFrom) {
    Dataset<Row> raw =
        switch (settings.kind()) {
          case CSV -> readCsv();
          case PARQUET -> readFiles("parquet");
          case JDBC -> readJdbc(ingestedFrom);
        };
    return canonical(raw.withColumn(CanonicalColumns.ROW, monotonically_increasing_id()));
  }

  /** Whether reading the source again gives the same rows: files do, a database may not. */
  boolean rereadable() {
    return settings.kind() != SourceKind.JDBC;
  }

  /**
   * Whether the last {@link #read} can be incremental: a JDBC source whose table has the mapped
   * ingested_at column.
   */
  boolean watermarkable() {
    return settings.kind() == SourceKind.JDBC && present.contains("ingested_at");
  }

  /**
   * RFC 4180 CSV, set on purpose rather than left to Spark's defaults: fields quoted with {@code "}
   * and a quote inside a quoted field doubled ({@code "a ""b"""}; Spark's default escape is a
   * backslash, which would keep the doubled quotes raw), line breaks inside quoted fields (hence
   * {@code multiLine}, which parses each file whole; such a line break is kept as LF), CRLF or LF
   * line ends, UTF-8 with or without a byte-order mark. An empty file is a source with no rows.
   */
  private Dataset<Row> readCsv() {
    requirePath();
    try {
      DataFrameReader reader =
          spark
              .read()
              .option("header", "true")
              .option("delimiter", settings.csvDelimiter())
              .option("quote", "\"")
              .option("escape", "\"")
              .option("multiLine", "true")
              .option("encoding", "UTF-8");
      // every column as text, so malformed values reach the review queue instead of failing
      StructType schema = new StructType();
      String[] header = reader.csv(paths).columns();
      if (header.length == 0) { // a 0-byte file: no header, no rows
        return emptyCsv();
      }
      for (String name : header) {
        schema = schema.add(name, DataTypes.StringType);
      }
      schema = schema.add(CanonicalColumns.CORRUPT, DataTypes.StringType);
      return reader
          .option("mode", "PERMISSIVE")
          .option("columnNameOfCorruptRecord", CanonicalColumns.CORRUPT)
          .schema(schema)
          .csv(paths);
    } catch (PipelineException e) {
      throw e;
    } catch (Exception e) { // AnalysisException is checked in Java's eyes
      throw Errors.sourceUnreadable("csv", settings.path(), rootCause(e));
    }
  }

  /** No rows, under the source's mapped names of every canonical column. */
  private Dataset<Row> emptyCsv() {
    StructType schema = new StructType();
    for (String name : CanonicalColumns.all()) {
      schema = schema.add(settings.columns().getOrDefault(name, name), DataTypes.StringType);
    }
    schema = schema.add(CanonicalColumns.CORRUPT, DataTypes.StringType);
    return spark.createDataFrame(List.<Row>of(), schema);
  }

  private Dataset<Row> readFiles(String format) {
    requirePath();
    try {
      return spark.read().format(format).load(paths);
    } catch (Exception e) {
      throw Errors.sourceUnreadable(format, settings.path(), rootCause(e));
    }
  }

  private Dataset<Row> readJdbc(Instant ingestedFrom) {
    JdbcSettings jdbc = settings.jdbc();
    if (!jdbc.isConfigured()) {
      throw Errors.missingSetting("read the jdbc source", "source.jdbc.url");
    }
    DataFrameReader reader =
        spark
            .read()
            .format("jdbc")
            .option("url", jdbc.url())
            .option("dbtable", jdbc.table())
            .option("fetchsize", String.valueOf(jdbc.fetchSize()));
    jdbc.connectionProperties().forEach((k, v) -> reader.option((String) k, (String) v));
    if (jdbc.partitions() > 1 && ingestedFrom == null) {
      String timeColumn = settings.columns().get("order_time");
      Instant[] bounds = timeBounds(jdbc, timeColumn);
      if (bounds != null && bounds[0].isBefore(bounds[1])) {
        reader
            .option("partitionColumn", timeColumn)
            .option("lowerBound", BOUND.format(bounds[0]))
            .option("upperBound", BOUND.format(bounds[1]))
            .option("numPartitions", String.valueOf(jdbc.partitions()));
      }
    }
    try {
      Dataset<Row> rows = reader.load();
      String landed = find(Arrays.asList(rows.columns()), settings.columns().get("ingested_at"));
      if (ingestedFrom != null && landed != null) {
        rows = rows.filter(rows.col(quote(landed)).geq(lit(ingestedFrom))); // pushed down to SQL
      }
      return rows;
    } catch (Exception e) {
      throw Jdbc.failure(jdbc, e);
    }
  }

  /** min and max order_time, to split a parallel read; null when the table is empty. */
  private static Instant[] timeBounds(JdbcSettings jdbc, String timeColumn) {
    String column = Jdbc.quoteIdentifier(timeColumn);
    String sql = "SELECT min(" + column + "), max(" + column + ") FROM " + jdbc.table();
    try (Connection connection = Jdbc.connect(jdbc);
        Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery(sql)) {
      rs.next();
      OffsetDateTime min = rs.getObject(1, OffsetDateTime.class);
      OffsetDateTime max = rs.getObject(2, OffsetDateTime.class);
      return min == null || max == null ? null : new Instant[] {min.toInstant(), max.toInstant()};
    } catch (SQLException e) {
      throw Jdbc.failure(jdbc, e);
    }
  }

  private Dataset<Row> canonical(Dataset<Row> raw) {
    List<String> available = Arrays.asList(raw.columns());
    List<Column> columns = new ArrayList<>();
    for (String canonical : CanonicalColumns.all()) {
      String wanted = settings.columns().getOrDefault(canonical, canonical);
      String found = find(available, wanted);
      if (found != null) {
        present.add(canonical);
      }
      if (found == null && CanonicalColumns.REQUIRED.contains(canonical)) {
        throw Errors.missingSourceColumn(
            canonical, wanted, available.stream().filter(c -> !c.startsWith("_")).toList());
      }
      columns.add(
          found == null
              ? lit(null).cast("string").as(canonical)
              : raw.col(quote(found)).as(canonical));
    }
    columns.add(raw.col(CanonicalColumns.ROW));
    columns.add(
        available.contains(CanonicalColumns.CORRUPT)
            ? raw.col(CanonicalColumns.CORRUPT)
            : lit(null).cast("string").as(CanonicalColumns.CORRUPT));
    return raw.select(columns.toArray(Column[]::new));
  }

  private static String find(List<String> available, String wanted) {
    if (available.contains(wanted)) {
      return wanted;
    }
    return available.stream()
        .filter(c -> c.toLowerCase(Locale.ROOT).equals(wanted.toLowerCase(Locale.ROOT)))
        .findFirst()
        .orElse(null);
  }

  private void requirePath() {
    if (settings.path() == null || settings.path().isBlank()) {
      throw Errors.missingSetting(
          "read the " + settings.kind().name().toLowerCase() + " source", "source.path");
    }
  }

  private static String quote(String name) {
    return "`" + name.replace("`", "``") + "`";
  }

  private static Throwable rootCause(Exception e) {
    if (e instanceof AnalysisException || e.getCause() == null) {
      return e;
    }
    return e.getCause();
  }
}
