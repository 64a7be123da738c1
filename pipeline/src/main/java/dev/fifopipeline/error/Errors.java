package dev.fifopipeline.error;

import java.util.Collection;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * Every user-facing failure of the pipeline, made in one place. Each message is one line: what
 * could not be done, why, and in parentheses what to do. Secrets never appear: JDBC URLs are shown
 * with any password parameter redacted.
 */
public final class Errors {
  private static final Pattern URL_SECRET =
      Pattern.compile("(?i)((?:password|passwd|pwd|sslpassword)=)[^&;]*");

  private Errors() {}

  // ---- configuration and usage (exit 2) ----

  /** A configuration value is malformed. */
  public static PipelineException badSetting(String key, Object value, String why, String fix) {
    return usage("Cannot load configuration: %s = '%s' %s (%s)", key, value, why, fix);
  }

  /** The configuration file given does not exist or does not parse. */
  public static PipelineException badConfigFile(String file, Throwable cause) {
    return new PipelineException(
        ExitCode.USAGE,
        String.format(
            "Cannot read configuration file %s: %s (check the path given to --config)",
            file, firstLine(cause)),
        cause);
  }

  /** A setting needed by the command is empty. */
  public static PipelineException missingSetting(String action, String key) {
    return usage(
        "Cannot %s: %s is not set (set it in conf/application.conf, as FIFO_%s, or with --set %s=...)",
        action, key, key.toUpperCase().replaceAll("[.-]", "_"), key);
  }

  /**
   * A key that reference.conf does not have, given with --set or in a configuration file.
   *
   * @param action what could not be done, e.g. "apply --set lake.pth"
   * @param closest the known key nearest to it, or null
   */
  public static PipelineException unknownSetting(String action, String key, String closest) {
    return usage(
        "Cannot %s: %s is not a setting (%sreference.conf lists every key; Spark settings go"
            + " under spark.conf)",
        action, key, closest == null ? "" : "did you mean " + closest + "? ");
  }

  /** maintain.vacuum-retention is shorter than maintain vouches for. */
  public static PipelineException shortRetention(
      java.time.Duration retention, java.time.Duration safe) {
    return usage(
        "Cannot maintain the lake: maintain.vacuum-retention = %s is shorter than %d hours, so"
            + " VACUUM could delete files that a reader mid-query, the recovery of an interrupted"
            + " run or the next incremental validate and report still read (set at least %dh, or"
            + " --set maintain.allow-short-retention=true when nothing reads the lake meanwhile)",
        retention.toString().substring(2).toLowerCase(java.util.Locale.ROOT),
        safe.toHours(),
        safe.toHours());
  }

  /** A --set argument is not key=value. */
  public static PipelineException badOverride(String text) {
    return usage(
        "Cannot apply --set '%s': expected key=value (e.g. --set lake.path=/data/lake)", text);
  }

  /** A version that already exists would be overwritten. */
  public static PipelineException versionExists(int version) {
    return usage(
        "Cannot allocate version %d: it already exists (use --force to recompute it, --since WHEN"
            + " to recompute the symbols with new trades, or another --version)",
        version);
  }

  /** A command names a version the lake does not have. */
  public static PipelineException unknownVersion(
      String action, int version, Collection<Integer> known) {
    return usage(
        "Cannot %s version %d: it does not exist (%s)",
        action,
        version,
        known.isEmpty()
            ? "the lake has no allocations yet: run allocate --version " + version
            : "versions in the lake: " + join(known));
  }

  /**
   * A partial recompute asks for another method or method schedule than the version has.
   *
   * @param existing the version's label, e.g. {@code fifo} or {@code fifo;2025=hifo}
   * @param requested the label asked for
   */
  public static PipelineException methodMismatch(int version, String existing, String requested) {
    // a schedule's label always has more than one entry; a plain method's never does
    String option =
        requested.contains(";") ? "--method-schedule '" + requested + "'" : "--method " + requested;
    return usage(
        "Cannot allocate version %d with %s: it was computed with %s and the method is part of a"
            + " version (recompute it all with --force %s, or use a new --version)",
        version, requested, existing, option);
  }

  /** A method schedule given on the command line does not parse. */
  public static PipelineException badSchedule(String option, String text, String why) {
    return usage(
        "Cannot allocate: %s '%s' is not a method schedule: %s (write METHOD;YEAR=METHOD, e.g."
            + " fifo;2025=hifo, with ACCOUNT: before the entries of an account,"
            + " e.g. fifo;2025=hifo;kraken:lifo)",
        option, text, why);
  }

  /** A fills file in neither supported layout. */
  public static PipelineException unknownFillsFormat(String file, Collection<String> header) {
    return usage(
        "Cannot reconcile %s: its header (%s) is neither Coinbase's fills export (portfolio,trade"
            + " id,product,side,created at,size,size unit,price,fee,total,price/fee/total unit) nor"
            + " the ledger's (order_id,symbol,side,order_time,price,size,fees)",
        file, join(header));
  }

