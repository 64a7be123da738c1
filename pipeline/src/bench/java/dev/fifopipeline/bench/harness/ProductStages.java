package dev.fifopipeline.bench.harness;

import java.io.IOException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;

/**
 * One run of the product's stages on a fresh lake, each a launcher process of its own, with the
 * PostgreSQL COPY baselines beside the stages that talk to PostgreSQL.
 *
 * <p>Order: ingest (CSV), allocate full (version 1), then the late batch ingested and {@code
 * allocate --since} a second before that ingest (the incremental run), validate, publish (to schema
 * {@code fifo_bench_rN}) with COPY of the same allocations out and into a table like theirs, report
 * all, the ledger COPYed into PostgreSQL and out again, then ingest --full from it into another
 * fresh lake (the extract), and {@code sql} on the bundled sample's lake.
 */
final class ProductStages {
  /** Every optional stage, in run order; ingest and allocate-full always run. */
  static final List<String> OPTIONAL =
      List.of("incremental", "validate", "publish", "report", "extract", "sql");

  static final String EXPORT_QUERY =
      "SELECT sell_order_id, buy_order_id, allocated_size, pnl FROM fifo_allocations"
          + " WHERE allocation_version = 1";

  private final Launcher launcher;
  private final BenchDatabase db;
  private final Set<String> stages;
  private final Path ledger;
  private final Path late;
  private final long trades;
  private final long lateRows;
  private final Path sampleLake;

  ProductStages(
      Launcher launcher,
      BenchDatabase db,
      Set<String> stages,
      Path ledger,
      long trades,
      Path late,
      long lateRows,
      Path sampleLake) {
    this.launcher = launcher;
    this.db = db;
    this.stages = stages;
    this.ledger = ledger;
    this.trades = trades;
    this.late = late;
    this.lateRows = lateRows;
    this.sampleLake = sampleLake;
  }

  /**
   * Runs every chosen stage of run {@code run} in {@code dir}, giving each measurement to {@code
   * sink} as it is taken.
   *
   * @param exportTo when not null, the product's allocations of version 1 are written there as CSV
   *     after the full allocate (not timed), for the peers' agreement check
   */
  void run(int run, Path dir, Path exportTo, Consumer<Measurement> sink)
      throws IOException, InterruptedException, SQLException {
    List<String> lake = List.of("lake.path=" + dir.resolve("lake"), "source.kind=csv");
    List<String> main = with(lake, "source.path=" + ledger);
    sink.accept(launcher.stage("ingest", run, trades, main, "ingest"));
    Measurement full =
        launcher.stage("allocate-full", run, trades, main, "allocate", "--version", "1");
    sink.accept(full);
    if (!full.ok()) {
      return;
    }
    if (exportTo != null) {
      String id = "r" + run + "-export";
      launcher.setUp(id, main, "sql", EXPORT_QUERY, "--format", "csv");
      java.nio.file.Files.copy(
          launcher.output(id), exportTo, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
    }
    if (stages.contains("incremental")) {
      String since = Instant.now().minusSeconds(1).toString();
      sink.accept(
          launcher.stage(
              "ingest-late", run, lateRows, with(lake, "source.path=" + late), "ingest"));
      sink.accept(
          launcher.stage(
              "allocate-incremental",
              run,
              trades,
              main,
              "allocate",
              "--version",
              "1",
              "--since",
              since));
    }
    if (stages.contains("validate")) {
      sink.accept(launcher.stage("validate", run, trades, main, "validate", "--version", "1"));
    }
    if (stages.contains("publish")) {
      publish(run, dir, main, sink);
    }
    if (stages.contains("report")) {
      sink.accept(
          launcher.stage(
              "report-all",
              run,
              trades,
              main,
              "report",
              "all",
              "--version",
              "1",
              "--out",
              dir.resolve("reports").toString()));
    }
    if (stages.contains("extract")) {
      extract(run, dir, sink);
    }
    if (stages.contains("sql")) {
      List<String> sample = List.of("lake.path=" + sampleLake);
      Measurement sql =
          launcher.stage(
              "sql-sample",
              run,
              0,
              sample,
              "sql",
              "SELECT count(*) AS allocations, sum(pnl) AS pnl FROM fifo_allocations",
              "--format",
              "csv");
      sink.accept(
          sql.ok() ? sql.withOutput(answer(launcher.output("r" + run + "-sql-sample"))) : sql);
    }
  }

  private void publish(int run, Path dir, List<String> main, Consumer<Measurement> sink)
      throws IOException, InterruptedException, SQLException {
    String schema = "fifo_bench_r" + run;
    db.freshSchema(schema);
    List<String> sinkSettings =
        with(
            main,
            "sink.jdbc.url=" + db.url,
            "sink.jdbc.user=" + db.user,
            "sink.jdbc.schema=" + schema);
    Measurement publish =
        launcher.stage("publish", run, trades, sinkSettings, "publish", "--version", "1");
    sink.accept(publish);
    if (!publish.ok()) {
      return;
    }
    Path rows = dir.resolve("allocations-copy.csv");
    long[] out = db.copyOut("SELECT * FROM " + schema + ".fifo_allocations", rows);
    sink.accept(copy("copy-out-allocations", run, out));
    long[] in = db.copyInLike(schema + ".copy_allocations", schema + ".fifo_allocations", rows);
    sink.accept(copy("copy-in-allocations", run, in));
  }

  private void extract(int run, Path dir, Consumer<Measurement> sink)
      throws IOException, InterruptedException, SQLException {
    db.freshSchema(BenchDatabase.SCHEMA);
    String header;
    try (var lines = java.nio.file.Files.lines(ledger)) {
      header = lines.findFirst().orElseThrow();
    }
    sink.accept(copy("copy-in-ledger", run, db.copyLedgerIn(ledger, header)));
    sink.accept(
        copy(
            "copy-out-ledger",
            run,
            db.copyOut("SELECT * FROM " + BenchDatabase.LEDGER, dir.resolve("ledger-copy.csv"))));
    List<String> jdbc =
        List.of(
            "lake.path=" + dir.resolve("lake-jdbc"),
            "source.kind=jdbc",
            "source.jdbc.url=" + db.url,
            "source.jdbc.user=" + db.user,
            "source.jdbc.table=" + BenchDatabase.LEDGER);
    sink.accept(launcher.stage("ingest-jdbc", run, trades, jdbc, "ingest", "--full"));
  }

  /** {@code allocations=2243, pnl=-2703.8} from the CSV answer's header and row. */
  private static String answer(Path csv) throws IOException {
    List<String> lines = java.nio.file.Files.readAllLines(csv);
    if (lines.size() < 2) {
      return String.join(" ", lines);
    }
    String[] names = lines.get(0).split(",", -1);
    String[] values = lines.get(1).split(",", -1);
    List<String> pairs = new ArrayList<>();
    for (int i = 0; i < Math.min(names.length, values.length); i++) {
      pairs.add(names[i] + "=" + values[i]);
    }
    return String.join(", ", pairs);
  }

  private static Measurement copy(String name, int run, long[] millisAndRows) {
    return new Measurement(
        "postgresql",
        name,
        run,
        millisAndRows[0],
        millisAndRows[1],
        0,
        new GcLog(-1, -1, 0, 0),
        -1,
        -1,
        "%,d rows".formatted(millisAndRows[1]));
  }

  private static List<String> with(List<String> base, String... more) {
    List<String> all = new ArrayList<>(base);
    all.addAll(List.of(more));
    return all;
  }
}
