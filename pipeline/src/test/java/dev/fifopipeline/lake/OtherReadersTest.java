package dev.fifopipeline.lake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fifopipeline.allocate.AllocateJob;
import dev.fifopipeline.allocate.AllocateRequest;
import dev.fifopipeline.engine.MatchingMethod;
import dev.fifopipeline.engine.MatchingRules;
import dev.fifopipeline.engine.MethodSchedule;
import dev.fifopipeline.ingest.IngestJob;
import dev.fifopipeline.report.Prices;
import dev.fifopipeline.report.ReportJob;
import dev.fifopipeline.report.ReportKind;
import dev.fifopipeline.report.ReportRequest;
import dev.fifopipeline.testing.KernelReader;
import dev.fifopipeline.testing.Ledgers;
import dev.fifopipeline.testing.SharedSpark;
import dev.fifopipeline.testing.TempLake;
import io.delta.kernel.internal.actions.Protocol;
import java.nio.file.Path;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.sql.types.StructField;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/**
 * The lake is plain Delta that other tools can open: every table of a sample run (ingest, version
 * 1, reports, then two symbols recomputed, which leaves deletion vectors) reads the same with Delta
 * Kernel's Java reader, without Spark, as with Spark.
 */
@Tag("spark")
class OtherReadersTest {
  private static final Path ROOT =
      Path.of(System.getProperty("fifo.project.root", "..")).toAbsolutePath().normalize();
  private static TempLake temp;

  @BeforeAll
  static void sampleLake() {
    SharedSpark.session();
    temp = new TempLake();
    new IngestJob(
            temp.lake(),
            Ledgers.csvSource(ROOT.resolve("data/sample/trade_records.csv").toString()),
            Ledgers.CLOCK)
        .run();
    allocate(Set.of(), false);
    new ReportJob(
            temp.lake(),
            new ReportRequest(
                1, ReportKind.ALL, null, temp.folder().resolve("reports"), Prices.none()),
            ZoneOffset.UTC,
            Ledgers.CLOCK)
        .run();
    new ReportJob( // form_8949, schedule_d and year_end_lots
            temp.lake(),
            new ReportRequest(
                1, ReportKind.TAX, 2025, temp.folder().resolve("reports"), Prices.none()),
            ZoneOffset.UTC,
            Ledgers.CLOCK)
        .run();
    allocate(Set.of("SAPIEN-USD", "BTC-USD"), true); // replaces rows: deletion vectors
  }

  private static void allocate(Set<String> symbols, boolean force) {
    new AllocateJob(
            temp.lake(),
            new AllocateRequest(1, MethodSchedule.of(MatchingMethod.FIFO), symbols, null, force),
            MatchingRules.DEFAULT_DUST,
            ZoneOffset.UTC,
            Ledgers.CLOCK)
        .run();
  }

  @AfterAll
  static void cleanUp() {
    temp.close();
  }

  @Test
  void everyLakeTableReadsTheSameWithDeltaKernelAsWithSpark() {
    Lake lake = temp.lake();
    KernelReader kernel = new KernelReader();
    List<LakeTable> tables = lake.existingTables();
    assertEquals(List.of(LakeTable.values()), tables, "the sample run writes every table");
    long deletionVectors = 0;
    for (LakeTable table : tables) {
      List<String> spark = sparkRows(lake.read(table).collectAsList());
      List<String> read = kernel.rows(lake.path(table));
      assertFalse(spark.isEmpty(), table + " has rows");
      assertEquals(spark.size(), read.size(), table + ": row count");
      assertEquals(spark, read, table + ": the same rows");
      deletionVectors += kernel.filesWithDeletionVectors(lake.path(table));
    }
    assertTrue(deletionVectors > 0, "the recompute left deletion vectors for Kernel to apply");
  }

  @Test
  void theTablesNeedReaderVersion3WithDeletionVectorsTheirOnlyReaderFeature() {
    for (LakeTable table : temp.lake().existingTables()) {
      Protocol protocol = new KernelReader().protocol(temp.lake().path(table));
      assertEquals(3, protocol.getMinReaderVersion(), table.tableName());
      assertEquals(List.of("deletionVectors"), protocol.getReaderFeatures(), table.tableName());
      assertEquals(7, protocol.getMinWriterVersion(), table.tableName());
      Set<String> writerFeatures =
          LakeSchemas.recordsChanges(table)
              ? Set.of("deletionVectors", "appendOnly", "invariants", "changeDataFeed")
              : Set.of("deletionVectors", "appendOnly", "invariants");
      assertEquals(writerFeatures, Set.copyOf(protocol.getWriterFeatures()), table.tableName());
    }
  }

  @Test
  void withoutDeletionVectorsTheTablesNeedReaderVersion1() {
    SparkSession session = SharedSpark.session().newSession();
    session.conf().set("spark.databricks.delta.properties.defaults.enableDeletionVectors", "false");
    try (TempLake plain = new TempLake()) {
      Lake lake = new Lake(session, plain.lake().root());
      Dataset<Row> trades = temp.lake().read(LakeTable.TRADE_RECORDS).limit(10);
      // a Dataset is written by its own session: make the rows in the one without vectors
      lake.append(
          LakeTable.TRADE_RECORDS,
          session.createDataFrame(trades.collectAsList(), trades.schema()));
      Protocol protocol = new KernelReader().protocol(lake.path(LakeTable.TRADE_RECORDS));
      assertEquals(1, protocol.getMinReaderVersion());
      // a table with a change data feed is made with writer table features, without vectors
      assertEquals(7, protocol.getMinWriterVersion());
      assertFalse(protocol.getWriterFeatures().contains("deletionVectors"));
      assertTrue(protocol.getWriterFeatures().contains("changeDataFeed"));
    }
  }

  @Test
  void theRegistrationScriptNamesEveryTableInACatalog() {
    Lake lake = temp.lake();
    SparkSession spark = SharedSpark.session();
    String script = TableRegistration.script("fifo_registered", lake, lake.existingTables());
    try {
      for (String statement : script.replaceAll("(?m)^--.*\n", "").split(";\n")) {
        spark.sql(statement);
      }
      for (LakeTable table : lake.existingTables()) {
        assertEquals(
            lake.read(table).count(),
            spark.table("fifo_registered." + table.tableName()).count(),
            table.tableName());
      }
    } finally {
      spark.sql("DROP DATABASE IF EXISTS fifo_registered CASCADE");
    }
  }

  private static List<String> sparkRows(List<Row> rows) {
    List<String> texts = new ArrayList<>();
    for (Row row : rows) {
      StringBuilder text = new StringBuilder();
      StructField[] fields = row.schema().fields();
      for (int i = 0; i < fields.length; i++) {
        text.append(fields[i].name())
            .append('=')
            .append(KernelReader.value(row.get(i)))
            .append('|');
      }
      texts.add(text.toString());
    }
    Collections.sort(texts);
    return texts;
  }
}
