package dev.fifopipeline.bench.peers;

import java.util.stream.Collectors;

/** Every statement {@link PostgresFifo} runs. */
final class PostgresSql {
  private PostgresSql() {}

  /** pg_input_is_valid, which checks a value without failing the statement, came with 16. */
  static final int MIN_SERVER_VERSION = 160000;

  static final String SERVER_VERSION = "SELECT current_setting('server_version_num')::int";

  /**
   * Offset-less times are UTC, as in the product; memory for the sorts and the temporary tables
   * (temp_buffers only takes effect before the session's first temporary table).
   */
  static final String[] SESSION = {
    "SET TIME ZONE 'UTC'", "SET work_mem = '256MB'", "SET temp_buffers = '1GB'"
  };

  /** A text column per header column, plus the row's position in the file. */
  static String createRaw(LedgerHeader header) {
    return "CREATE TEMP TABLE raw (rn bigint GENERATED ALWAYS AS IDENTITY, "
        + header.columns().stream().map(c -> identifier(c) + " text").collect(joining())
        + ")";
  }

  static String copyIn(LedgerHeader header) {
    return "COPY raw ("
        + header.columns().stream().map(PostgresSql::identifier).collect(joining())
        + ") FROM STDIN (FORMAT csv, HEADER true)";
  }

  /**
   * The valid trades, first row of each order_id in file order. A value is cast only once {@code
   * pg_input_is_valid} accepts it, so one bad field skips its row instead of failing the load;
   * amounts are rounded half-up to 18 decimals and must fit {@code DECIMAL(38,18)} (which also
   * keeps out NaN and Infinity). Times must look ISO-8601 before PostgreSQL's lenient parser sees
   * them.
   */
  static String trades(LedgerHeader header) {
    String fees =
        header.has("fees")
            ? "CASE WHEN coalesce(trim(fees), '') = '' THEN 0"
                + " WHEN pg_input_is_valid(fees, 'numeric') THEN round(fees::numeric, 18) END"
            : "0";
    return """
        CREATE TEMP TABLE trades AS
        SELECT DISTINCT ON (order_id) symbol, order_id, side_rank, order_time, price, size, fees
        FROM (
          SELECT rn, trim(order_id) COLLATE "C" AS order_id, trim(symbol) COLLATE "C" AS symbol,
                 CASE lower(trim(side)) WHEN 'buy' THEN 0 WHEN 'sell' THEN 1 END AS side_rank,
                 CASE WHEN order_time ~ '^\\s*\\d{4}-\\d\\d-\\d\\d'
                       AND pg_input_is_valid(order_time, 'timestamptz')
                      THEN order_time::timestamptz END AS order_time,
                 CASE WHEN pg_input_is_valid(price, 'numeric')
                      THEN round(price::numeric, 18) END AS price,
                 CASE WHEN pg_input_is_valid(size, 'numeric')
                      THEN round(size::numeric, 18) END AS size,
                 %s AS fees
          FROM raw) r
        WHERE order_id <> '' AND symbol <> '' AND side_rank IS NOT NULL
          AND order_time IS NOT NULL AND isfinite(order_time)
          AND price > 0 AND price < 1e20 AND size > 0 AND size < 1e20
          AND fees >= 0 AND fees < 1e20
        ORDER BY order_id, rn
        """
        .formatted(fees);
  }

  /**
   * Per symbol in processing order: cumulative buy and sell sizes through each trade, and the
   * oversell shift {@code u} (after the trade) and {@code u_prev} (before it), the running maximum
   * over the sells so far of (sells through that sell - buys before it), floored at 0. A buy covers
   * {@code (b_thru - size, b_thru]} of the symbol's bought units; a sell takes {@code (s_start,
   * s_end]} and leaves {@code unmatched} = the shift's growth. Without the shift ({@code
   * shiftOversells} false) this is the textbook formulation, wrong after an oversell.
   */
  static String sequence(boolean shiftOversells) {
    String deficit = "CASE WHEN side_rank = 1 THEN s_thru - b_thru END";
    String u = shiftOversells ? "greatest(0, max(%s) OVER (o ROWS UNBOUNDED PRECEDING))" : "0";
    String uPrev =
        shiftOversells
            ? "greatest(0, max(%s) OVER (o ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING))"
            : "0";
    return """
        CREATE TEMP TABLE seq AS
        SELECT symbol, order_id, side_rank, price, size, fees, b_thru,
               s_thru - size - u_prev AS s_start, s_thru - u AS s_end, u - u_prev AS unmatched
        FROM (
          SELECT x.*, %s::numeric AS u, %s::numeric AS u_prev
          FROM (
            SELECT t.*,
                   sum(CASE WHEN side_rank = 0 THEN size ELSE 0 END)
                     OVER (o ROWS UNBOUNDED PRECEDING) AS b_thru,
                   sum(CASE WHEN side_rank = 1 THEN size ELSE 0 END)
                     OVER (o ROWS UNBOUNDED PRECEDING) AS s_thru
            FROM trades t
            WINDOW o AS (PARTITION BY symbol ORDER BY order_time, side_rank, order_id COLLATE "C")
          ) x
          WINDOW o AS (PARTITION BY symbol ORDER BY order_time, side_rank, order_id COLLATE "C")
        ) y
        """
        .formatted(u.formatted(deficit), uPrev.formatted(deficit));
  }

