package dev.fifopipeline.validate;

import java.util.List;

/**
 * The Spark SQL of {@code validate}. Each check yields rows {@code (invariant, symbol, order_id,
 * message)}, one per breach, over these views: {@code fifo_v_log} (the version's log), {@code
 * fifo_v_trades} (the whole ledger), {@code fifo_v_alloc} and {@code fifo_v_inv} (the version's
 * rows), and the derived {@code fifo_v_scope}, {@code fifo_v_ledger} and {@code fifo_v_enriched}
 * below. Arithmetic goes through the exact fifo_* functions: Spark's own decimal operators drop
 * digits on DECIMAL(38,18).
 */
final class InvariantQueries {
  private InvariantQueries() {}

  /** The version's (account, symbol) groups with the status and rules of their latest run. */
  static final String SCOPE =
      """
      SELECT account, symbol,
             max_by(status, started_at) AS status,
             max_by(error, started_at) AS error,
             max_by(dust_threshold, started_at) AS dust,
             max_by(tax_timezone, started_at) AS zone
      FROM fifo_v_log
      GROUP BY account, symbol
      """;

  /** The trades of the groups whose latest run succeeded, with that run's dust and zone. */
  static final String LEDGER =
      """
      SELECT t.*, s.dust, s.zone
      FROM fifo_v_trades t
      JOIN fifo_v_scope s ON t.account <=> s.account AND t.symbol = s.symbol
      WHERE s.status = 'succeeded'
      """;

  /** Each allocation beside its sell and buy as the ledger has them, and what the rules expect. */
  static final String ENRICHED =
      """
      SELECT a.*,
             s.order_id AS s_id, s.side AS s_side, s.order_time AS s_time, s.price AS s_price,
             s.size AS s_size, s.fees AS s_fees, s.account AS s_account, s.symbol AS s_symbol,
             b.order_id AS b_id, b.side AS b_side, b.order_time AS b_time, b.price AS b_price,
             b.size AS b_size, b.fees AS b_fees, b.account AS b_account, b.symbol AS b_symbol,
             sc.zone,
             fifo_subtract(fifo_multiply(s.price, a.allocated_size), a.sell_fee_share) AS want_proceeds,
             fifo_add(fifo_multiply(b.price, a.allocated_size), a.buy_fee_share) AS want_cost,
             fifo_pro_rata(s.fees, a.allocated_size, s.size) AS want_sell_fee,
             fifo_pro_rata(b.fees, a.allocated_size, b.size) AS want_buy_fee,
             fifo_holding_days(b.order_time, s.order_time, sc.zone) AS want_days,
             fifo_term(b.order_time, s.order_time, sc.zone) AS want_term
      FROM fifo_v_alloc a
      LEFT JOIN fifo_v_trades s ON s.order_id = a.sell_order_id
      LEFT JOIN fifo_v_trades b ON b.order_id = a.buy_order_id
      LEFT JOIN fifo_v_scope sc ON a.account <=> sc.account AND a.symbol = sc.symbol
      """;

  static final String FAILED_SYMBOLS =
      """
      SELECT 1 AS invariant, symbol, CAST(NULL AS STRING) AS order_id,
             concat('the last run of this symbol failed, so its sells are not allocated: ', error)
               AS message
      FROM fifo_v_scope WHERE status <> 'succeeded'
      """;

