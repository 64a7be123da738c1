package dev.fifopipeline.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTag;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** Build rules on the code's shape. */
@AnalyzeClasses(packages = "dev.fifopipeline", importOptions = ImportOption.DoNotIncludeTests.class)
@ArchTag("unit")
class ArchitectureTest {
  /** The matching engine is plain Java: no Spark, Delta, JDBC, config, CLI or logging. */
  @ArchTest
  static final ArchRule engineIsPlainJava =
      classes()
          .that()
          .resideInAPackage("dev.fifopipeline.engine..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "dev.fifopipeline.engine..",
              "java.lang..",
              "java.math..",
              "java.time..",
              "java.util..",
              "java.io..");

  /** The report page is plain Java and JFreeChart: it gets its data, it never queries Spark. */
  @ArchTest
  static final ArchRule reportPageIsPlainJava =
      classes()
          .that()
          .resideInAPackage("dev.fifopipeline.report.html..")
          .should()
          .onlyDependOnClassesThat()
          .resideInAnyPackage(
              "dev.fifopipeline.report.html..", "java..", "javax.imageio..", "org.jfree..");

  /** Only the command line knows picocli; jobs never print to the console. */
  @ArchTest
  static final ArchRule onlyTheCliUsesPicocli =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.fifopipeline.cli..")
          .should()
          .dependOnClassesThat()
          .resideInAPackage("picocli..");

  /** User-facing failures are made in one place. */
  @ArchTest
  static final ArchRule failuresComeFromErrors =
      noClasses()
          .that()
          .resideOutsideOfPackage("dev.fifopipeline.error..")
          .should()
          .callConstructor(
              dev.fifopipeline.error.PipelineException.class,
              dev.fifopipeline.error.ExitCode.class,
              String.class,
              Throwable.class);

  /** The commands' jobs: each one subcommand's work (cli wires them to the command line). */
  private static final List<String> JOBS =
      List.of(
          "ingest",
          "allocate",
          "validate",
          "publish",
          "reconcile",
          "report",
          "compare",
          "sql",
          "nightly",
          "maintain",
          "sample");

  /**
   * The jobs a job is built on: nightly runs the others in turn; validate re-matches with
   * allocate's matching; reconcile backfills through ingest's rules; the missing-buy hunt of report
   * compares fills as reconcile does; compare compares report's per-sell view.
   */
  private static final Map<String, Set<String>> BUILT_ON =
      Map.of(
          "nightly", Set.of("ingest", "allocate", "validate", "publish", "report"),
          "validate", Set.of("allocate"),
          "reconcile", Set.of("ingest"),
          "report", Set.of("reconcile"),
          "compare", Set.of("report"));

  /** The shared pieces below the jobs never reach up into a job or the command line. */
  @ArchTest
  static final ArchRule sharedPiecesNeverUseJobsOrTheCli =
      noClasses()
          .that()
          .resideInAnyPackage(
              packages(List.of("engine", "error", "config", "taxform", "spark", "lake", "output")))
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(packages(concat(JOBS, List.of("cli"))));

  /** A job uses another job only where it is built on it ({@link #BUILT_ON}). */
  @ArchTest
  static void jobsUseOnlyTheJobsTheyAreBuiltOn(JavaClasses classes) {
    for (String job : JOBS) {
      List<String> others =
          JOBS.stream()
              .filter(other -> !other.equals(job))
              .filter(other -> !BUILT_ON.getOrDefault(job, Set.of()).contains(other))
              .toList();
      noClasses()
          .that()
          .resideInAPackage("dev.fifopipeline." + job + "..")
          .should()
          .dependOnClassesThat()
          .resideInAnyPackage(packages(others))
          .check(classes);
    }
  }

  private static String[] packages(List<String> names) {
    return names.stream().map(name -> "dev.fifopipeline." + name + "..").toArray(String[]::new);
  }

  private static List<String> concat(List<String> a, List<String> b) {
    return java.util.stream.Stream.concat(a.stream(), b.stream()).toList();
  }
}
