package dev.fifopipeline.testing;

import dev.fifopipeline.lake.ForklessLocalFileSystem;
import io.delta.kernel.Scan;
import io.delta.kernel.Snapshot;
import io.delta.kernel.Table;
import io.delta.kernel.data.ColumnarBatch;
import io.delta.kernel.data.FilteredColumnarBatch;
import io.delta.kernel.data.Row;
import io.delta.kernel.defaults.engine.DefaultEngine;
import io.delta.kernel.engine.Engine;
import io.delta.kernel.internal.InternalScanFileUtils;
import io.delta.kernel.internal.SnapshotImpl;
import io.delta.kernel.internal.actions.Protocol;
import io.delta.kernel.internal.data.ScanStateRow;
import io.delta.kernel.internal.util.Utils;
import io.delta.kernel.types.BooleanType;
import io.delta.kernel.types.DataType;
import io.delta.kernel.types.DateType;
import io.delta.kernel.types.DecimalType;
import io.delta.kernel.types.DoubleType;
import io.delta.kernel.types.IntegerType;
import io.delta.kernel.types.LongType;
import io.delta.kernel.types.StringType;
import io.delta.kernel.types.StructType;
import io.delta.kernel.types.TimestampType;
import io.delta.kernel.utils.CloseableIterator;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.hadoop.conf.Configuration;

/**
 * Reads a Delta table with Delta Kernel's Java reader and its default engine: no Spark, the way
 * another tool reads the lake. Rows come as text for comparison with Spark's ({@link #text}).
 */
public final class KernelReader {
  private final Engine engine =
      DefaultEngine.create(ForklessLocalFileSystem.withDefaults(new Configuration()));

  /** Every live row of the table at {@code path} (deleted rows left out), as text, sorted. */
  public List<String> rows(String path) {
    return rows(path, Set.of());
  }

  /** {@link #rows(String)} without the columns named in {@code leftOut}. */
  public List<String> rows(String path, Set<String> leftOut) {
    Snapshot snapshot = Table.forPath(engine, path).getLatestSnapshot(engine);
    Scan scan = snapshot.getScanBuilder(engine).build();
    Row scanState = scan.getScanState(engine);
    StructType physical = ScanStateRow.getPhysicalDataReadSchema(engine, scanState);
    List<String> rows = new ArrayList<>();
    try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
      while (files.hasNext()) {
        try (CloseableIterator<Row> fileRows = files.next().getRows()) {
          while (fileRows.hasNext()) {
            Row file = fileRows.next();
            CloseableIterator<ColumnarBatch> data =
                engine
                    .getParquetHandler()
                    .readParquetFiles(
                        Utils.singletonCloseableIterator(
                            InternalScanFileUtils.getAddFileStatus(file)),
                        physical,
                        Optional.empty());
            try (CloseableIterator<FilteredColumnarBatch> logical =
                Scan.transformPhysicalData(engine, scanState, file, data)) {
              while (logical.hasNext()) {
                try (CloseableIterator<Row> batch = logical.next().getRows()) {
                  while (batch.hasNext()) {
                    rows.add(text(batch.next(), leftOut));
                  }
                }
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    Collections.sort(rows);
    return rows;
  }

  /** The protocol of the table's latest version: reader and writer versions and features. */
  public Protocol protocol(String path) {
    return ((SnapshotImpl) Table.forPath(engine, path).getLatestSnapshot(engine)).getProtocol();
  }

  /** How many files of the latest version carry a deletion vector. */
  public long filesWithDeletionVectors(String path) {
    Scan scan =
        Table.forPath(engine, path).getLatestSnapshot(engine).getScanBuilder(engine).build();
    long count = 0;
    try (CloseableIterator<FilteredColumnarBatch> files = scan.getScanFiles(engine)) {
      while (files.hasNext()) {
        try (CloseableIterator<Row> fileRows = files.next().getRows()) {
          while (fileRows.hasNext()) {
            if (InternalScanFileUtils.getDeletionVectorDescriptorFromRow(fileRows.next()) != null) {
              count++;
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return count;
  }

  /**
   * A Kernel row as {@code name=value|...}, values written as {@link #value(Object)} writes them.
   */
  private static String text(Row row, Set<String> leftOut) {
    StructType schema = row.getSchema();
    StringBuilder text = new StringBuilder();
    for (int i = 0; i < schema.length(); i++) {
      if (leftOut.contains(schema.at(i).getName())) {
        continue;
      }
      DataType type = schema.at(i).getDataType();
      Object value = row.isNullAt(i) ? null : get(row, i, type);
      text.append(schema.at(i).getName()).append('=').append(value(value)).append('|');
    }
    return text.toString();
  }

  private static Object get(Row row, int i, DataType type) {
    if (type instanceof StringType) {
      return row.getString(i);
    } else if (type instanceof LongType) {
      return row.getLong(i);
    } else if (type instanceof IntegerType) {
      return row.getInt(i);
    } else if (type instanceof BooleanType) {
      return row.getBoolean(i);
    } else if (type instanceof DoubleType) {
      return row.getDouble(i);
    } else if (type instanceof DecimalType) {
      return row.getDecimal(i);
    } else if (type instanceof TimestampType) {
      long micros = row.getLong(i);
      return Instant.ofEpochSecond(
          Math.floorDiv(micros, 1_000_000L), Math.floorMod(micros, 1_000_000L) * 1000L);
    } else if (type instanceof DateType) {
      return LocalDate.ofEpochDay(row.getInt(i));
    }
    throw new IllegalStateException("no text for Kernel type " + type);
  }

  /**
   * One value as text, the same for Spark's and Kernel's Java types: decimals without trailing
   * zeros, times as ISO-8601 instants, null as {@code null}.
   */
  public static String value(Object value) {
    if (value instanceof BigDecimal decimal) {
      return decimal.signum() == 0 ? "0" : decimal.stripTrailingZeros().toPlainString();
    }
    return String.valueOf(value);
  }
}
