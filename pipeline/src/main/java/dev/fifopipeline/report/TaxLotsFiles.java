package dev.fifopipeline.report;

import dev.fifopipeline.error.Errors;
import dev.fifopipeline.lake.Lake;
import dev.fifopipeline.lake.LakeSchemas;
import dev.fifopipeline.lake.LakeState;
import dev.fifopipeline.lake.LakeTable;
import dev.fifopipeline.output.AtomicFiles;
import dev.fifopipeline.output.CsvFiles;
import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.sql.Dataset;
import org.apache.spark.sql.Row;

/**
 * The tax-lot files of a whole version, {@code tax_lots.csv} (matched lots) and {@code
 * tax_lots_unmatched.csv}, kept in step with the lake's {@code tax_lots} at the cost of what
 * changed.
 *
 * <p>A report that writes them whole records, in {@code <lake>/_fifo/state/report-v<N>-tax-lots
 * .json}, their folder, each file's size, modification time and rows, and the commit of {@code
 * tax_lots} they hold. A later {@code report all} that recomputes some symbols, and finds the files
 * as recorded and {@code tax_lots} not written since, rewrites them by a merge: every line of the
 * other symbols as it is, the recomputed symbols' lots in their places in file order. That is one
 * pass over the files and a Spark job over the changed symbols' lots only, instead of sorting and
 * fetching every lot of the version; the files equal those written whole byte for byte ({@code
 * IncrementalReportTest}). Anything else (no record, another folder, a file edited or removed, a
 * report table written since) writes them whole.
 */
final class TaxLotsFiles {
  static final String MATCHED = "tax_lots.csv";
  static final String UNMATCHED = "tax_lots_unmatched.csv";

  /** The file order's columns; the last two sort nulls (empty fields) last. */
  private static final List<String> ORDER =
      List.of("date_sold", "symbol", "sell_order_id", "date_acquired", "buy_order_id");

  private static final int NULLS_LAST_FROM = 3;

  private static final String[] COLUMNS = LakeSchemas.of(LakeTable.TAX_LOTS).fieldNames();

  private static final String HEADER = String.join(",", COLUMNS);

  private TaxLotsFiles() {}

  /**
   * The rows of the two files in {@code folder}, when they hold {@code version}'s lots of {@code
   * tax_lots} as the lake holds them now; empty otherwise. Call before the report replaces any.
   */
  static Optional<Map<Path, Long>> current(Lake lake, int version, Path folder) {
    Optional<Map<String, Object>> state = new LakeState(lake).read(name(version));
    if (state.isEmpty() || !absolute(folder).equals(state.get().get("folder"))) {
      return Optional.empty();
    }
    if (!(state.get().get("tax_lots") instanceof Number commit)
        || !lake.unchangedSince(LakeTable.TAX_LOTS, commit.longValue())
        || !(state.get().get("files") instanceof Map<?, ?> files)) {
      return Optional.empty();
    }
    Map<Path, Long> rows = new LinkedHashMap<>();
    for (String name : List.of(MATCHED, UNMATCHED)) {
      Path file = folder.resolve(name);
      if (!Files.isRegularFile(file)
          || !(files.get(name) instanceof Map<?, ?> recorded)
          || !fingerprint(file).equals(longs(recorded, "size", "modified"))
          || !(recorded.get("rows") instanceof Number count)) {
        return Optional.empty();
      }
      rows.put(file, count.longValue());
    }
    return Optional.of(rows);
  }

  /** Records that the two files in {@code folder} hold the lake's tax_lots of {@code version}. */
  static void record(Lake lake, int version, Path folder, Map<Path, Long> rows) {
    Map<String, Object> files = new LinkedHashMap<>();
    for (String name : List.of(MATCHED, UNMATCHED)) {
      Path file = folder.resolve(name);
      Map<String, Object> entry = new LinkedHashMap<>(fingerprint(file));
      entry.put("rows", rows.get(file));
      files.put(name, entry);
    }
    Map<String, Object> document = new LinkedHashMap<>();
    document.put("folder", absolute(folder));
    document.put("tax_lots", lake.latestCommit(LakeTable.TAX_LOTS));
    document.put("files", files);
    new LakeState(lake).write(name(version), document);
  }

  /** Forgets the record: the files are about to be rewritten. */
  static void forget(Lake lake, int version) {
    new LakeState(lake).delete(name(version));
  }

  /**
   * Rewrites the two files in {@code folder}, which {@link #current} found current before the
   * lake's rows of {@code symbols} were replaced: the lines of the other symbols stay, the lots of
   * {@code symbols} come from {@code lots}.
   *
   * @param lots the new rows of tax_lots of {@code symbols}, as the lake holds them
   * @return each file with its data rows
   * @throws dev.fifopipeline.error.PipelineException (environment) when a file cannot be written
   */
  static Map<Path, Long> merge(Path folder, Set<String> symbols, Dataset<Row> lots) {
    return ReportFiles.taxLots(lots, folder, (inOrder, file) -> mergeInto(file, symbols, inOrder));
  }