  /** --symbols names symbols the ledger does not have. */
  public static PipelineException unknownSymbols(Collection<String> unknown) {
    return usage(
        "Cannot allocate: %s not in the ledger (check the names, e.g. BTC-USD, or run ingest first)",
        unknown.size() == 1
            ? "symbol " + join(unknown) + " is"
            : "symbols " + join(unknown) + " are");
  }

  /** --since is not a time we understand. */
  public static PipelineException badSince(String text) {
    return usage(
        "Cannot read --since '%s': expected 'N minutes ago', 'N hours ago', 'N days ago' or an"
            + " ISO time like 2025-12-04T10:00:00Z (no offset means UTC)",
        text);
  }

  /** The source lacks a column the ledger needs. */
  public static PipelineException missingSourceColumn(
      String canonical, String sourceName, Collection<String> available) {
    return usage(
        "Cannot ingest: the source has no column '%s' for %s (columns: %s; map it with --set"
            + " source.columns.%s=<column>)",
        sourceName, canonical, join(available), canonical);
  }

  /** A Spark SQL query does not parse or names unknown tables or columns. */
  public static PipelineException badQuery(String reason, Collection<String> tables) {
    return usage(
        "Cannot run query: %s (lake tables: %s)",
        reason, tables.isEmpty() ? "none yet, run ingest and allocate" : join(tables));
  }

  /** A query that planned failed while it ran (a bad cast, a value out of range, ...). */
  public static PipelineException queryFailed(Throwable cause) {
    return usage("Cannot run query: %s (check the query's values and casts)", firstLine(cause));
  }

  /** The sql prompt's {@code \d} named a table the lake does not have. */
  public static PipelineException unknownTable(String name, Collection<String> tables) {
    return usage(
        "Cannot describe %s: the lake has no such table (lake tables: %s)",
        name, tables.isEmpty() ? "none yet, run ingest and allocate" : join(tables));
  }

  /** A command needs a lake table that has not been written yet. */
  public static PipelineException missingTable(String action, String table, String fix) {
    return usage("Cannot %s: the lake has no %s table yet (%s)", action, table, fix);
  }

  /** --year is not a plausible calendar year. */
  public static PipelineException badYear(int year) {
    return usage(
        "Cannot report --year %d: not a calendar year (give a year like 2025; tax years are taken"
            + " in tax.timezone)",
        year);
  }

  /** --year names a year in which the version has no sells. */
  public static PipelineException noSellsInYear(
      int version, int year, String zone, Collection<Integer> years) {
    return usage(
        "Cannot report year %d of version %d: it has no sells in that tax year in %s (%s)",
        year,
        version,
        zone,
        years.isEmpty() ? "the version has no sells at all" : "years with sells: " + join(years));
  }

  /** The version was computed in another tax.timezone than the settings give now. */
  public static PipelineException taxZoneMismatch(
      String action, int version, Collection<String> versionZones, String settingsZone) {
    return usage(
        "Cannot %s version %d: its holding terms were computed in tax.timezone %s, the settings"
            + " say %s (use --set tax.timezone=%s, or recompute with allocate --version %d --force)",
        action, version, join(versionZones), settingsZone, versionZones.iterator().next(), version);
  }

  /** The --prices file is missing or malformed. */
  public static PipelineException badPrices(String file, String reason) {
    return usage(
        "Cannot read --prices %s: %s (give a CSV with a header symbol,price and one price > 0 per"
            + " symbol, e.g. BTC-USD,97000.5)",
        file, reason);
  }

  /** compare got neither two versions nor one version with --legacy. */
  public static PipelineException badComparison(String reason) {
    return usage(
        "Cannot compare: %s (use --versions A,B for two versions, or --version N --legacy for the"
            + " legacy inline values)",
        reason);
  }

  /** register-tables found no table to register, or got a database name SQL cannot take. */
  public static PipelineException cannotRegister(String reason) {
    return usage("Cannot register the lake's tables: %s", reason);
  }

  /** Generic usage failure with a fix. */
  public static PipelineException usage(String format, Object... args) {
    return new PipelineException(ExitCode.USAGE, String.format(format, args), null);
  }

  // ---- invariants (exit 1) ----

  /** validate found breaches. */
  public static PipelineException invariantsBroken(int version, long breaches) {
    return new PipelineException(
        ExitCode.INVARIANT,
        String.format(
            "Cannot validate version %d: %d breach%s of the invariants (listed above; recompute"
                + " with allocate --version %d --force, and check manual_review_queue)",
            version, breaches, breaches == 1 ? "" : "es", version),
        null);
  }

  /** Some symbols failed to allocate. */
  public static PipelineException symbolsFailed(int version, Collection<String> symbols) {
    return new PipelineException(
        ExitCode.INVARIANT,
        String.format(
            "Cannot allocate %s of version %d: failed (errors in fifo_computation_log and"
                + " manual_review_queue; the other symbols were written)",
            join(symbols), version),
        null);
  }

  // ---- environment (exit 3) ----

