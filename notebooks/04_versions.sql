-- Databricks notebook source
-- MAGIC %md
-- MAGIC # Version differences
-- MAGIC
-- MAGIC Two allocation versions of the same ledger side by side (e.g. before and after a backfill, or
-- MAGIC fifo vs hifo), sell by sell and symbol by symbol, and one version against the legacy inline
-- MAGIC values the old bot wrote into `trade_records` (`pnl_usd`, `parent_id`, rounded to cents). The
-- MAGIC command `fifo-pipeline compare` writes the same comparisons as CSV files.

-- COMMAND ----------

-- MAGIC %md
-- MAGIC On plain Spark SQL run `SET lake_path=/path/to/lake; SET version_a=1; SET version_b=2;` instead
-- MAGIC of the widget cell.

-- COMMAND ----------

CREATE WIDGET TEXT lake_path DEFAULT '/dbfs/fifo-pipeline/lake';
CREATE WIDGET TEXT version_a DEFAULT '1';
CREATE WIDGET TEXT version_b DEFAULT '2';

-- COMMAND ----------

CREATE OR REPLACE TEMPORARY VIEW fifo_allocations AS SELECT * FROM delta.`${lake_path}/fifo_allocations`;
CREATE OR REPLACE TEMPORARY VIEW fifo_computation_log AS SELECT * FROM delta.`${lake_path}/fifo_computation_log`;
CREATE OR REPLACE TEMPORARY VIEW trade_records AS SELECT * FROM delta.`${lake_path}/trade_records`;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## The versions in the lake

-- COMMAND ----------

SELECT allocation_version,
       max_by(method, started_at) AS method,
       max(started_at) AS last_run,
       sum(allocations) AS allocations,
       sum(unmatched_sells) AS unmatched_sells,
       round(sum(total_pnl), 2) AS total_pnl
FROM (
  SELECT *, row_number() OVER (PARTITION BY allocation_version, account, symbol
                               ORDER BY started_at DESC) AS latest
  FROM fifo_computation_log
) WHERE latest = 1
GROUP BY allocation_version
ORDER BY allocation_version;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Sell by sell

-- COMMAND ----------

CREATE OR REPLACE TEMPORARY VIEW sells_by_version AS
SELECT allocation_version,
       account,
       symbol,
       sell_order_id,
       min(sell_time) AS sell_time,
       coalesce(sum(pnl), 0) AS pnl,
       concat_ws(' ', array_sort(collect_list(buy_order_id))) AS lots,
       coalesce(sum(CASE WHEN buy_order_id IS NULL THEN allocated_size END), 0) AS unmatched_size
FROM fifo_allocations
GROUP BY allocation_version, account, symbol, sell_order_id;

-- COMMAND ----------

CREATE OR REPLACE TEMPORARY VIEW v_allocation_discrepancies AS
SELECT coalesce(a.account, b.account) AS account,
       coalesce(a.symbol, b.symbol) AS symbol,
       coalesce(a.sell_order_id, b.sell_order_id) AS sell_order_id,
       coalesce(a.sell_time, b.sell_time) AS sell_time,
       a.pnl AS pnl_a,
       b.pnl AS pnl_b,
       a.lots AS lots_a,
       b.lots AS lots_b,
       CASE
         WHEN b.sell_order_id IS NULL THEN 'only_in_a'
         WHEN a.sell_order_id IS NULL THEN 'only_in_b'
         WHEN a.lots <> b.lots THEN 'different_lots'
         WHEN a.pnl <> b.pnl OR a.unmatched_size <> b.unmatched_size THEN 'different_pnl'
         ELSE 'same'
       END AS status
FROM (SELECT * FROM sells_by_version WHERE allocation_version = ${version_a}) a
FULL OUTER JOIN (SELECT * FROM sells_by_version WHERE allocation_version = ${version_b}) b
  ON a.sell_order_id = b.sell_order_id AND a.account <=> b.account;

-- COMMAND ----------

SELECT status, count(*) AS sells FROM v_allocation_discrepancies GROUP BY status ORDER BY status;

-- COMMAND ----------

SELECT symbol,
       sell_order_id,
       sell_time,
       round(pnl_a, 2) AS pnl_a,
       round(pnl_b, 2) AS pnl_b,
       round(coalesce(pnl_b, 0) - coalesce(pnl_a, 0), 2) AS difference,
       status
FROM v_allocation_discrepancies
WHERE status <> 'same'
ORDER BY abs(coalesce(pnl_b, 0) - coalesce(pnl_a, 0)) DESC, sell_order_id
LIMIT 20;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Symbol by symbol

-- COMMAND ----------

SELECT account, symbol, sells, differing_sells,
       round(total_a, 2) AS pnl_a, round(total_b, 2) AS pnl_b, round(difference, 2) AS difference
FROM (
  SELECT account,
         symbol,
         count(*) AS sells,
         count_if(status <> 'same') AS differing_sells,
         sum(pnl_a) AS total_a,
         sum(pnl_b) AS total_b,
         sum(coalesce(pnl_b, 0)) - sum(coalesce(pnl_a, 0)) AS difference
  FROM v_allocation_discrepancies
  GROUP BY account, symbol
)
ORDER BY abs(difference) DESC, symbol;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Version A against the legacy inline values
-- MAGIC `other_lot`: the old bot's parent buy is none of the lots FIFO gives the sell (the stale
-- MAGIC "zombie" parent of the PnL bug); `differs`: same lot, another amount; `agrees`: equal at cents.

-- COMMAND ----------

SELECT s.symbol,
       s.sell_order_id,
       s.sell_time,
       t.pnl_usd AS legacy_pnl,
       round(s.pnl, 2) AS pnl,
       round(s.pnl - t.pnl_usd, 2) AS difference,
       t.parent_id AS legacy_parent,
       s.lots,
       CASE
         WHEN s.unmatched_size > 0 THEN 'unmatched'
         WHEN round(s.pnl, 2) = t.pnl_usd THEN 'agrees'
         WHEN t.parent_id IS NOT NULL AND NOT array_contains(split(s.lots, ' '), t.parent_id)
           THEN 'other_lot'
         ELSE 'differs'
       END AS status
FROM sells_by_version s
JOIN trade_records t ON t.order_id = s.sell_order_id AND t.pnl_usd IS NOT NULL
WHERE s.allocation_version = ${version_a}
ORDER BY abs(s.pnl - t.pnl_usd) DESC, s.sell_order_id
LIMIT 20;
