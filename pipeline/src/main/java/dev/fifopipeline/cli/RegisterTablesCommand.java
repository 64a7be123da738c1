package dev.fifopipeline.cli;

import dev.fifopipeline.error.Errors;
import dev.fifopipeline.error.ExitCode;
import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.lake.TableRegistration;
import java.util.List;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

@Command(
    name = "register-tables",
    description = {
      "Print the SQL that registers the lake's tables by name in a metastore"
          + " (CREATE TABLE ... USING DELTA LOCATION ...). Run it in spark-sql or Databricks."
    })
final class RegisterTablesCommand extends PipelineCommand {
  @Option(
      names = "--database",
      paramLabel = "NAME",
      defaultValue = "fifo",
      description = "Database (schema) to create the names in (default: ${DEFAULT-VALUE}).")
  String database;

  @Override
  int run(PipelineContext context) {
    if (!TableRegistration.DATABASE.matcher(database).matches()) {
      throw Errors.badDatabaseName(database);
    }
    Lake lake = context.lake();
    List<LakeTable> tables = lake.existingTables();
    if (tables.isEmpty()) {
      throw Errors.noTablesToRegister(lake.root());
    }
    context.out().print(TableRegistration.script(database, lake, tables));
    return ExitCode.OK.code();
  }
}
