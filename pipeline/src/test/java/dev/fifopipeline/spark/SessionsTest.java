package dev.fifopipeline.spark;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import dev.fifopipeline.config.Settings;
import dev.fifopipeline.config.SettingsLoader;
import dev.fifopipeline.lake.ForklessLocalFileSystem;
import dev.fifopipeline.lake.LocalLogStore;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Which Spark setting wins: the product's own settings (--set, environment, configuration file)
 * over what spark-submit gave (--conf, --name, --master, spark-defaults.conf, which it passes as
 * {@code spark.*} system properties) over reference.conf's defaults. The resulting conf is built
 * the way {@code SparkSession.Builder} builds it: its options applied over {@code new SparkConf()}.
 */
@Tag("spark")
class SessionsTest {
  @TempDir Path home;
  private final Map<String, String> submitted = new LinkedHashMap<>();

  @AfterEach
  void clearSystemProperties() {
    submitted.keySet().forEach(System::clearProperty);
  }

  /** Sets {@code key} as spark-submit does: a system property of the driver JVM. */
  private void submit(String key, String value) {
    submitted.put(key, value);
    System.setProperty(key, value);
  }

  private SparkConf session(Map<String, String> sets) {
    Settings settings = SettingsLoader.load(new SettingsLoader.Request(null, sets, Map.of(), home));
    SparkConf conf = new SparkConf();
    Sessions.options(settings.spark(), new SparkConf()).forEach(conf::set);
    return conf;
  }

  @Test
  void withoutSparkSubmitReferenceConfDefaultsApply() {
    SparkConf conf = session(Map.of());
    assertEquals("local[*]", conf.get("spark.master"));
    assertEquals("fifo-pipeline", conf.get("spark.app.name"));
    assertEquals("8", conf.get("spark.sql.shuffle.partitions"));
    assertEquals("false", conf.get("spark.ui.enabled"));
    assertEquals(
        "true", conf.get("spark.databricks.delta.properties.defaults.enableDeletionVectors"));
    assertEquals("127.0.0.1", conf.get("spark.driver.host"));
    assertEquals(LocalLogStore.class.getName(), conf.get(LocalLogStore.SETTING));
    assertEquals(
        ForklessLocalFileSystem.class.getName(),
        conf.get("spark.hadoop." + ForklessLocalFileSystem.FILE_SYSTEM));
    assertEquals(
        ForklessLocalFileSystem.ForContext.class.getName(),
        conf.get("spark.hadoop." + ForklessLocalFileSystem.CONTEXT_FILE_SYSTEM));
  }

  @Test
  void sparkSubmitConfNameMasterAndDefaultsFileBeatReferenceConf() {
    submit("spark.master", "spark://cluster:7077");
    submit("spark.app.name", "nightly-ledger");
    submit("spark.sql.shuffle.partitions", "64"); // --conf
    submit("spark.ui.enabled", "true"); // spark-defaults.conf
    submit("spark.databricks.delta.properties.defaults.enableDeletionVectors", "false");
    submit("spark.driver.host", "10.0.0.5");
    submit(LocalLogStore.SETTING, "com.example.ClusterLogStore");

    SparkConf conf = session(Map.of());

    assertEquals("spark://cluster:7077", conf.get("spark.master"));
    assertEquals("nightly-ledger", conf.get("spark.app.name"));
    assertEquals("64", conf.get("spark.sql.shuffle.partitions"));
    assertEquals("true", conf.get("spark.ui.enabled"));
    assertEquals(
        "false", conf.get("spark.databricks.delta.properties.defaults.enableDeletionVectors"));
    assertEquals("10.0.0.5", conf.get("spark.driver.host"));
    assertFalse(conf.contains("spark.driver.bindAddress"));
    assertEquals("com.example.ClusterLogStore", conf.get(LocalLogStore.SETTING));
    assertEquals("4", conf.get("spark.databricks.delta.snapshotPartitions"), "not submitted");
  }