  /** Rewrites {@code file}, merging {@code lots}, in file order, into its other symbols' lines. */
  private static long mergeInto(Path file, Set<String> symbols, Dataset<Row> lots) {
    try {
      return AtomicFiles.replace(
          file, merged -> merge(file, symbols, lots.toLocalIterator(), merged));
    } catch (IOException | UncheckedIOException e) {
      throw Errors.outputUnwritable(file.toString(), e);
    }
  }

  /**
   * Writes into {@code merged} the lines of {@code file} of the symbols not in {@code symbols}, and
   * {@code added} (in file order) among them.
   *
   * @return the data rows written
   */
  private static long merge(Path file, Set<String> symbols, Iterator<Row> added, Path merged)
      throws IOException {
    long rows = 0;
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8);
        BufferedWriter out = Files.newBufferedWriter(merged, StandardCharsets.UTF_8)) {
      CsvRecords kept = new CsvRecords(in);
      if (!kept.hasNext() || !kept.next().text().equals(HEADER)) {
        throw new IOException("its header is not tax_lots' columns");
      }
      out.write(HEADER);
      out.write('\n');
      int[] order = ORDER.stream().mapToInt(c -> Arrays.asList(COLUMNS).indexOf(c)).toArray();
      int symbol = order[1];
      Row next = added.hasNext() ? added.next() : null;
      String[] nextKey = next == null ? null : key(next, order);
      while (kept.hasNext()) {
        CsvRecords.Record line = kept.next();
        if (symbols.contains(line.fields().get(symbol))) {
          continue;
        }
        String[] lineKey = key(line.fields(), order);
        while (next != null && compare(nextKey, lineKey) < 0) {
          rows += write(out, CsvFiles.line(COLUMNS, next));
          next = added.hasNext() ? added.next() : null;
          nextKey = next == null ? null : key(next, order);
        }
        rows += write(out, line.text());
      }
      while (next != null) {
        rows += write(out, CsvFiles.line(COLUMNS, next));
        next = added.hasNext() ? added.next() : null;
      }
    }
    return rows;
  }

  private static int write(BufferedWriter out, String line) throws IOException {
    out.write(line);
    out.write('\n');
    return 1;
  }

  private static String[] key(Row row, int[] order) {
    String[] key = new String[order.length];
    for (int i = 0; i < order.length; i++) {
      key[i] = CsvFiles.format(COLUMNS[order[i]], row.get(order[i]));
    }
    return key;
  }

  private static String[] key(List<String> fields, int[] order) {
    String[] key = new String[order.length];
    for (int i = 0; i < order.length; i++) {
      key[i] = fields.get(order[i]);
    }
    return key;
  }

  /**
   * Spark's order of the file: dates as ISO text sort as dates, strings by their UTF-8 bytes
   * unsigned, and the last two columns with nulls (empty fields) last.
   */
  private static int compare(String[] a, String[] b) {
    for (int i = 0; i < a.length; i++) {
      if (i >= NULLS_LAST_FROM && (a[i].isEmpty() || b[i].isEmpty())) {
        int nulls = Boolean.compare(a[i].isEmpty(), b[i].isEmpty());
        if (nulls != 0) {
          return nulls;
        }
        continue;
      }
      int c = byUtf8(a[i], b[i]);
      if (c != 0) {
        return c;
      }
    }
    return 0;
  }

  /**
   * Compares as the UTF-8 bytes would, which is code point order: Java's char order agrees except
   * where a surrogate pair meets a character from U+E000 up.
   */
  static int byUtf8(String a, String b) {
    int n = Math.min(a.length(), b.length());
    for (int i = 0; i < n; i++) {
      char x = a.charAt(i);
      char y = b.charAt(i);
      if (x != y) {
        return x < Character.MIN_SURROGATE && y < Character.MIN_SURROGATE
            ? x - y
            : Integer.compare(a.codePointAt(i), b.codePointAt(i));
      }
    }
    return a.length() - b.length();
  }

  private static Map<String, Object> fingerprint(Path file) {
    try {
      return Map.of(
          "size", Files.size(file), "modified", Files.getLastModifiedTime(file).toMillis());
    } catch (IOException e) {
      return Map.of();
    }
  }

  /** The {@code keys} of a recorded map whose values are numbers, as longs (JSON reads ints). */
  private static Map<String, Object> longs(Map<?, ?> recorded, String... keys) {
    Map<String, Object> values = new LinkedHashMap<>();
    for (String key : keys) {
      if (!(recorded.get(key) instanceof Number n)) {
        return Map.of();
      }
      values.put(key, n.longValue());
    }
    return values;
  }

  private static String absolute(Path folder) {
    return folder.toAbsolutePath().normalize().toString();
  }

  private static String name(int version) {
    return "report-v" + version + "-tax-lots";
  }
}
