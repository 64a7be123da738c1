package dev.fifopipeline.spark;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BooleanSupplier;
import javax.management.JMException;
import javax.management.MBeanServer;
import javax.management.ObjectName;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leaves HotSpot's optimising compiler (C2) out for the rest of this JVM, so that only the quick
 * one (C1) compiles. A command on small inputs ({@code pipeline.quick-compile-below}) passes
 * through Spark's and Delta's code only a few times: C2 compiling that code keeps a core busy for
 * code the run never earns back, and on two cores that slows the run itself (BENCHMARKS.md,
 * "Compilation"). A command on larger inputs keeps C2, in whose code its hot loops run.
 *
 * <p>The JVM is told through its own diagnostic command ({@code Compiler.directives_add}, what
 * {@code jcmd} sends), which a HotSpot JVM accepts without extra flags. A method C2 has already
 * compiled keeps that code; this is meant for a process that has only just started.
 */
public final class QuickCompilation {
  private static final Logger LOG = LoggerFactory.getLogger(QuickCompilation.class);

  /** Every method, C2 excluded: the JVM compiles them with C1 alone (directive file syntax). */
  static final String WITHOUT_C2 = "[{ match: \"*.*\", c2: { Exclude: true } }]";

  private static final String DIAGNOSTIC_COMMAND = "com.sun.management:type=DiagnosticCommand";
  private static final AtomicBoolean APPLIED = new AtomicBoolean();

  private QuickCompilation() {}

  /**
   * Whether a process should leave C2 out: it starts the session for a command on inputs under
   * {@code pipeline.quick-compile-below} and runs that command once, not as a long-running repeat
   * whose later runs C2's code would pay back. The inputs are sized only when the first two hold.
   */
  public static boolean wanted(
      boolean startsSession, boolean runsOnce, BooleanSupplier smallInputs) {
    return startsSession && runsOnce && smallInputs.getAsBoolean();
  }

  /**
   * Leaves C2 out for the rest of this JVM, once; a JVM without the diagnostic command (not
   * HotSpot) is left as it is, with a debug line.
   *
   * @return whether this call added the directive
   */
  public static boolean apply() {
    if (!APPLIED.compareAndSet(false, true)) {
      return false;
    }
    Path file = null;
    try {
      file = Files.createTempFile("fifo-pipeline-jit-", ".json");
      Files.writeString(file, WITHOUT_C2);
      Object reply = diagnosticCommand("compilerDirectivesAdd", file.toString());
      LOG.debug("compiling with C1 only: {}", String.valueOf(reply).strip());
      return true;
    } catch (IOException | JMException | RuntimeException e) {
      LOG.debug("compiling as the JVM was started: the JVM took no compiler directive", e);
      return false;
    } finally {
      deleteQuietly(file);
    }
  }

  /** The directives in force, as {@code jcmd PID Compiler.directives_print} shows them. */
  static String directives() throws JMException {
    return String.valueOf(diagnosticCommand("compilerDirectivesPrint"));
  }

  private static Object diagnosticCommand(String operation, String... arguments)
      throws JMException {
    MBeanServer server = ManagementFactory.getPlatformMBeanServer();
    return server.invoke(
        new ObjectName(DIAGNOSTIC_COMMAND),
        operation,
        new Object[] {arguments},
        new String[] {String[].class.getName()});
  }

  private static void deleteQuietly(Path file) {
    if (file == null) {
      return;
    }
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      LOG.debug("could not delete {}", file, e);
    }
  }
}