  /** Invariants 3, 4 and 5 on each allocation row. */
  static final String PER_ALLOCATION =
      """
      WITH checked AS (
        SELECT symbol, sell_order_id, buy_order_id,
          CASE
            WHEN s_id IS NULL THEN 4
            WHEN buy_order_id IS NOT NULL AND b_id IS NULL THEN 4
            WHEN buy_order_id IS NOT NULL AND (b_time > s_time OR b_side <> 'buy' OR s_side <> 'sell'
                 OR NOT (b_account <=> s_account) OR b_symbol <> s_symbol) THEN 3
            ELSE 5 END AS invariant,
          concat_ws('; ',
            CASE WHEN s_id IS NULL THEN format_string('sell %s is not in the ledger', sell_order_id) END,
            CASE WHEN buy_order_id IS NOT NULL AND b_id IS NULL THEN
              format_string('buy %s is not in the ledger', buy_order_id) END,
            CASE WHEN b_time > s_time THEN
              format_string('the buy at %s comes after the sell at %s', CAST(b_time AS STRING), CAST(s_time AS STRING)) END,
            CASE WHEN b_side <> 'buy' OR s_side <> 'sell' THEN
              format_string('sides are %s <- %s', s_side, b_side) END,
            CASE WHEN b_id IS NOT NULL AND (NOT (b_account <=> s_account) OR b_symbol <> s_symbol) THEN
              'the buy is of another account or symbol' END,
            CASE WHEN s_id IS NOT NULL AND NOT (sell_price <=> s_price) THEN
              format_string('sell_price %s is not the ledger price %s', fifo_plain(sell_price), fifo_plain(s_price)) END,
            CASE WHEN s_id IS NOT NULL AND NOT (sell_time <=> s_time) THEN 'sell_time is not the ledger time' END,
            CASE WHEN NOT (sell_fee_share >= 0) THEN 'sell_fee_share is missing or negative' END,
            CASE WHEN s_id IS NOT NULL AND NOT (proceeds <=> want_proceeds) THEN
              format_string('proceeds %s, expected %s', fifo_plain(proceeds), fifo_plain(want_proceeds)) END,
            CASE WHEN buy_order_id IS NULL AND (buy_fee_share IS NOT NULL OR cost_basis IS NOT NULL
                   OR pnl IS NOT NULL OR holding_days IS NOT NULL OR term IS NOT NULL) THEN
              'the unmatched row carries buy-side values' END,
            CASE WHEN b_id IS NOT NULL AND NOT (buy_price <=> b_price) THEN
              format_string('buy_price %s is not the ledger price %s', fifo_plain(buy_price), fifo_plain(b_price)) END,
            CASE WHEN b_id IS NOT NULL AND NOT (buy_time <=> b_time) THEN 'buy_time is not the ledger time' END,
            CASE WHEN b_id IS NOT NULL AND NOT (buy_fee_share >= 0) THEN 'buy_fee_share is missing or negative' END,
            CASE WHEN b_id IS NOT NULL AND NOT (cost_basis <=> want_cost) THEN
              format_string('cost_basis %s, expected %s', fifo_plain(cost_basis), fifo_plain(want_cost)) END,
            CASE WHEN b_id IS NOT NULL AND NOT (pnl <=> fifo_subtract(proceeds, cost_basis)) THEN
              format_string('pnl %s, expected proceeds - cost_basis = %s', fifo_plain(pnl),
                fifo_plain(fifo_subtract(proceeds, cost_basis))) END,
            CASE WHEN b_id IS NOT NULL AND zone IS NOT NULL AND NOT (holding_days <=> want_days) THEN
              format_string('holding_days %s, expected %s in %s', holding_days, want_days, zone) END,
            CASE WHEN b_id IS NOT NULL AND zone IS NOT NULL AND NOT (term <=> want_term) THEN
              format_string('term %s, expected %s', term, want_term) END
          ) AS problems
        FROM fifo_v_enriched)
      SELECT invariant, symbol, sell_order_id AS order_id,
             format_string('allocation %s <- %s: %s', sell_order_id, coalesce(buy_order_id, '(unmatched)'),
               problems) AS message
      FROM checked WHERE problems <> ''
      UNION ALL
      SELECT 4, first(symbol), sell_order_id,
             format_string('allocation %s <- %s appears %d times', sell_order_id,
               coalesce(buy_order_id, '(unmatched)'), count(*))
      FROM fifo_v_alloc GROUP BY sell_order_id, buy_order_id HAVING count(*) > 1
      UNION ALL
      SELECT 4, i.symbol, i.buy_order_id,
             format_string('inventory names buy %s, which is not in the ledger', i.buy_order_id)
      FROM fifo_v_inv i LEFT ANTI JOIN fifo_v_trades t ON t.order_id = i.buy_order_id
      """;

