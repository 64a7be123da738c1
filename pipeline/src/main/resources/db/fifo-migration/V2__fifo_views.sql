-- The views the owner monitors (seed 002), over the published tables.

-- Per version: how many allocations, how many matched, unmatched sells, realized pnl.
CREATE VIEW v_allocation_health AS
SELECT allocation_version,
       max(method)                                         AS method,
       count(*)                                            AS total_allocations,
       count(buy_order_id)                                 AS matched_allocations,
       count(*) FILTER (WHERE buy_order_id IS NULL)        AS unmatched_sells,
       count(DISTINCT symbol)                              AS symbols,
       sum(pnl)                                            AS total_pnl,
       max(computed_at)                                    AS last_computed_at
FROM fifo_allocations
GROUP BY allocation_version;

-- Sells (or their rest) that no open buy lot covered: a missing buy to find and backfill.
CREATE VIEW v_unmatched_sells AS
SELECT allocation_version, account, symbol, sell_order_id, sell_time,
       allocated_size AS unmatched_size, sell_price, sell_fee_share, proceeds, batch_id, computed_at
FROM fifo_allocations
WHERE buy_order_id IS NULL;

-- Realized pnl per version and symbol, from matched allocations; unmatched rests counted apart.
CREATE VIEW v_pnl_by_symbol AS
SELECT allocation_version, account, symbol,
       count(DISTINCT sell_order_id)                                   AS sells,
       count(*) FILTER (WHERE buy_order_id IS NOT NULL)                AS matched_allocations,
       count(*) FILTER (WHERE buy_order_id IS NULL)                    AS unmatched_sells,
       sum(allocated_size) FILTER (WHERE buy_order_id IS NOT NULL)     AS matched_size,
       sum(proceeds) FILTER (WHERE buy_order_id IS NOT NULL)           AS proceeds,
       sum(cost_basis)                                                 AS cost_basis,
       sum(buy_fee_share) + sum(sell_fee_share) FILTER (WHERE buy_order_id IS NOT NULL) AS fees,
       sum(pnl)                                                        AS realized_pnl
FROM fifo_allocations
GROUP BY allocation_version, account, symbol;

-- Per sell present in two versions: where its pnl or the buys it was matched to differ
-- (before and after a backfill, fifo against hifo, ...).
CREATE VIEW v_allocation_discrepancies AS
WITH per_sell AS (
  SELECT allocation_version, account, symbol, sell_order_id,
         sum(pnl)                                                     AS pnl,
         coalesce(sum(allocated_size) FILTER (WHERE buy_order_id IS NULL), 0) AS unmatched_size,
         string_agg(buy_order_id, ',' ORDER BY buy_order_id)          AS buy_order_ids
  FROM fifo_allocations
  GROUP BY allocation_version, account, symbol, sell_order_id)
SELECT a.allocation_version AS version_a,
       b.allocation_version AS version_b,
       a.account, a.symbol, a.sell_order_id,
       a.pnl                AS pnl_a,
       b.pnl                AS pnl_b,
       b.pnl - a.pnl        AS pnl_difference,
       a.buy_order_ids      AS buys_a,
       b.buy_order_ids      AS buys_b,
       a.unmatched_size     AS unmatched_size_a,
       b.unmatched_size     AS unmatched_size_b
FROM per_sell a
JOIN per_sell b ON b.sell_order_id = a.sell_order_id AND a.allocation_version < b.allocation_version
WHERE a.pnl IS DISTINCT FROM b.pnl
   OR a.buy_order_ids IS DISTINCT FROM b.buy_order_ids
   OR a.unmatched_size <> b.unmatched_size;
