package dev.fifopipeline.architecture;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTag;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

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
}
