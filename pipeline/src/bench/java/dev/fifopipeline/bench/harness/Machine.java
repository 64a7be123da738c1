package dev.fifopipeline.bench.harness;

import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * The machine a bench ran on, read from Linux's {@code /proc}.
 *
 * @param cores processors available to this JVM (what {@code nproc} prints)
 * @param memoryGb total memory from {@code /proc/meminfo}, GiB (0 when unknown)
 * @param cpu the first {@code model name} of {@code /proc/cpuinfo}, or "unknown"
 * @param java the Java runtime's vendor and version
 * @param os operating system name, version and architecture
 * @param loadAverage the 1-minute load average when the bench started (noise indicator)
 */
record Machine(int cores, double memoryGb, String cpu, String java, String os, double loadAverage) {

  static Machine current() {
    return new Machine(
        Runtime.getRuntime().availableProcessors(),
        readMemoryGb(),
        readCpu(),
        System.getProperty("java.vm.vendor") + " " + System.getProperty("java.runtime.version"),
        System.getProperty("os.name")
            + " "
            + System.getProperty("os.version")
            + " "
            + System.getProperty("os.arch"),
        ManagementFactory.getOperatingSystemMXBean().getSystemLoadAverage());
  }

  private static double readMemoryGb() {
    for (String line : lines("/proc/meminfo")) {
      if (line.startsWith("MemTotal:")) {
        long kb = Long.parseLong(line.replaceAll("\\D+", ""));
        return Math.round(kb / 1024.0 / 1024.0 * 10) / 10.0;
      }
    }
    return 0;
  }

  private static String readCpu() {
    for (String line : lines("/proc/cpuinfo")) {
      if (line.startsWith("model name")) {
        return line.substring(line.indexOf(':') + 1).strip();
      }
    }
    return "unknown";
  }

  private static List<String> lines(String file) {
    try {
      return Files.readAllLines(Path.of(file));
    } catch (IOException | RuntimeException unreadable) {
      return List.of();
    }
  }
}