  /** The source cannot be read. */
  public static PipelineException sourceUnreadable(String kind, String where, Throwable cause) {
    return environment(
        cause,
        "Cannot read the %s source %s: %s (check source.path and that the file exists)",
        kind,
        where,
        firstLine(cause));
  }

  /** The database does not answer or refuses the login. */
  public static PipelineException databaseUnreachable(String url, String user, Throwable cause) {
    String reason = firstLine(cause);
    boolean auth = reason.toLowerCase().contains("password") || reason.contains("28P01");
    return environment(
        cause,
        "Cannot connect to %s as %s: %s (%s)",
        redact(url),
        user == null || user.isBlank() ? "the default user" : user,
        reason,
        auth
            ? "check the user and the password, e.g. FIFO_SOURCE_JDBC_PASSWORD"
            : "is PostgreSQL running, and is the JDBC URL right?");
  }

  /** The lake folder cannot be created or written. */
  public static PipelineException lakeUnwritable(String path, Throwable cause) {
    return environment(
        cause,
        "Cannot write the lake at %s: %s (check lake.path and its permissions)",
        path,
        firstLine(cause));
  }

  /** Another run holds the lake. */
  public static PipelineException lakeBusy(String lake, String holder) {
    return environment(
        null,
        "Cannot run: another fifo-pipeline run is using the lake at %s (%s); wait for it to finish,"
            + " or raise pipeline.lock-wait",
        lake,
        holder);
  }

  /** A lake table exists but cannot be read. */
  public static PipelineException lakeUnreadable(String path, Throwable cause) {
    return environment(
        cause,
        "Cannot read the lake table at %s: %s (check lake.path; restore the folder if it was"
            + " damaged)",
        path,
        firstLine(cause));
  }

  /**
   * A lake table whose Delta log or data files are damaged.
   *
   * @param what what is wrong, e.g. "its newest commit 5 is unreadable (...)"
   * @param unreadableNewest the newest commit when that one is unreadable, else -1
   * @param ledger whether the table is trade_records (the others are derived from it)
   */
  public static PipelineException tableDamaged(
      String table, String path, String what, long unreadableNewest, boolean ledger) {
    String restore =
        unreadableNewest > 0
            ? String.format(
                "move that file and its .crc out of _delta_log to return the table to version %d",
                unreadableNewest - 1)
            : String.format(
                "RESTORE TABLE delta.`%s` TO VERSION AS OF n, a version from before the damage"
                    + " (DESCRIBE HISTORY lists them)",
                path);
    String rebuild =
        ledger
            ? "or move the folder aside and run ingest --full to read the ledger again"
            : "or rebuild it from the ledger: move the folder aside and run allocate --version N"
                + " --force for each version";
    return environment(
        null,
        "Cannot read lake table %s: %s (%s, %s; README: When something goes wrong)",
        table,
        what,
        restore,
        rebuild);
  }

  /** doctor found damaged tables (each listed above the message). */
  public static PipelineException lakeDamaged(String lake, int tables) {
    return environment(
        null,
        "Cannot vouch for the lake at %s: %d table%s damaged (listed above, each with what to do;"
            + " README: When something goes wrong)",
        lake,
        tables,
        tables == 1 ? " is" : "s are");
  }

  /** The lake folder does not exist. */
  public static PipelineException lakeMissing(String lake) {
    return environment(
        null,
        "Cannot check the lake at %s: there is no such folder (check lake.path, or run ingest"
            + " first)",
        lake);
  }

  /** A report or comparison file cannot be written. */
  public static PipelineException outputUnwritable(String path, Throwable cause) {
    return environment(
        cause,
        "Cannot write %s: %s (check --out or report.out and the folder's permissions)",
        path,
        firstLine(cause));
  }

  /** A report table in the lake has other columns than this pipeline writes. */
  public static PipelineException reportTableOutdated(String table, String path, String columns) {
    return environment(
        null,
        "Cannot write report table %s: the lake's table has other columns (%s) than this version"
            + " of the pipeline writes (report tables are derived: delete %s, then rerun report"
            + " for each version you need)",
        table,
        columns,
        path);
  }

  /** Generic environment failure. */
  public static PipelineException environment(Throwable cause, String format, Object... args) {
    return new PipelineException(ExitCode.ENVIRONMENT, String.format(format, args), cause);
  }

  /** {@code url} with password parameters replaced by {@code ***}. */
  public static String redact(String url) {
    return url == null ? "" : URL_SECRET.matcher(url).replaceAll("$1***");
  }

  /** The first line of a throwable's message (or its class name), for one-line reports. */
  public static String firstLine(Throwable error) {
    if (error == null) {
      return "unknown error";
    }
    String message = error.getMessage();
    if (message == null || message.isBlank()) {
      return error.getClass().getSimpleName();
    }
    return message.strip().lines().findFirst().orElse(message).strip();
  }

  /** Joins in the collection's own order: pass a sorted one. */
  private static String join(Collection<?> values) {
    return values.stream().map(String::valueOf).collect(Collectors.joining(", "));
  }
}
