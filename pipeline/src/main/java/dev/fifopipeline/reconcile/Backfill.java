package dev.fifopipeline.reconcile;

import static org.apache.spark.sql.functions.coalesce;
import static org.apache.spark.sql.functions.col;
import static org.apache.spark.sql.functions.concat;
import static org.apache.spark.sql.functions.lit;
import static org.apache.spark.sql.functions.split;

import dev.fifopipeline.config.JdbcSettings;
import dev.fifopipeline.config.Settings;
import dev.fifopipeline.config.SourceKind;
import dev.fifopipeline.error.Errors;
import dev.fifopipeline.ingest.CanonicalColumns;
import dev.fifopipeline.ingest.IngestJob;
import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.output.ResultPrinter;
import dev.fifopipeline.spark.Jdbc;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Clock;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Appends the trades an exchange filled but the ledger lacks, with {@code source = 'backfill'} and
 * {@code ingested_at} now: into the bot's PostgreSQL table for a jdbc source (only appending, to
 * the columns it has, under its own column names), else into the lake through ingest's rules. An
 * export without order ids gets the id {@code coinbase-fill-<first trade id>}.
 */
final class Backfill {
  private static final Logger LOG = LoggerFactory.getLogger(Backfill.class);
  private static final List<String> COLUMNS =
      List.of(
          "order_id",
          "symbol",
          "side",
          "order_time",
          "price",
          "size",
          "fees",
          "ingested_at",
          "source");

  private final Lake lake;
  private final Settings settings;
  private final Clock clock;

  Backfill(Lake lake, Settings settings, Clock clock) {
    this.lake = lake;
    this.settings = settings;
    this.clock = clock;
  }

  /** Appends the {@code missing} rows of a reconcile; returns how many. */
  long append(Dataset<Row> missing) {
    Instant now = clock.instant();
    Dataset<Row> rows =
        missing
            .filter(col("fill_side").isin("buy", "sell"))
            .select(
                coalesce(
                        col("order_id"),
                        concat(lit("coinbase-fill-"), split(col("fill_ids"), "\\+").getItem(0)))
                    .as("order_id"),
                col("symbol"),
                col("fill_side").as("side"),
                col("first_fill_time").as("order_time"),
                col("fill_price").as("price"),
                col("fill_size").as("size"),
                col("fill_fee").as("fees"),
                lit(now).as("ingested_at"),
                lit("backfill").as("source"));
    List<Row> trades = rows.collectAsList();
    long n = settings.source().kind() == SourceKind.JDBC ? insert(trades) : ingest(rows);
    LOG.info("reconcile: backfilled {} missing trades into the ledger", n);
    return n;
  }

  private long insert(List<Row> trades) {
    JdbcSettings jdbc = settings.source().jdbc();
    String table = jdbc.table().strip();
    if (table.startsWith("(")) {
      throw Errors.backfillNeedsTable();
    }
    try (Connection c = Jdbc.connect(jdbc)) {
      Map<String, String> present = new HashMap<>();
      try (Statement s = c.createStatement();
          ResultSet rs = s.executeQuery("SELECT * FROM " + table + " WHERE false")) {
        ResultSetMetaData meta = rs.getMetaData();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          present.put(meta.getColumnName(i).toLowerCase(Locale.ROOT), meta.getColumnName(i));
        }
      }
      List<String> canonical = new ArrayList<>();
      List<String> names = new ArrayList<>();
      for (String column : COLUMNS) {
        String name =
            present.get(
                settings.source().columns().getOrDefault(column, column).toLowerCase(Locale.ROOT));
        if (name != null) {
          canonical.add(column);
          names.add(Jdbc.quoteIdentifier(name));
        }
      }
      String sql =
          "INSERT INTO "
              + table
              + " ("
              + String.join(", ", names)
              + ") VALUES ("
              + String.join(", ", names.stream().map(n -> "?").toList())
              + ")";
      c.setAutoCommit(false);
      try (PreparedStatement p = c.prepareStatement(sql)) {
        for (Row trade : trades) {
          for (int i = 0; i < canonical.size(); i++) {
            Object value = trade.getAs(canonical.get(i));
            p.setObject(
                i + 1,
                value instanceof Instant t ? OffsetDateTime.ofInstant(t, ZoneOffset.UTC) : value);
          }
          p.addBatch();
        }
        p.executeBatch();
      }
      lake.crashPoints().reached("reconcile.before-commit");
      c.commit();
      return trades.size();
    } catch (SQLException e) {
      throw Jdbc.failure(jdbc, e);
    }
  }

  private long ingest(Dataset<Row> rows) {
    try {
      Path file = Files.createTempFile("fifo-backfill-", ".csv");
      try (PrintStream out =
          new PrintStream(Files.newOutputStream(file), true, StandardCharsets.UTF_8)) {
        ResultPrinter.csv(rows, out);
      }
      var source =
          CanonicalColumns.csvSource(
              file.toString(), settings.source().jdbc(), settings.source().clockSkew());
      long inserted = new IngestJob(lake, source, clock, true).run().inserted();
      Files.deleteIfExists(file);
      return inserted;
    } catch (IOException e) {
      throw Errors.backfillFailed(e);
    }
  }
}
