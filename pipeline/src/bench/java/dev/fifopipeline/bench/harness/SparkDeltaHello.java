package dev.fifopipeline.bench.harness;

import org.apache.spark.sql.SparkSession;

/**
 * The bench's baseline for a command's fixed cost ({@code spark-delta-hello}): a bare JVM with the
 * product's jars and Java flags that starts a local Spark session with Delta Lake, writes a 10-row
 * Delta table and reads it back. {@code SparkDeltaHello TABLE_PATH}; prints one line with the
 * session and Delta times.
 */
public final class SparkDeltaHello {
  private SparkDeltaHello() {}

  public static void main(String[] args) {
    if (args.length != 1) {
      System.err.println("usage: SparkDeltaHello TABLE_PATH");
      System.exit(2);
    }
    long start = System.nanoTime();
    SparkSession spark =
        SparkSession.builder()
            .master("local[*]")
            .appName("spark-delta-hello")
            .config("spark.ui.enabled", "false")
            .config("spark.driver.host", "127.0.0.1")
            .config("spark.driver.bindAddress", "127.0.0.1")
            .config("spark.sql.shuffle.partitions", "8")
            .config("spark.sql.extensions", "io.delta.sql.DeltaSparkSessionExtension")
            .config(
                "spark.sql.catalog.spark_catalog",
                "org.apache.spark.sql.delta.catalog.DeltaCatalog")
            .getOrCreate();
    long session = System.nanoTime();
    spark.range(10).write().format("delta").mode("overwrite").save(args[0]);
    long rows = spark.read().format("delta").load(args[0]).count();
    long done = System.nanoTime();
    spark.stop();
    System.out.printf(
        "spark-delta-hello: %d rows; session %d ms, Delta write and read %d ms%n",
        rows, (session - start) / 1_000_000, (done - session) / 1_000_000);
  }
}
