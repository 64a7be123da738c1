package dev.fifopipeline.testing;

import java.util.concurrent.ConcurrentHashMap;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerJobEnd;
import org.apache.spark.scheduler.SparkListenerJobStart;

/**
 * Prints each Spark job's duration and description as it ends: the test session adds it when {@code
 * FIFO_JOBTIMES} is set ({@code FIFO_JOBTIMES=1 mvn test -Dtest=...}), to see where a slow test
 * class spends its time.
 */
public final class JobTimes extends SparkListener {
  private final ConcurrentHashMap<Integer, Long> starts = new ConcurrentHashMap<>();
  private final ConcurrentHashMap<Integer, String> names = new ConcurrentHashMap<>();

  @Override
  public void onJobStart(SparkListenerJobStart e) {
    starts.put(e.jobId(), e.time());
    String d = e.properties() == null ? null : e.properties().getProperty("spark.job.description");
    String c = e.properties() == null ? null : e.properties().getProperty("callSite.short");
    names.put(e.jobId(), d + " @ " + c);
  }

  @Override
  public void onJobEnd(SparkListenerJobEnd e) {
    System.out.printf(
        "JOB %3d %6d ms %s%n", e.jobId(), e.time() - starts.get(e.jobId()), names.get(e.jobId()));
  }
}
