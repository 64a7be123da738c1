package dev.fifopipeline.nightly;

import dev.fifopipeline.config.JdbcSettings;
import dev.fifopipeline.config.SourceKind;
import dev.fifopipeline.config.SourceSettings;
import dev.fifopipeline.ingest.SourceFiles;
import dev.fifopipeline.lake.Digests;
import dev.fifopipeline.lake.ForklessLocalFileSystem;
import dev.fifopipeline.spark.Jdbc;
import java.io.IOException;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.hadoop.fs.FileSystem;
import org.apache.hadoop.fs.Path;

/**
 * A cheap fingerprint of the ledger source, taken without Spark: equal fingerprints mean the source
 * holds the same rows. Files (CSV, Parquet) are fingerprinted by path, length and modification time
 * of every file the source path names (a file, a folder read recursively, or a glob); a PostgreSQL
 * table by its row count and its latest {@code ingested_at} and {@code order_time}, which change
 * whenever the bot appends or backfills a trade (the ledger is append-only).
 */
final class SourceFingerprint {
  private SourceFingerprint() {}

  /**
   * The fingerprint of {@code source} as a hex SHA-256, or empty when it cannot be taken cheaply (a
   * remote file system, an unreachable database): the caller then does the full work.
   */
  static Optional<String> of(SourceSettings source) {
    try {
      String facts =
          source.kind() == SourceKind.JDBC ? tableFacts(source) : fileFacts(source.path());
      return facts == null
          ? Optional.empty()
          : Optional.of(Digests.sha256(source.kind() + "\n" + facts));
    } catch (IOException | SQLException | RuntimeException e) {
      return Optional.empty();
    }
  }

  /** One line per file: path, length, modification time; null for a non-local path. */
  private static String fileFacts(String where) throws IOException {
    String scheme = new Path(where).toUri().getScheme();
    if (scheme != null && !scheme.equals("file")) {
      return null;
    }
    SourceFiles listed =
        SourceFiles.list(FileSystem.getLocal(ForklessLocalFileSystem.configuration()), where);
    if (listed.files().isEmpty()) {
      return null; // missing source: let ingest say so
    }
    List<String> lines = new ArrayList<>();
    for (SourceFiles.SourceFile file : listed.files()) {
      lines.add(file.path() + "\t" + file.length() + "\t" + file.modified());
    }
    return String.join("\n", lines);
  }

  /** Row count and latest times of the source table. */
  private static String tableFacts(SourceSettings source) throws SQLException {
    JdbcSettings jdbc = source.jdbc();
    String orderTime = Jdbc.quoteIdentifier(source.columns().get("order_time"));
    String ingestedAt = Jdbc.quoteIdentifier(source.columns().get("ingested_at"));
    try (Connection c = Jdbc.connect(jdbc);
        Statement s = c.createStatement()) {
      String withIngested =
          "SELECT count(*), max(" + orderTime + "), max(" + ingestedAt + ") FROM " + jdbc.table();
      String without = "SELECT count(*), max(" + orderTime + "), NULL FROM " + jdbc.table();
      try (ResultSet rs = s.executeQuery(withIngested)) {
        return row(rs);
      } catch (SQLException noIngestedAt) {
        try (ResultSet rs = s.executeQuery(without)) {
          return row(rs);
        }
      }
    }
  }

  private static String row(ResultSet rs) throws SQLException {
    rs.next();
    return rs.getLong(1) + "\t" + rs.getString(2) + "\t" + rs.getString(3);
  }
}
