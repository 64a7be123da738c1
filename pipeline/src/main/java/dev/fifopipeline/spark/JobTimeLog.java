package dev.fifopipeline.spark;

import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;
import org.apache.spark.scheduler.StageInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Logs every Spark job with its duration and description to logger {@code
 * dev.fifopipeline.spark.jobs} at DEBUG (the log file shows them with {@code --verbose}); for
 * profiling where a run spends its time. Register with {@code spark.extraListeners}.
 */
public final class JobTimeLog extends SparkListener {
  private static final Logger LOG = LoggerFactory.getLogger("dev.fifopipeline.spark.jobs");

  private final Map<Integer, Long> started = new ConcurrentHashMap<>();
  private final Map<Integer, String> names = new ConcurrentHashMap<>();

  @Override
  public void onJobStart(SparkListenerJobStart event) {
    if (!LOG.isDebugEnabled()) {
      return;
    }
    started.put(event.jobId(), event.time());
    String description =
        event.properties() == null ? null : event.properties().getProperty("spark.job.description");
    String name = description == null ? "(no description)" : description;
    names.put(event.jobId(), name + productFrame(event));
  }

  @Override
  public void onJobEnd(SparkListenerJobEnd event) {
    Long start = started.remove(event.jobId());
    String name = names.remove(event.jobId());
    if (start != null) {
      LOG.debug("spark job {} took {} ms: {}", event.jobId(), event.time() - start, name);
    }
  }

  /**
   * " (from Class.method(File.java:N))", the innermost line of this product's code in the call site
   * of the job's stages, or "" when there is none (a job Delta starts on its own thread).
   */
  private static String productFrame(SparkListenerJobStart event) {
    for (StageInfo stage : scala.collection.JavaConverters.seqAsJavaList(event.stageInfos())) {
      for (String line : stage.details().split("\\n")) {
        String frame = line.strip();
        if (frame.startsWith("dev.fifopipeline.") && !frame.startsWith("dev.fifopipeline.spark.")) {
          return " (from " + frame + ")";
        }
      }
    }
    return "";
  }
}
