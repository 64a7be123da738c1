package dev.fifopipeline.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.typesafe.config.ConfigFactory;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;
import picocli.CommandLine.Model.OptionSpec;

/** The README names every option {@code --help} lists and every setting reference.conf has. */
@Tag("unit")
class ReadmeOptionsTest {
  private static final Path ROOT =
      Path.of(System.getProperty("fifo.project.root", "..")).toAbsolutePath().normalize();

  @Test
  void everyOptionOfEveryCommandIsInItsReadmeSection() throws IOException {
    String readme = Files.readString(ROOT.resolve("README.md"));
    PrintStream quiet = new PrintStream(OutputStream.nullOutputStream());
    CommandLine cli =
        new CommandLine(
            new FifoPipeline(
                new ByteArrayInputStream(new byte[0]), quiet, quiet, Map.of(), ROOT, Pause.SLEEP));
    List<String> missing = new ArrayList<>();
    for (OptionSpec option : cli.getCommandSpec().options()) {
      if (!readme.contains(option.longestName())) {
        missing.add(option.longestName());
      }
    }
    for (CommandLine command : cli.getSubcommands().values()) {
      String name = command.getCommandName();
      String section = section(readme, name);
      for (OptionSpec option : command.getCommandSpec().options()) {
        if (option.inherited() || option.usageHelp()) {
          continue;
        }
        if (!section.contains(option.longestName())) {
          missing.add(name + " " + option.longestName());
        }
      }
    }
    assertEquals(List.of(), missing, "options of --help that README does not give");
  }

  @Test
  void everySettingIsInTheConfigurationTable() throws IOException {
    List<String> table =
        Files.readString(ROOT.resolve("README.md"), StandardCharsets.UTF_8)
            .lines()
            .filter(line -> line.startsWith("| `"))
            .toList();
    List<String> missing = new ArrayList<>();
    for (String key :
        ConfigFactory.parseResources("reference.conf").entrySet().stream()
            .map(Map.Entry::getKey)
            .map(ReadmeOptionsTest::unquoted)
            .sorted()
            .toList()) {
      String row =
          key.startsWith("source.columns.")
              ? "source.columns.<canonical>"
              : key.startsWith("spark.conf.") ? "spark.conf.*" : null;
      int dot = key.lastIndexOf('.');
      String parent = key.substring(0, dot + 1);
      String last = key.substring(dot);
      boolean named =
          row != null
              ? table.stream().anyMatch(line -> line.contains("`" + row + "`"))
              : table.stream()
                  .anyMatch(
                      line ->
                          line.contains("`" + key + "`")
                              || (line.contains("`" + parent) && line.contains("`" + last + "`")));
      if (!named) {
        missing.add(key);
      }
    }
    assertEquals(List.of(), missing, "settings of reference.conf the configuration table lacks");
    assertTrue(table.size() > 20, "the configuration table: " + table.size() + " rows");
  }

  /** The text of README's {@code ### name} section, or the whole README when it has none. */
  private static String section(String readme, String name) {
    int start = readme.indexOf("\n### " + name + "\n");
    if (start < 0) {
      return readme;
    }
    int next = readme.length();
    for (String heading : List.of("\n### ", "\n## ")) {
      int at = readme.indexOf(heading, start + 1);
      if (at > 0 && at < next) {
        next = at;
      }
    }
    return readme.substring(start, next);
  }

  private static String unquoted(String key) {
    return key.replace("\"", "");
  }
}
