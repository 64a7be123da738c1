package dev.fifopipeline.spark;

import dev.fifopipeline.config.SparkSettings;
import java.nio.file.Path;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/** Builds the one SparkSession a command uses, with Delta Lake and UTC session time. */
public final class Sessions {
  private static final String WAREHOUSE = "spark.sql.warehouse.dir";

  private Sessions() {}

  /**
   * Where Spark's catalog keeps its (unused) default database unless {@code
   * spark.sql.warehouse.dir} is configured: a folder under the system's temporary folder, because
   * Spark's default, {@code spark-warehouse} in the working directory, would leave a folder
   * wherever a user runs a command. The lake's tables are addressed by path and never live there.
   */
  public static String warehouseDir() {
    return Path.of(
            System.getProperty("java.io.tmpdir"),
            "fifo-pipeline-warehouse-" + System.getProperty("user.name", "user"))
        .toAbsolutePath()
        .toString();
  }

  /**
   * Creates (or joins) the session. Under spark-submit its {@code --master} wins over {@code
   * spark.master}. The session time zone is always UTC: times without an offset are UTC, and
   * nothing depends on the machine's zone.
   */
  public static SparkSession create(SparkSettings settings) {
    SparkConf submitted = new SparkConf(); // spark.* system properties, as spark-submit sets them
    SparkSession.Builder builder = SparkSession.builder().appName(settings.appName());
    String master = submitted.get("spark.master", settings.master());
    if (!submitted.contains("spark.master")) {
      builder.master(master);
    }
    if (master.startsWith("local") && !submitted.contains("spark.driver.host")) {
      builder
          .config("spark.driver.bindAddress", "127.0.0.1")
          .config("spark.driver.host", "127.0.0.1");
    }
    builder
        .config("spark.ui.showConsoleProgress", String.valueOf(System.console() != null))
        .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
        .config(
            "spark.sql.catalog.spark_catalog", "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    if (!submitted.contains(WAREHOUSE) && !settings.conf().containsKey(WAREHOUSE)) {
      builder.config(WAREHOUSE, warehouseDir());
    }
    settings.conf().forEach(builder::config);
    builder
        .config("spark.sql.session.timeZone", "UTC")
        // rows and UDFs carry java.time.Instant / LocalDate: no conversion uses the machine's zone
        .config("spark.sql.datetime.java8API.enabled", "true");
    return builder.getOrCreate();
  }
}
