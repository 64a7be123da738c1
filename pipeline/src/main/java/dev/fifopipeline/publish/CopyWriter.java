package dev.fifopipeline.publish;

import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.Iterator;
import org.apache.spark.sql.Row;
import org.postgresql.PGConnection;
import org.postgresql.copy.CopyIn;

/**
 * Streams rows into PostgreSQL's COPY ... FROM STDIN (CSV) on one connection, in the caller's
 * transaction: decimals plain, times ISO-8601 UTC, text always quoted, null an empty unquoted
 * field.
 */
final class CopyWriter {
  private static final int FLUSH = 1 << 16;

  private CopyWriter() {}

  /**
   * Copies {@code rows} (their fields in COPY column order); returns the rows copied. Each chunk is
   * sent to the server as it fills; {@code duringCopy} runs once the first chunk has reached it,
   * while the COPY is still open.
   */
  static long copy(Connection connection, String copySql, Iterator<Row> rows, Runnable duringCopy)
      throws SQLException {
    CopyIn copy = connection.unwrap(PGConnection.class).getCopyAPI().copyIn(copySql);
    try {
      StringBuilder buffer = new StringBuilder(FLUSH * 2);
      boolean sent = false;
      while (rows.hasNext()) {
        Row row = rows.next();
        for (int i = 0; i < row.size(); i++) {
          if (i > 0) {
            buffer.append(',');
          }
          append(buffer, row.get(i));
        }
        buffer.append('\n');
        if (buffer.length() >= FLUSH) {
          sent = send(copy, buffer, sent, duringCopy);
        }
      }
      send(copy, buffer, sent, duringCopy);
      return copy.endCopy();
    } finally {
      if (copy.isActive()) {
        copy.cancelCopy();
      }
    }
  }

  private static void append(StringBuilder out, Object value) {
    if (value == null) {
      return;
    }
    if (value instanceof BigDecimal d) {
      out.append(d.toPlainString());
    } else if (value instanceof Number
        || value instanceof Boolean
        || value instanceof java.time.Instant) {
      out.append(value);
    } else {
      out.append('"').append(value.toString().replace("\"", "\"\"")).append('"');
    }
  }

  /** Sends the buffer's rows to the server; returns whether a chunk has been sent so far. */
  private static boolean send(CopyIn copy, StringBuilder buffer, boolean sent, Runnable duringCopy)
      throws SQLException {
    if (buffer.length() == 0) {
      return sent;
    }
    byte[] bytes = buffer.toString().getBytes(StandardCharsets.UTF_8);
    copy.writeToCopy(bytes, 0, bytes.length);
    copy.flushCopy();
    buffer.setLength(0);
    if (!sent) {
      duringCopy.run();
    }
    return true;
  }
}
