package dev.fifopipeline.sample;

import static org.apache.parquet.schema.LogicalTypeAnnotation.decimalType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.stringType;
import static org.apache.parquet.schema.LogicalTypeAnnotation.timestampType;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.BINARY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.FIXED_LEN_BYTE_ARRAY;
import static org.apache.parquet.schema.PrimitiveType.PrimitiveTypeName.INT64;

import dev.fifopipeline.engine.Money;
import java.io.BufferedOutputStream;
import java.io.Closeable;
import java.io.IOException;
import java.io.OutputStream;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Arrays;
import org.apache.parquet.example.data.Group;
import org.apache.parquet.example.data.simple.SimpleGroupFactory;
import org.apache.parquet.hadoop.ParquetFileWriter;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.example.ExampleParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.io.OutputFile;
import org.apache.parquet.io.PositionOutputStream;
import org.apache.parquet.io.api.Binary;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.apache.parquet.schema.Types;

/**
 * Generated rows as a Parquet file with the types a database export has: text for ids, symbol, side
 * and source, UTC timestamps for order_time and ingested_at, DECIMAL(38,18) for price, size and
 * fees. The old bot's inline-PnL columns of the CSV are left out (they are empty outside the
 * sample, and the sample, whose bad rows break these types on purpose, is CSV only).
 */
final class ParquetRows implements Closeable {
  private static final int DECIMAL_BYTES = 16; // enough for 38 digits

  static final MessageType SCHEMA =
      Types.buildMessage()
          .required(BINARY)
          .as(stringType())
          .named("order_id")
          .required(BINARY)
          .as(stringType())
          .named("symbol")
          .required(BINARY)
          .as(stringType())
          .named("side")
          .required(INT64)
          .as(timestampType(true, TimeUnit.MICROS))
          .named("order_time")
          .required(FIXED_LEN_BYTE_ARRAY)
          .length(DECIMAL_BYTES)
          .as(decimalType(Money.SCALE, Money.PRECISION))
          .named("price")
          .required(FIXED_LEN_BYTE_ARRAY)
          .length(DECIMAL_BYTES)
          .as(decimalType(Money.SCALE, Money.PRECISION))
          .named("size")
          .required(FIXED_LEN_BYTE_ARRAY)
          .length(DECIMAL_BYTES)
          .as(decimalType(Money.SCALE, Money.PRECISION))
          .named("fees")
          .required(INT64)
          .as(timestampType(true, TimeUnit.MICROS))
          .named("ingested_at")
          .optional(BINARY)
          .as(stringType())
          .named("source")
          .named("trade_records");

  private final ParquetWriter<Group> writer;
  private final SimpleGroupFactory groups = new SimpleGroupFactory(SCHEMA);

  ParquetRows(Path file) throws IOException {
    writer =
        ExampleParquetWriter.builder(new LocalFile(file))
            .withType(SCHEMA)
            .withCompressionCodec(CompressionCodecName.SNAPPY)
            // row groups of 16 MB: Spark splits a Parquet file by row group, so one large group
            // would be read by one task
            .withRowGroupSize(16L * 1024 * 1024)
            .withWriteMode(ParquetFileWriter.Mode.OVERWRITE)
            .build();
  }

  void write(Row row) throws IOException {
    Group group =
        groups
            .newGroup()
            .append("order_id", row.orderId)
            .append("symbol", row.symbol)
            .append("side", row.side)
            .append("order_time", micros(Instant.parse(row.orderTime)))
            .append("price", decimal(row.price))
            .append("size", decimal(new BigDecimal(row.size)))
            .append("fees", decimal(row.fees))
            .append("ingested_at", micros(row.ingestedAt));
    if (row.source != null && !row.source.isEmpty()) {
      group.append("source", row.source);
    }
    writer.write(group);
  }

  @Override
  public void close() throws IOException {
    writer.close();
  }

  private static long micros(Instant time) {
    return ChronoUnit.MICROS.between(Instant.EPOCH, time);
  }

  /** The value at scale 18 as a 16-byte big-endian two's complement (Parquet's decimal layout). */
  private static Binary decimal(BigDecimal value) {
    byte[] unscaled = value.setScale(Money.SCALE).unscaledValue().toByteArray();
    if (unscaled.length > DECIMAL_BYTES) {
      throw new ArithmeticException(value + " does not fit DECIMAL(38,18)");
    }
    byte[] bytes = new byte[DECIMAL_BYTES];
    byte sign = (byte) (unscaled[0] < 0 ? -1 : 0);
    int pad = DECIMAL_BYTES - unscaled.length;
    Arrays.fill(bytes, 0, pad, sign);
    System.arraycopy(unscaled, 0, bytes, pad, unscaled.length);
    return Binary.fromConstantByteArray(bytes);
  }

  /** A local file for Parquet without Hadoop's file system (no checksum files beside it). */
  private record LocalFile(Path path) implements OutputFile {
    @Override
    public PositionOutputStream create(long blockSizeHint) throws IOException {
      return stream(StandardOpenOption.CREATE_NEW);
    }

    @Override
    public PositionOutputStream createOrOverwrite(long blockSizeHint) throws IOException {
      return stream(StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING);
    }

    @Override
    public boolean supportsBlockSize() {
      return false;
    }

    @Override
    public long defaultBlockSize() {
      return 0;
    }

    @Override
    public String getPath() {
      return path.toString();
    }

    private PositionOutputStream stream(StandardOpenOption... options) throws IOException {
      OutputStream out = new BufferedOutputStream(Files.newOutputStream(path, options), 1 << 16);
      return new PositionOutputStream() {
        private long position;

        @Override
        public long getPos() {
          return position;
        }

        @Override
        public void write(int b) throws IOException {
          out.write(b);
          position++;
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
          out.write(b, off, len);
          position += len;
        }

        @Override
        public void flush() throws IOException {
          out.flush();
        }

        @Override
        public void close() throws IOException {
          out.close();
        }
      };
    }
  }
}
