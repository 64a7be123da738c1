-- Databricks notebook source
-- MAGIC %md
-- MAGIC # Win rate
-- MAGIC
-- MAGIC A sell is a **win** when its total pnl over its matched allocations is above zero, a **loss**
-- MAGIC below zero, **breakeven** at zero. A sell with an unmatched rest (no buy lot for part of it) is
-- MAGIC counted apart in `unmatched_sells`, never as a win or a loss. `win_rate = wins / matched_sells`,
-- MAGIC `expectancy = realized pnl of the matched sells / matched_sells`, `profit_factor = gross_profit /
-- MAGIC gross_loss`. Losses (`gross_loss`, `average_loss`, `largest_loss`) are magnitudes. Rows with
-- MAGIC `symbol = 'ALL'` are the totals of an account and quote currency.

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Parameters
-- MAGIC Widgets bound as named parameter markers (`:name`): `schema`, the schema (database) the
-- MAGIC lake's tables are registered in, and `allocation_version`, the version to look at (run `fifo-pipeline report all --version N`
-- MAGIC first). On plain Spark (3.4+), run each statement with
-- MAGIC `spark.sql(statement, args={"schema": "fifo", "allocation_version": 1})` instead of the widget cell.
-- MAGIC
-- MAGIC The next cell registers the lake's Delta tables by name in that schema (`IF NOT EXISTS`: a
-- MAGIC no-op once they are). Edit `dbfs:/fifo-pipeline/lake` there to your `lake.path` (any path
-- MAGIC Spark reads: `dbfs:/...`, `/Volumes/<catalog>/<schema>/<volume>/...`, `s3://...`), or
-- MAGIC register them beforehand with the output of `fifo-pipeline register-tables --database fifo`.
-- MAGIC A table's location cannot be a parameter: Spark takes no parameter marker there.

-- COMMAND ----------

CREATE WIDGET TEXT schema DEFAULT 'fifo';
CREATE WIDGET TEXT allocation_version DEFAULT '1';

-- COMMAND ----------

CREATE SCHEMA IF NOT EXISTS IDENTIFIER(:schema);
USE IDENTIFIER(:schema);
CREATE TABLE IF NOT EXISTS win_rate USING DELTA LOCATION 'dbfs:/fifo-pipeline/lake/win_rate';
CREATE TABLE IF NOT EXISTS fifo_allocations USING DELTA LOCATION 'dbfs:/fifo-pipeline/lake/fifo_allocations';

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Overall

-- COMMAND ----------

SELECT account,
       quote,
       sells,
       matched_sells,
       wins,
       losses,
       breakeven,
       unmatched_sells,
       round(win_rate * 100, 1) AS win_rate_pct,
       round(profit_factor, 2) AS profit_factor,
       round(expectancy, 2) AS expectancy,
       round(average_win, 2) AS average_win,
       round(average_loss, 2) AS average_loss,
       round(largest_win, 2) AS largest_win,
       round(largest_loss, 2) AS largest_loss,
       round(realized_pnl, 2) AS realized_pnl
FROM win_rate
WHERE allocation_version = :allocation_version AND symbol = 'ALL'
ORDER BY account, quote;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## By symbol, best win rate first

-- COMMAND ----------

SELECT account,
       symbol,
       matched_sells,
       wins,
       losses,
       round(win_rate * 100, 1) AS win_rate_pct,
       round(profit_factor, 2) AS profit_factor,
       round(expectancy, 2) AS expectancy,
       round(realized_pnl, 2) AS realized_pnl
FROM win_rate
WHERE allocation_version = :allocation_version AND symbol <> 'ALL'
ORDER BY win_rate DESC NULLS LAST, matched_sells DESC, symbol;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## Each sell's outcome
-- MAGIC Straight from `fifo_allocations`: one row per sell, its pnl summed over its lots.

-- COMMAND ----------

CREATE OR REPLACE TEMPORARY VIEW sell_outcomes AS
SELECT allocation_version,
       account,
       symbol,
       sell_order_id,
       min(sell_time) AS sell_time,
       sum(allocated_size) AS size,
       count(buy_order_id) AS lots,
       sum(pnl) AS pnl,
       CASE
         WHEN count_if(buy_order_id IS NULL) > 0 THEN 'unmatched'
         WHEN coalesce(sum(pnl), 0) > 0 THEN 'win'
         WHEN coalesce(sum(pnl), 0) < 0 THEN 'loss'
         ELSE 'breakeven'
       END AS outcome
FROM fifo_allocations
GROUP BY allocation_version, account, symbol, sell_order_id;

-- COMMAND ----------

SELECT outcome, count(*) AS sells, round(sum(pnl), 2) AS pnl
FROM sell_outcomes
WHERE allocation_version = :allocation_version
GROUP BY outcome
ORDER BY outcome;

-- COMMAND ----------

-- MAGIC %md
-- MAGIC ## The ten best and worst sells

-- COMMAND ----------

(SELECT 'best' AS kind, symbol, sell_order_id, sell_time, size, round(pnl, 2) AS pnl
 FROM sell_outcomes
 WHERE allocation_version = :allocation_version AND outcome = 'win'
 ORDER BY pnl DESC, sell_order_id LIMIT 10)
UNION ALL
(SELECT 'worst' AS kind, symbol, sell_order_id, sell_time, size, round(pnl, 2) AS pnl
 FROM sell_outcomes
 WHERE allocation_version = :allocation_version AND outcome = 'loss'
 ORDER BY pnl, sell_order_id LIMIT 10);
