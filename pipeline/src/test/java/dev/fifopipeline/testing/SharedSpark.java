package dev.fifopipeline.testing;

import dev.fifopipeline.config.SparkSettings;
import dev.fifopipeline.spark.Sessions;
import java.util.Map;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One {@code local[2]} SparkSession per test JVM, built by the product's own {@link Sessions}
 * (Delta, UTC), with the UI off and two shuffle partitions. Inject it as a test parameter with
 * {@code @ExtendWith(SharedSpark.class)}; it is stopped when the JVM exits.
 */
public final class SharedSpark implements ParameterResolver {
  private static SparkSession session;

  /** The shared session, created on first use. */
  public static synchronized SparkSession session() {
    if (session == null) {
      session =
          Sessions.create(
              new SparkSettings(
                  "local[2]",
                  "fifo-pipeline-tests",
                  Map.of(
                      "spark.sql.shuffle.partitions", "2",
                      "spark.ui.enabled", "false",
                      "spark.databricks.delta.snapshotPartitions", "2",
                      "spark.databricks.delta.properties.defaults.enableDeletionVectors", "true",
                      "spark.sql.adaptive.enabled", "false",
                      "spark.sql.codegen.wholeStage", "false",
                      "spark.sql.codegen.factoryMode", "NO_CODEGEN",
                      "spark.sql.warehouse.dir",
                          System.getProperty("java.io.tmpdir") + "/fifo-pipeline-warehouse")));
      session.sparkContext().setLogLevel("WARN");
      if (System.getenv("FIFO_JOBTIMES") != null)
        session.sparkContext().addSparkListener(new JobTimes());
      SparkSession stop = session;
      Runtime.getRuntime().addShutdownHook(new Thread(stop::stop));
    }
    return session;
  }

  @Override
  public boolean supportsParameter(ParameterContext parameter, ExtensionContext context) {
    return parameter.getParameter().getType() == SparkSession.class;
  }

  @Override
  public Object resolveParameter(ParameterContext parameter, ExtensionContext context) {
    return session();
  }
}
