package dev.fifopipeline.report;

import static org.apache.spark.sql.functions.col;

import dev.fifopipeline.error.PipelineException;
import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.lake.LakeTable;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The tax lots of one report: which rows the files and forms take (the year's, or the version's
 * from the lake once it is written) and how the files are written: whole, merged for the symbols
 * recomputed (see {@link TaxLotsFiles}), or kept when no symbol changed.
 */
final class ReportLots {
  private static final Logger LOG = LoggerFactory.getLogger(ReportLots.class);

  private final Lake lake;
  private final ReportRequest request;
  private final ReportScope scope;
  private final Optional<Map<Path, Long>> current;

  private ReportLots(
      Lake lake, ReportRequest request, ReportScope scope, Optional<Map<Path, Long>> current) {
    this.lake = lake;
    this.request = request;
    this.scope = scope;
    this.current = current;
  }

  /**
   * Read before the lake is written: whether the folder's tax-lot files are the version's current
   * ones, which a report of some symbols then merges into.
   */
  static ReportLots before(Lake lake, ReportRequest request, ReportScope scope) {
    boolean merge =
        request.year() == null
            && !scope.all()
            && request.kind().files().contains(LakeTable.TAX_LOTS);
    return new ReportLots(
        lake,
        request,
        scope,
        merge ? TaxLotsFiles.current(lake, request.version(), request.folder()) : Optional.empty());
  }

  /**
   * The lots the files and forms take, or null when the kind writes none: with {@code --year} the
   * year's {@code shown} rows, otherwise the version's rows in the lake as written.
   */
  Dataset<Row> rows(ReportTables shown) {
    int version = request.version();
    if (!request.kind().files().contains(LakeTable.TAX_LOTS)) {
      return null;
    }
    if (request.year() != null) {
      return shown.lakeRows(LakeTable.TAX_LOTS, version, false);
    }
    return Lake.conform(
        LakeTable.TAX_LOTS,
        lake.read(LakeTable.TAX_LOTS).filter(col("allocation_version").equalTo(version)));
  }

  /**
   * Writes the tax-lot files from {@code lots} and records them for the next report; {@code
   * computed} holds the recomputed symbols' rows a merge takes.
   */
  Map<Path, Long> write(Dataset<Row> lots, ReportTables computed) {
    int version = request.version();
    Path folder = request.folder();
    if (request.year() != null) {
      return ReportFiles.taxLots(lots, folder);
    }
    TaxLotsFiles.forget(lake, version);
    long started = System.nanoTime();
    String how;
    Map<Path, Long> files;
    if (current.isPresent() && scope.symbols().orElseThrow().isEmpty()) {
      LOG.info("report v{}: no symbol changed: the tax-lot files stay as they are", version);
      files = current.get();
      how = "kept";
    } else if (current.isPresent()) {
      how = "merged (" + scope.describe() + ")";
      files =
          TaxLotsFiles.merge(
              folder,
              scope.symbols().orElseThrow(),
              computed.lakeRows(LakeTable.TAX_LOTS, version, false));
    } else {
      how = "written whole";
      files = ReportFiles.taxLots(lots, folder);
    }
    LOG.info(
        "report v{}: tax-lot files {}: {} lots in {} ms",
        version,
        how,
        files.values().stream().mapToLong(Long::longValue).sum(),
        (System.nanoTime() - started) / 1_000_000);
    try {
      TaxLotsFiles.record(lake, version, folder, files);
    } catch (PipelineException e) {
      LOG.warn("report v{}: could not record the tax-lot files: {}", version, e.getMessage());
    }
    return files;
  }
}