  @Test
  void theProductsOwnSettingsBeatSparkSubmit() throws IOException {
    submit("spark.master", "spark://cluster:7077");
    submit("spark.app.name", "nightly-ledger");
    submit("spark.sql.shuffle.partitions", "64");
    submit("spark.ui.enabled", "true");
    submit("spark.sql.adaptive.enabled", "true");
    submit("spark.databricks.delta.properties.defaults.enableDeletionVectors", "true");
    Files.createDirectories(home.resolve("conf"));
    Files.writeString(
        home.resolve("conf/application.conf"),
        "spark.conf { \"spark.ui.enabled\" = false }\nlake.deletion-vectors = false\n");

    SparkConf conf =
        session(
            Map.of(
                "spark.conf.spark.sql.shuffle.partitions", "16",
                "spark.sql.adaptive.enabled", "false",
                "spark.app-name", "fifo-v2",
                "spark.master", "local[3]"));

    assertEquals("16", conf.get("spark.sql.shuffle.partitions"), "--set spark.conf.X");
    assertEquals("false", conf.get("spark.sql.adaptive.enabled"), "--set spark.X");
    assertEquals("fifo-v2", conf.get("spark.app.name"), "--set spark.app-name");
    assertEquals("false", conf.get("spark.ui.enabled"), "conf/application.conf");
    assertEquals(
        "false",
        conf.get("spark.databricks.delta.properties.defaults.enableDeletionVectors"),
        "lake.deletion-vectors in conf/application.conf");
    assertEquals("spark://cluster:7077", conf.get("spark.master"), "spark-submit's --master");
  }

  @Test
  void utcSessionTimeAndDeltaAreKeptWhateverIsSubmitted() {
    submit("spark.sql.session.timeZone", "America/New_York");
    submit("spark.sql.extensions", "com.example.MyExtension");

    SparkConf conf = session(Map.of("spark.sql.session.timeZone", "Asia/Tokyo"));

    assertEquals("UTC", conf.get("spark.sql.session.timeZone"));
    assertEquals(
        "com.example.MyExtension,io.delta.sql.DeltaSparkSessionExtension",
        conf.get("spark.sql.extensions"));
    assertEquals(
        "org.apache.spark.sql.delta.catalog.DeltaCatalog",
        conf.get("spark.sql.catalog.spark_catalog"));
  }

  @Test
  void aCatalogTheClusterNamesIsKept() {
    submit("spark.sql.catalog.spark_catalog", "com.example.ClusterDeltaCatalog");
    assertEquals(
        "com.example.ClusterDeltaCatalog",
        session(Map.of()).get("spark.sql.catalog.spark_catalog"));
  }

  @Test
  void deletionVectorsCanBeTurnedOffForOlderReaders() {
    assertEquals(
        "false",
        session(Map.of("lake.deletion-vectors", "false"))
            .get("spark.databricks.delta.properties.defaults.enableDeletionVectors"));
  }

  @Test
  void newTablesKeepTheirLogForLakeLogRetention() {
    String key = "spark.databricks.delta.properties.defaults.logRetentionDuration";
    assertEquals("interval 48 hours", session(Map.of()).get(key));
    assertEquals("interval 72 hours", session(Map.of("lake.log-retention", "3d")).get(key));
    assertEquals(
        "interval 90030 seconds", session(Map.of("lake.log-retention", "90030s")).get(key));
  }

  @Test
  void sparksWarehouseIsNotInTheWorkingDirectory() {
    java.nio.file.Path cwd = java.nio.file.Path.of("").toAbsolutePath();
    java.nio.file.Path warehouse = java.nio.file.Path.of(Sessions.warehouseDir());

    org.junit.jupiter.api.Assertions.assertFalse(
        warehouse.startsWith(cwd), warehouse + " is under the working directory " + cwd);
  }
}
