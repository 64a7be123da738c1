package dev.fifopipeline.cli;

import dev.fifopipeline.error.Errors;
import dev.fifopipeline.error.ExitCode;
import dev.fifopipeline.error.PipelineException;
import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.lake.TableHealth;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Command;

@Command(
    name = "doctor",
    description = {
      "Check every lake table: its Delta log can be read and its current version's data files"
          + " exist. Prints one line per table; exit 3 when any is damaged."
    })
final class DoctorCommand extends PipelineCommand {
  @Override
  int run(PipelineContext context) {
    String root = context.settings().lakePath();
    if (!root.matches("^[a-zA-Z][a-zA-Z0-9+.-]*://.*") && !Files.isDirectory(Path.of(root))) {
      throw Errors.lakeMissing(root);
    }
    Lake lake = context.lake();
    List<String> lines = new ArrayList<>();
    int damaged = 0;
    for (LakeTable table : LakeTable.values()) {
      if (!lake.exists(table)) {
        lines.add(table + ": not written yet");
        continue;
      }
      try {
        TableHealth.Healthy healthy = TableHealth.check(lake, table);
        lines.add(
            String.format(
                "%s: healthy (version %d, %,d data files)",
                table, healthy.version(), healthy.files()));
      } catch (PipelineException e) {
        damaged++;
        lines.add(table + ": DAMAGED: " + e.getMessage());
      }
    }
    lines.forEach(context.out()::println); // only once every table is known
    if (damaged > 0) {
      throw Errors.lakeDamaged(root, damaged);
    }
    return ExitCode.OK.code();
  }
}
