package dev.fifopipeline.spark;

import dev.fifopipeline.config.SparkSettings;
import dev.fifopipeline.lake.ForklessLocalFileSystem;
import dev.fifopipeline.lake.LocalLogStore;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.spark.SparkConf;
import org.apache.spark.sql.SparkSession;

/**
 * Builds the one SparkSession a command uses, with Delta Lake and UTC session time.
 *
 * <p>Precedence of Spark settings, highest first: the product's own user settings ({@link
 * SparkSettings#conf()}: {@code --set}, the environment, the configuration file); what spark-submit
 * gave ({@code --conf}, {@code --name}, {@code --master}, {@code spark-defaults.conf}, all visible
 * as {@code spark.*} system properties); {@code reference.conf}'s defaults ({@link
 * SparkSettings#defaults()}). {@code spark.master} is the exception: under spark-submit its {@code
 * --master} always wins. The session builder applies its options over the submitted conf, so a
 * default must only be passed where the submitted conf lacks it.
 */
public final class Sessions {
  static final String EXTENSIONS = "spark.sql.extensions";
  static final String DELTA_EXTENSION = "io.delta.sql.DeltaSparkSessionExtension";
  static final String CATALOG = "spark.sql.catalog.spark_catalog";
  private static final String WAREHOUSE = "spark.sql.warehouse.dir";
  private static final String HADOOP = "spark.hadoop.";

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
   * Creates (or joins) the session from {@code settings} and the conf spark-submit gave (the {@code
   * spark.*} system properties).
   */
  public static SparkSession create(SparkSettings settings) {
    SparkSession.Builder builder = SparkSession.builder();
    options(settings, new SparkConf()).forEach(builder::config);
    return builder.getOrCreate();
  }

  /**
   * The options to pass to the session builder, which applies them over {@code submitted}.
   *
   * @param settings the product's settings
   * @param submitted what spark-submit gave: {@code new SparkConf()} reads the {@code spark.*}
   *     system properties it sets
   * @return option names and values, in the order they must be applied
   */
  public static Map<String, String> options(SparkSettings settings, SparkConf submitted) {
    Map<String, String> options = new LinkedHashMap<>();
    String master = submitted.get("spark.master", settings.master());
    if (!submitted.contains("spark.master")) {
      options.put("spark.master", master);
    }
    if (master.startsWith("local") && !submitted.contains("spark.driver.host")) {
      options.put("spark.driver.bindAddress", "127.0.0.1");
      options.put("spark.driver.host", "127.0.0.1");
    }
    options.put("spark.ui.showConsoleProgress", String.valueOf(System.console() != null));
    settings.defaults().forEach(options::put);
    options.put(WAREHOUSE, warehouseDir());
    options.put(LocalLogStore.SETTING, LocalLogStore.class.getName());
    ForklessLocalFileSystem.settings().forEach((key, value) -> options.put(HADOOP + key, value));
    options.keySet().removeIf(submitted::contains);
    options.put(CATALOG, "org.apache.spark.sql.delta.catalog.DeltaCatalog");
    if (submitted.contains(CATALOG)) {
      options.remove(CATALOG); // a cluster that provides Delta names its own catalog
    }
    options.putAll(settings.conf());
    options.put(
        EXTENSIONS, withDelta(options.getOrDefault(EXTENSIONS, submitted.get(EXTENSIONS, ""))));
    // correctness, not defaults: times without an offset are UTC, and no row or UDF conversion
    // uses the machine's zone
    options.put("spark.sql.session.timeZone", "UTC");
    options.put("spark.sql.datetime.java8API.enabled", "true");
    return options;
  }

  /** {@code extensions} (a comma-separated list) with Delta's session extension in it. */
  private static String withDelta(String extensions) {
    if (Arrays.stream(extensions.split(",")).map(String::strip).anyMatch(DELTA_EXTENSION::equals)) {
      return extensions;
    }
    return extensions.isBlank() ? DELTA_EXTENSION : extensions + "," + DELTA_EXTENSION;
  }
}
