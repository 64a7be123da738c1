package dev.fifopipeline.sample;

import java.math.BigDecimal;
import java.time.Instant;
import java.util.List;

/** The sample ledger's deliberate stories: the seeds' SAPIEN-USD case, a missing buy, bad rows. */
final class SampleStory {
  private SampleStory() {}

  /**
   * Seed 001: a September buy fully sold in September (through the exchange REST reconciliation,
   * which in the old bot left the buy looking open), then a December 3 buy that landed only after
   * the December sell. The old inline FIFO matched that sell to the September buy (-$14.91); the
   * right match is the December 3 buy (-$0.31).
   */
  static List<Row> sapien() {
    return List.of(
        row(
            "2bc16f9a",
            "buy",
            "2025-09-10T04:46:00Z",
            "0.2349",
            "188.9",
            "0.055469",
            "2025-09-10T04:46:03Z",
            "websocket"),
        row(
            "5e1f0c33",
            "sell",
            "2025-09-12T10:00:00Z",
            "0.2401",
            "188.9",
            "0.056696",
            "2025-09-12T10:20:00Z",
            "rest"),
        row(
            "244dfcaf",
            "buy",
            "2025-12-03T23:11:00Z",
            "0.17477",
            "188.9",
            "0.041268",
            "2025-12-04T09:00:00Z",
            "backfill"),
        row(
            "b92820e6",
            "sell",
            "2025-12-04T01:30:00Z",
            "0.17357",
            "188.9",
            "0.040985",
            "2025-12-04T01:30:04Z",
            "websocket"));
  }

  /** Drops the third buy of {@code symbol}: a buy the exchange filled but the ledger never got. */
  static void dropOneBuy(List<Row> rows, String symbol) {
    int seen = 0;
    for (int i = 0; i < rows.size(); i++) {
      Row row = rows.get(i);
      if (row.symbol.equals(symbol) && row.side.equals("buy") && ++seen == 3) {
        rows.remove(i);
        return;
      }
    }
  }

  /** Rows that break the ledger's rules, and one conflicting duplicate of an existing order. */
  static void addBadRows(List<Row> rows, Instant end) {
    Instant landed = end.minusSeconds(3600);
    Row model = rows.get(rows.size() / 2);
    rows.add(
        new Row(
            "bad-0001",
            "",
            "buy",
            "2025-11-30T12:00:00Z",
            new BigDecimal("1.5"),
            "10",
            BigDecimal.ZERO,
            landed,
            "websocket"));
    rows.add(
        new Row(
            "bad-0002",
            "ETH-USD",
            "buy",
            "2025-11-30T12:01:00Z",
            new BigDecimal("3100.25"),
            "-0.5",
            BigDecimal.ZERO,
            landed,
            "websocket"));
    rows.add(
        new Row(
            "bad-0003",
            "SOL-USD",
            "hold",
            "2025-11-30T12:02:00Z",
            new BigDecimal("140.1"),
            "2",
            BigDecimal.ZERO,
            landed,
            "websocket"));
    rows.add(
        new Row(
            "bad-0004",
            "BTC-USD",
            "sell",
            "30/11/2025 12:03",
            new BigDecimal("91000"),
            "0.001",
            BigDecimal.ZERO,
            landed,
            "websocket"));
    rows.add(
        new Row(
            model.orderId,
            model.symbol,
            model.side,
            model.orderTime,
            model.price,
            new BigDecimal(model.size).add(BigDecimal.ONE).toPlainString(),
            model.fees,
            model.ingestedAt.plusSeconds(60),
            "rest"));
  }

  private static Row row(
      String id,
      String side,
      String time,
      String price,
      String size,
      String fees,
      String landed,
      String source) {
    return new Row(
        id,
        "SAPIEN-USD",
        side,
        time,
        new BigDecimal(price),
        size,
        new BigDecimal(fees),
        Instant.parse(landed),
        source);
  }
}