  /**
   * The sweep: the ends of all buy ranges and of all non-empty sell ranges of a symbol, walked from
   * the top down once. The piece {@code (next lower end, pos]} lies in the buy and the sell with
   * the smallest end at or above {@code pos} (a running minimum); a piece of length 0 comes from a
   * buy and a sell ending at the same point.
   */
  static final String SWEEP =
      """
      CREATE TEMP TABLE seg AS
      SELECT symbol, pos, pos - coalesce(lead(pos) OVER d, 0) AS len,
             min(b_end) OVER d AS b_end, min(s_end) OVER d AS s_end
      FROM (
        SELECT symbol, b_thru AS pos, b_thru AS b_end, NULL::numeric AS s_end
        FROM seq WHERE side_rank = 0
        UNION ALL
        SELECT symbol, s_end, NULL, s_end FROM seq WHERE side_rank = 1 AND s_end > s_start
      ) ends
      WINDOW d AS (PARTITION BY symbol ORDER BY pos DESC)
      """;

  /**
   * The pieces with their buy and sell, plus the unmatched rests, with exact fee shares and pnl:
   * each share is pro rata by size, rounded half-up at 18 decimals with div() on the scaled value
   * (numeric division would round to about 16 significant digits first); the last allocation of a
   * sell (its unmatched rest, if any) and of a fully consumed buy (the piece ending at the buy's
   * end) take the remainder. cost basis = round(buy price x size, 18) + buy share, proceeds =
   * round(sell price x size, 18) - sell share.
   */
  static final String ALLOCATIONS =
      """
      CREATE TEMP TABLE alloc AS
      WITH pieces AS (
        SELECT s.order_id AS sell_id, b.order_id AS buy_id, g.len AS size,
               s.price AS s_price, s.size AS s_size, s.fees AS s_fees,
               b.price AS b_price, b.size AS b_size, b.fees AS b_fees,
               g.pos = b.b_thru AS last_of_buy, g.pos = s.s_end AND s.unmatched = 0 AS last_of_sell
        FROM seg g
        JOIN seq b ON b.side_rank = 0 AND b.symbol = g.symbol AND b.b_thru = g.b_end
        JOIN seq s ON s.side_rank = 1 AND s.symbol = g.symbol AND s.s_end = g.s_end
                  AND s.s_end > s.s_start
        WHERE g.len > 0
        UNION ALL
        SELECT order_id, NULL, unmatched, price, size, fees, NULL, NULL, NULL, false, true
        FROM seq WHERE side_rank = 1 AND unmatched > 0
      ), shares AS (
        SELECT *,
               div(2 * s_fees * size * 1e18 + s_size, 2 * s_size) * 1e-18 AS s_pro_rata,
               div(2 * b_fees * size * 1e18 + b_size, 2 * b_size) * 1e-18 AS b_pro_rata
        FROM pieces
      )
      SELECT sell_id AS sell_order_id, buy_id AS buy_order_id, size AS allocated_size,
             round(s_price * size, 18)
               - CASE WHEN last_of_sell
                      THEN s_fees - (sum(s_pro_rata) OVER (PARTITION BY sell_id) - s_pro_rata)
                      ELSE s_pro_rata END
               - round(b_price * size, 18)
               - CASE WHEN last_of_buy
                      THEN b_fees - (sum(b_pro_rata) OVER (PARTITION BY buy_id) - b_pro_rata)
                      ELSE b_pro_rata END AS pnl
      FROM shares
      """;

  static final String COUNT_TRADES = "SELECT count(*) FROM trades";
  static final String COUNT_ALLOCATIONS = "SELECT count(*) FROM alloc";

  static final String COPY_OUT =
      "COPY (SELECT sell_order_id, buy_order_id, allocated_size, pnl FROM alloc)"
          + " TO STDOUT (FORMAT csv, HEADER true)";

  /** {@code name} as a quoted SQL identifier. */
  static String identifier(String name) {
    return '"' + name.replace("\"", "\"\"") + '"';
  }

  private static java.util.stream.Collector<CharSequence, ?, String> joining() {
    return Collectors.joining(", ");
  }
}