  /** Invariant 1 (sizes) and 5 (fee shares) per sell. */
  static final String PER_SELL =
      """
      WITH a AS (
        SELECT sell_order_id, sum(allocated_size) AS allocated,
               count_if(buy_order_id IS NULL) AS unmatched,
               sum(sell_fee_share) AS shares,
               count_if(NOT (sell_fee_share <=> want_sell_fee)) AS off
        FROM fifo_v_enriched GROUP BY sell_order_id),
      s AS (
        SELECT l.symbol, l.order_id, l.size, l.fees, l.dust,
               coalesce(a.allocated, 0) AS allocated, a.unmatched, a.shares, a.off
        FROM fifo_v_ledger l LEFT JOIN a ON a.sell_order_id = l.order_id
        WHERE l.side = 'sell')
      SELECT 1 AS invariant, symbol, order_id,
             format_string('sell of %s has %s allocated (matched + unmatched): %s',
               fifo_plain(size), fifo_plain(allocated),
               CASE WHEN allocated > size THEN 'more than its size'
                    WHEN unmatched > 0 THEN 'its unmatched row leaves a rest'
                    ELSE concat('the rest ', fifo_plain(fifo_subtract(size, allocated)),
                                ' is not dust (threshold ', fifo_plain(dust), ')') END) AS message
      FROM s
      WHERE allocated > size
         OR (allocated < size AND (unmatched > 0 OR fifo_subtract(size, allocated) >= dust))
      UNION ALL
      SELECT 5, symbol, order_id,
             format_string('sell fee shares add up to %s of the fee %s; %d of them not pro rata',
               fifo_plain(shares), fifo_plain(fees), off)
      FROM s WHERE shares IS NOT NULL AND (shares <> fees OR off > 1)
      """;

  /** Invariant 2 (sizes) and 5 (fee shares, inventory cost) per buy. */
  static final String PER_BUY =
      """
      WITH m AS (
        SELECT buy_order_id, sum(allocated_size) AS allocated, sum(buy_fee_share) AS shares,
               count_if(NOT (buy_fee_share <=> want_buy_fee)) AS off
        FROM fifo_v_enriched WHERE buy_order_id IS NOT NULL GROUP BY buy_order_id),
      i AS (
        SELECT buy_order_id, sum(remaining_size) AS remaining, sum(remaining_cost_basis) AS cost,
               count(*) AS lots
        FROM fifo_v_inv GROUP BY buy_order_id),
      b AS (
        SELECT l.symbol, l.order_id, l.size, l.fees, l.price,
               coalesce(m.allocated, 0) AS allocated, coalesce(i.remaining, 0) AS remaining,
               m.shares, m.off, i.lots,
               fifo_subtract(i.cost, fifo_multiply(l.price, i.remaining)) AS fees_left
        FROM fifo_v_ledger l
        LEFT JOIN m ON m.buy_order_id = l.order_id
        LEFT JOIN i ON i.buy_order_id = l.order_id
        WHERE l.side = 'buy')
      SELECT 2 AS invariant, symbol, order_id,
             format_string('buy of %s: %s allocated + %s open or dust%s',
               fifo_plain(size), fifo_plain(allocated), fifo_plain(remaining),
               CASE WHEN lots > 1 THEN ' (in several inventory rows)' ELSE ' does not add up to it' END)
               AS message
      FROM b
      WHERE allocated > size OR fifo_add(allocated, remaining) <> size OR lots > 1
      UNION ALL
      SELECT 5, symbol, order_id,
             format_string('buy fee shares %s + fees left in inventory %s do not add up to the fee %s%s',
               fifo_plain(coalesce(shares, 0)), fifo_plain(coalesce(fees_left, 0)), fifo_plain(fees),
               CASE WHEN off > 1 THEN format_string(' (%d shares not pro rata)', off) ELSE '' END)
      FROM b
      WHERE (shares IS NOT NULL OR lots IS NOT NULL)
        AND (fifo_add(coalesce(shares, 0), coalesce(fees_left, 0)) <> fees OR off > 1)
      """;

  /** Checks of invariants 1 to 5. */
  static final List<String> CHECKS = List.of(FAILED_SYMBOLS, PER_ALLOCATION, PER_SELL, PER_BUY);
}
