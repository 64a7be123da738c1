package dev.fifopipeline.error;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.Map;
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
    return context(
        usage("Cannot load configuration: %s = '%s' %s (%s)", key, value, why, fix),
        "key",
        key,
        "value",
        value,
        "why",
        why,
        "fix",
        fix);
  }

  /** The configuration file given does not exist or does not parse. */
  public static PipelineException badConfigFile(String file, Throwable cause) {
    return context(
        new PipelineException(
            ExitCode.USAGE,
            String.format(
                "Cannot read configuration file %s: %s (check the path given to --config)",
                file, firstLine(cause)),
            cause),
        "file",
        file);
  }

  /** A setting needed by the command is empty. */
  public static PipelineException missingSetting(String action, String key) {
    return context(
        usage(
            "Cannot %s: %s is not set (set it in conf/application.conf, as FIFO_%s, or with --set %s=...)",
            action, key, key.toUpperCase().replaceAll("[.-]", "_"), key),
        "action",
        action,
        "key",
        key);
  }

  /**
   * A key that reference.conf does not have, given with --set or in a configuration file.
   *
   * @param action what could not be done, e.g. "apply --set lake.pth"
   * @param closest the known key nearest to it, or null
   */
  public static PipelineException unknownSetting(String action, String key, String closest) {
    return context(
        usage(
            "Cannot %s: %s is not a setting (%sreference.conf lists every key; Spark settings go"
                + " under spark.conf)",
            action, key, closest == null ? "" : "did you mean " + closest + "? "),
        "action",
        action,
        "key",
        key,
        "closest",
        closest);
  }

  /** maintain.vacuum-retention is shorter than maintain vouches for. */
  public static PipelineException shortRetention(
      java.time.Duration retention, java.time.Duration safe) {
    return context(
        usage(
            "Cannot maintain the lake: maintain.vacuum-retention = %s is shorter than %d hours, so"
                + " VACUUM could delete files that a reader mid-query, the recovery of an interrupted"
                + " run or the next incremental validate and report still read (set at least %dh, or"
                + " --set maintain.allow-short-retention=true when nothing reads the lake meanwhile)",
            retention.toString().substring(2).toLowerCase(java.util.Locale.ROOT),
            safe.toHours(),
            safe.toHours()),
        "retention",
        retention,
        "safe",
        safe);
  }

  /** A --set argument is not key=value. */
  public static PipelineException badOverride(String text) {
    return context(
        usage(
            "Cannot apply --set '%s': expected key=value (e.g. --set lake.path=/data/lake)", text),
        "text",
        text);
  }

  /** A version that already exists would be overwritten. */
  public static PipelineException versionExists(int version) {
    return context(
        usage(
            "Cannot allocate version %d: it already exists (use --force to recompute it, --since WHEN"
                + " to recompute the symbols with new trades, or another --version)",
            version),
        "version",
        version);
  }

  /** A command names a version the lake does not have. */
  public static PipelineException unknownVersion(
      String action, int version, Collection<Integer> known) {
    return context(
        usage(
            "Cannot %s version %d: it does not exist (%s)",
            action,
            version,
            known.isEmpty()
                ? "the lake has no allocations yet: run allocate --version " + version
                : "versions in the lake: " + join(known)),
        "action",
        action,
        "version",
        version,
        "known",
        known);
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
    return context(
        usage(
            "Cannot allocate version %d with %s: it was computed with %s and the method is part of a"
                + " version (recompute it all with --force %s, or use a new --version)",
            version, requested, existing, option),
        "version",
        version,
        "existing",
        existing,
        "requested",
        requested);
  }

  /** A method schedule given on the command line does not parse. */
  public static PipelineException badSchedule(String option, String text, String why) {
    return context(
        usage(
            "Cannot allocate: %s '%s' is not a method schedule: %s (write METHOD;YEAR=METHOD, e.g."
                + " fifo;2025=hifo, with ACCOUNT: before the entries of an account,"
                + " e.g. fifo;2025=hifo;kraken:lifo)",
            option, text, why),
        "option",
        option,
        "text",
        text,
        "why",
        why);
  }

  /** A fills file in neither supported layout. */
  public static PipelineException unknownFillsFormat(String file, Collection<String> header) {
    return context(
        usage(
            "Cannot reconcile %s: its header (%s) is neither Coinbase's fills export (portfolio,trade"
                + " id,product,side,created at,size,size unit,price,fee,total,price/fee/total unit) nor"
                + " the ledger's (order_id,symbol,side,order_time,price,size,fees)",
            file, join(header)),
        "file",
        file,
        "header",
        header);
  }

  /** --symbols names symbols the ledger does not have. */
  public static PipelineException unknownSymbols(Collection<String> unknown) {
    return context(
        usage(
            "Cannot allocate: %s not in the ledger (check the names, e.g. BTC-USD, or run ingest first)",
            unknown.size() == 1
                ? "symbol " + join(unknown) + " is"
                : "symbols " + join(unknown) + " are"),
        "unknown",
        unknown);
  }

  /** --since is not a time we understand. */
  public static PipelineException badSince(String text) {
    return context(
        usage(
            "Cannot read --since '%s': expected 'N minutes ago', 'N hours ago', 'N days ago' or an"
                + " ISO time like 2025-12-04T10:00:00Z (no offset means UTC)",
            text),
        "text",
        text);
  }

  /** The source lacks a column the ledger needs. */
  public static PipelineException missingSourceColumn(
      String canonical, String sourceName, Collection<String> available) {
    return context(
        usage(
            "Cannot ingest: the source has no column '%s' for %s (columns: %s; map it with --set"
                + " source.columns.%s=<column>)",
            sourceName, canonical, join(available), canonical),
        "canonical",
        canonical,
        "sourceName",
        sourceName,
        "available",
        available);
  }

  /** A Spark SQL query does not parse or names unknown tables or columns. */
  public static PipelineException badQuery(String reason, Collection<String> tables) {
    return context(
        usage(
            "Cannot run query: %s (lake tables: %s)",
            reason, tables.isEmpty() ? "none yet, run ingest and allocate" : join(tables)),
        "reason",
        reason,
        "tables",
        tables);
  }

  /** A query that planned failed while it ran (a bad cast, a value out of range, ...). */
  public static PipelineException queryFailed(Throwable cause) {
    return context(
        new PipelineException(
            ExitCode.USAGE,
            String.format(
                "Cannot run query: %s (check the query's values and casts)", firstLine(cause)),
            cause));
  }

  /** The sql prompt's {@code \d} named a table the lake does not have. */
  public static PipelineException unknownTable(String name, Collection<String> tables) {
    return context(
        usage(
            "Cannot describe %s: the lake has no such table (lake tables: %s)",
            name, tables.isEmpty() ? "none yet, run ingest and allocate" : join(tables)),
        "name",
        name,
        "tables",
        tables);
  }

  /** A command needs a lake table that has not been written yet. */
  public static PipelineException missingTable(String action, String table, String fix) {
    return context(
        usage("Cannot %s: the lake has no %s table yet (%s)", action, table, fix),
        "action",
        action,
        "table",
        table,
        "fix",
        fix);
  }

  /** --year is not a plausible calendar year. */
  public static PipelineException badYear(int year) {
    return context(
        usage(
            "Cannot report --year %d: not a calendar year (give a year like 2025; tax years are taken"
                + " in tax.timezone)",
            year),
        "year",
        year);
  }

  /** --year names a year in which the version has no sells. */
  public static PipelineException noSellsInYear(
      int version, int year, String zone, Collection<Integer> years) {
    return context(
        usage(
            "Cannot report year %d of version %d: it has no sells in that tax year in %s (%s)",
            year,
            version,
            zone,
            years.isEmpty()
                ? "the version has no sells at all"
                : "years with sells: " + join(years)),
        "version",
        version,
        "year",
        year,
        "zone",
        zone,
        "years",
        years);
  }

  /** The version was computed in another tax.timezone than the settings give now. */
  public static PipelineException taxZoneMismatch(
      String action, int version, Collection<String> versionZones, String settingsZone) {
    return context(
        usage(
            "Cannot %s version %d: its holding terms were computed in tax.timezone %s, the settings"
                + " say %s (use --set tax.timezone=%s, or recompute with allocate --version %d --force)",
            action,
            version,
            join(versionZones),
            settingsZone,
            versionZones.iterator().next(),
            version),
        "action",
        action,
        "version",
        version,
        "versionZones",
        versionZones,
        "settingsZone",
        settingsZone);
  }

  /** The --prices file is missing or malformed. */
  public static PipelineException badPrices(String file, String reason) {
    return context(
        usage(
            "Cannot read --prices %s: %s (give a CSV with a header symbol,price and one price > 0 per"
                + " symbol, e.g. BTC-USD,97000.5)",
            file, reason),
        "file",
        file,
        "reason",
        reason);
  }

  /** compare got neither two versions nor one version with --legacy. */
  public static PipelineException badComparison(String reason) {
    return context(
        usage(
            "Cannot compare: %s (use --versions A,B for two versions, or --version N --legacy for the"
                + " legacy inline values)",
            reason),
        "reason",
        reason);
  }

  /** {@code register-tables --database} is not a plain name. */
  public static PipelineException badDatabaseName(String database) {
    return context(
        usage(
            "Cannot register the lake's tables: --database '%s' is not a plain name (use letters,"
                + " digits and _)",
            database),
        "database",
        database);
  }

  /** {@code register-tables} on a lake without tables. */
  public static PipelineException noTablesToRegister(String lake) {
    return context(
        usage(
            "Cannot register the lake's tables: the lake %s has no tables yet (run ingest or"
                + " nightly first)",
            lake),
        "lake",
        lake);
  }

  /** A configuration that does not resolve or has a value of the wrong type. */
  public static PipelineException badConfiguration(Throwable cause) {
    return context(
        new PipelineException(
            ExitCode.USAGE,
            String.format(
                "Cannot load configuration: %s (see reference.conf for every key)",
                firstLine(cause)),
            cause));
  }

  /** {@code allocate --version} below 1. */
  public static PipelineException badVersionNumber(int version) {
    return context(
        usage("Cannot allocate version %d: versions start at 1 (use --version 1 or more)", version),
        "version",
        version);
  }

  /** {@code --method} and {@code --method-schedule} given together. */
  public static PipelineException methodAndSchedule() {
    return context(
        usage(
            "Cannot allocate: --method and --method-schedule are both given (give one: a schedule's"
                + " first entry is its method before any year, as in --method-schedule"
                + " 'fifo;2025=hifo')"));
  }

  /** {@code nightly --runs} without {@code --every}, or fewer than one run. */
  public static PipelineException badRuns(int runs, boolean every) {
    return context(
        usage(
            every
                ? "Cannot run nightly: --runs %d is fewer than one run (give 1 or more, or leave"
                    + " --runs out to run until stopped)"
                : "Cannot run nightly: --runs %d needs --every (the time between runs, as in"
                    + " --every 5m)",
            runs),
        "runs",
        runs,
        "every",
        every);
  }

  /** {@code --method} names no matching method. */
  public static PipelineException unknownMethod(String method) {
    return context(
        usage("Cannot allocate: --method %s is not a method (use fifo, lifo or hifo)", method),
        "method",
        method);
  }

  /**
   * An option of {@code report unmatched} given to another report.
   *
   * @param kind the report asked for, e.g. {@code all}
   * @param option {@code --fills} or {@code --format}
   */
  public static PipelineException onlyForUnmatched(String kind, String option, int version) {
    return context(
        usage(
            "Cannot report %s: %s only goes with report unmatched (leave it out, or use report"
                + " unmatched --version %d)",
            kind, option, version),
        "kind",
        kind,
        "option",
        option,
        "version",
        version);
  }

  /** An option of the other reports given to {@code report unmatched}. */
  public static PipelineException notForUnmatched(String option) {
    return context(
        usage(
            "Cannot report unmatched: %s does not apply to it (leave it out; report unmatched lists"
                + " every unmatched sell of the version)",
            option),
        "option",
        option);
  }

  /** {@code generate --sample --format parquet}. */
  public static PipelineException sampleNotParquet(String why) {
    return context(
        usage("Cannot write the sample as Parquet: %s (leave out --format or --sample)", why),
        "why",
        why);
  }

  /** A statement that would change the lake, given to {@code sql}. */
  public static PipelineException queryWouldWrite(String statement) {
    return context(
        usage(
            "Cannot run query: sql only reads the lake, and this statement (%s) would change it"
                + " (the lake is written by ingest and allocate)",
            statement),
        "statement",
        statement);
  }

  /** A backslash command the sql prompt does not know. */
  public static PipelineException unknownPromptCommand(String command) {
    return context(
        usage(
            "Cannot run %s: not a prompt command (\\d lists the tables, \\? the commands)",
            command),
        "command",
        command);
  }

  /** {@code reconcile --auto-backfill} with a query as {@code source.jdbc.table}. */
  public static PipelineException backfillNeedsTable() {
    return context(
        usage(
            "Cannot backfill: source.jdbc.table is a query, not a table (set it to the ledger table's"
                + " name)"));
  }

  private static PipelineException usage(String format, Object... args) {
    return new PipelineException(ExitCode.USAGE, String.format(format, args), null);
  }

  // ---- out of memory (exit 52) ----

  /** The driver ran out of heap. */
  public static PipelineException outOfMemory(OutOfMemoryError cause) {
    return new PipelineException(
        ExitCode.OUT_OF_MEMORY,
        String.format(
            "Cannot finish the run: the JVM ran out of heap (%s) (raise FIFO_DRIVER_MEMORY, or the"
                + " driver's memory on a cluster, then rerun: the interrupted run is undone)",
            firstLine(cause)),
        cause);
  }

  // ---- invariants (exit 1) ----

  /** validate found breaches. */
  public static PipelineException invariantsBroken(int version, long breaches) {
    return context(
        new PipelineException(
            ExitCode.INVARIANT,
            String.format(
                "Cannot validate version %d: %d breach%s of the invariants (listed above; recompute"
                    + " with allocate --version %d --force, and check manual_review_queue)",
                version, breaches, breaches == 1 ? "" : "es", version),
            null),
        "version",
        version,
        "breaches",
        breaches);
  }

  /** Some symbols failed to allocate. */
  public static PipelineException symbolsFailed(int version, Collection<String> symbols) {
    return context(
        new PipelineException(
            ExitCode.INVARIANT,
            String.format(
                "Cannot allocate %s of version %d: failed (errors in fifo_computation_log and"
                    + " manual_review_queue; the other symbols were written)",
                join(symbols), version),
            null),
        "version",
        version,
        "symbols",
        symbols);
  }

  // ---- environment (exit 3) ----

  /** The source cannot be read. */
  public static PipelineException sourceUnreadable(String kind, String where, Throwable cause) {
    return context(
        environment(
            cause,
            "Cannot read the %s source %s: %s (check source.path and that the file exists)",
            kind,
            where,
            firstLine(cause)),
        "kind",
        kind,
        "where",
        where);
  }

  /** The database does not answer or refuses the login. */
  public static PipelineException databaseUnreachable(String url, String user, Throwable cause) {
    String reason = firstLine(cause);
    boolean auth = reason.toLowerCase().contains("password") || reason.contains("28P01");
    return context(
        environment(
            cause,
            "Cannot connect to %s as %s: %s (%s)",
            redact(url),
            user == null || user.isBlank() ? "the default user" : user,
            reason,
            auth
                ? "check the user and the password, e.g. FIFO_SOURCE_JDBC_PASSWORD"
                : "is PostgreSQL running, and is the JDBC URL right?"),
        "url",
        redact(url),
        "user",
        user);
  }

  /** The lake folder cannot be created or written. */
  public static PipelineException lakeUnwritable(String path, Throwable cause) {
    return context(
        environment(
            cause,
            "Cannot write the lake at %s: %s (check lake.path and its permissions)",
            path,
            firstLine(cause)),
        "path",
        path);
  }

  /** Another run holds the lake. */
  public static PipelineException lakeBusy(String lake, String holder) {
    return context(
        environment(
            null,
            "Cannot run: another fifo-pipeline run is using the lake at %s (%s; wait for it to finish,"
                + " or raise pipeline.lock-wait)",
            lake,
            holder),
        "lake",
        lake,
        "holder",
        holder);
  }

  /** A lake table exists but cannot be read. */
  public static PipelineException lakeUnreadable(String path, Throwable cause) {
    return context(
        environment(
            cause,
            "Cannot read the lake table at %s: %s (check lake.path; restore the folder if it was"
                + " damaged)",
            path,
            firstLine(cause)),
        "path",
        path);
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
    return context(
        environment(
            null,
            "Cannot read lake table %s: %s (%s, %s; README: When something goes wrong)",
            table,
            what,
            restore,
            rebuild),
        "table",
        table,
        "path",
        path,
        "what",
        what,
        "unreadableNewest",
        unreadableNewest,
        "ledger",
        ledger);
  }

  /** doctor found damaged tables (each listed above the message). */
  public static PipelineException lakeDamaged(String lake, int tables) {
    return context(
        environment(
            null,
            "Cannot vouch for the lake at %s: %d table%s damaged (listed above, each with what to do;"
                + " README: When something goes wrong)",
            lake,
            tables,
            tables == 1 ? " is" : "s are"),
        "lake",
        lake,
        "tables",
        tables);
  }

  /** The lake folder does not exist. */
  public static PipelineException lakeMissing(String lake) {
    return context(
        environment(
            null,
            "Cannot check the lake at %s: there is no such folder (check lake.path, or run ingest"
                + " first)",
            lake),
        "lake",
        lake);
  }

  /** A report or comparison file cannot be written. */
  public static PipelineException outputUnwritable(String path, Throwable cause) {
    return context(
        environment(
            cause,
            "Cannot write %s: %s (check --out or report.out and the folder's permissions)",
            path,
            firstLine(cause)),
        "path",
        path);
  }

  /** A report table in the lake has other columns than this pipeline writes. */
  public static PipelineException reportTableOutdated(String table, String path, String columns) {
    return context(
        environment(
            null,
            "Cannot write report table %s: the lake's table has other columns (%s) than this version"
                + " of the pipeline writes (report tables are derived: delete %s, then rerun report"
                + " for each version you need)",
            table,
            columns,
            path),
        "table",
        table,
        "path",
        path,
        "columns",
        columns);
  }

  /** The interactive sql prompt cannot use the terminal or its history file. */
  public static PipelineException promptUnavailable(Throwable cause) {
    return context(
        environment(
            cause,
            "Cannot open the sql prompt: %s (give a QUERY, or pipe the statements to sql)",
            firstLine(cause)));
  }

  /** The statements piped to {@code sql} cannot be read. */
  public static PipelineException stdinUnreadable(Throwable cause) {
    return context(
        environment(
            cause,
            "Cannot read statements from standard input: %s (give a QUERY instead)",
            firstLine(cause)));
  }

  /** {@code generate} cannot write its ledger. */
  public static PipelineException ledgerUnwritable(String path, Throwable cause) {
    return context(
        environment(
            cause,
            "Cannot write %s: %s (check the folder exists and is writable)",
            path,
            firstLine(cause)),
        "path",
        path);
  }

  /** The database answered with an error that is not about reaching it. */
  public static PipelineException databaseFailed(String url, String state, Throwable cause) {
    return context(
        environment(
            cause,
            "Cannot use the database at %s: %s (SQL state %s; check the table name and the role's"
                + " privileges)",
            redact(url),
            firstLine(cause),
            state),
        "url",
        redact(url),
        "state",
        state);
  }

  /** The backfill's temporary file cannot be written or read. */
  public static PipelineException backfillFailed(Throwable cause) {
    return context(
        environment(cause, "Cannot backfill: %s (check the temporary folder)", firstLine(cause)));
  }

  /** The reconcile listing cannot be written. */
  public static PipelineException listingUnwritable(String listing, Throwable cause) {
    return context(
        environment(
            cause,
            "Cannot write the reconcile listing %s: %s (check --out)",
            listing,
            firstLine(cause)),
        "listing",
        listing);
  }

  private static PipelineException environment(Throwable cause, String format, Object... args) {
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

  /** Attaches {@code keysAndValues} (key, value, key, value...) as the exception's context. */
  private static PipelineException context(PipelineException e, Object... keysAndValues) {
    Map<String, Object> context = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      context.put((String) keysAndValues[i], keysAndValues[i + 1]);
    }
    e.context(context);
    return e;
  }

  /** Joins in the collection's own order: pass a sorted one. */
  private static String join(Collection<?> values) {
    return values.stream().map(String::valueOf).collect(Collectors.joining(", "));
  }
}
