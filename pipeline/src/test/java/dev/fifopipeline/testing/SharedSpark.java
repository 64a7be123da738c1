package dev.fifopipeline.testing;

import dev.fifopipeline.config.SparkSettings;
import dev.fifopipeline.spark.JobTimeLog;
import dev.fifopipeline.spark.Sessions;
import java.util.Map;
import org.apache.logging.log4j.Level;
import org.apache.logging.log4j.core.config.Configurator;
import org.apache.spark.sql.SparkSession;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.junit.jupiter.api.extension.ParameterContext;
import org.junit.jupiter.api.extension.ParameterResolver;

/**
 * One {@code local[2]} SparkSession per test JVM, built by the product's own {@link Sessions}
 * (Delta, UTC), with the UI off, two shuffle partitions and one partition for the Delta log state
 * that Delta rebuilds after every commit and before planning a scan (the product uses four; the
 * tests' tables are one file each, so a second task would only cost scheduling). Inject it as a
 * test parameter with {@code @ExtendWith(SharedSpark.class)}; it is stopped when the JVM exits.
 *
 * <p>The test JVMs run in Asia/Kolkata, to show that nothing depends on the JVM's zone. In a JVM
 * whose zone is not UTC, Delta checks the file list it keeps in each commit's checksum against a
 * full replay of the table's log, after every commit ({@code
 * allFilesInCrc.verificationMode.forceOnNonUTC}); the launcher runs its JVM in UTC, where Delta
 * does not. The session turns that check off, so that a commit costs here what it costs in the
 * product.
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
                      "spark.databricks.delta.snapshotPartitions", "1",
                      "spark.databricks.delta.properties.defaults.enableDeletionVectors", "true",
                      "spark.databricks.delta.allFilesInCrc.verificationMode.forceOnNonUTC.enabled",
                          "false",
                      "spark.sql.adaptive.enabled", "false",
                      "spark.sql.codegen.wholeStage", "false",
                      "spark.sql.codegen.factoryMode", "NO_CODEGEN",
                      "spark.sql.warehouse.dir",
                          System.getProperty("java.io.tmpdir") + "/fifo-pipeline-warehouse")));
      session.sparkContext().setLogLevel("WARN");
      if (System.getenv("FIFO_JOBTIMES") != null) {
        // the product's job-time listener, its logger raised to DEBUG: every job on the console
        Configurator.setLevel("dev.fifopipeline.spark.jobs", Level.DEBUG);
        session.sparkContext().addSparkListener(new JobTimeLog());
      }
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
