package dev.fifopipeline.sample;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The old bot's inline FIFO, reproduced for the sample's legacy columns: each sell was matched when
 * it landed, against the buys that had landed by then, and a sell recorded through REST
 * reconciliation never decremented its buys (the "zombie" remaining_size of seed 003). It is
 * deliberately wrong; {@code compare --legacy} shows by how much.
 */
final class LegacyInlineFifo {
  private LegacyInlineFifo() {}

  /** Fills pnl_usd, cost_basis_usd and parent_id of sells and remaining_size of buys. */
  static void fill(List<Row> rowsInLandingOrder) {
    Map<String, List<Lot>> open = new HashMap<>();
    Set<String> seen = new HashSet<>();
    List<Lot> lots = new ArrayList<>();
    for (Row row : rowsInLandingOrder) {
      if (!valid(row) || !seen.add(row.orderId)) {
        continue;
      }
      List<Lot> book = open.computeIfAbsent(row.symbol, s -> new ArrayList<>());
      BigDecimal size = new BigDecimal(row.size);
      if (row.side.equals("buy")) {
        Lot lot = new Lot(row, size);
        book.add(lot);
        book.sort((a, b) -> a.row.orderTime.compareTo(b.row.orderTime));
        lots.add(lot);
        continue;
      }
      BigDecimal need = size;
      BigDecimal cost = BigDecimal.ZERO;
      String parent = null;
      for (Lot lot : book) {
        if (need.signum() == 0) {
          break;
        }
        if (lot.remaining.signum() == 0) {
          continue;
        }
        BigDecimal q = need.min(lot.remaining);
        parent = parent == null ? lot.row.orderId : parent;
        cost = cost.add(q.multiply(lot.row.price));
        need = need.subtract(q);
        if (!row.source.equals("rest")) {
          lot.remaining = lot.remaining.subtract(q);
        }
      }
      BigDecimal proceeds = size.multiply(row.price).subtract(row.fees);
      row.parentId = parent == null ? "" : parent;
      row.costBasisUsd = cost.setScale(2, RoundingMode.HALF_UP).toPlainString();
      row.pnlUsd = proceeds.subtract(cost).setScale(2, RoundingMode.HALF_UP).toPlainString();
    }
    for (Lot lot : lots) {
      lot.row.remainingSize = lot.remaining.toPlainString();
    }
    // seed 001's figures for the SAPIEN-USD sell, as the old bot recorded them
    for (Row row : rowsInLandingOrder) {
      if (row.orderId.equals("b92820e6")) {
        row.parentId = "2bc16f9a";
        row.costBasisUsd = "47.70";
        row.pnlUsd = "-14.91";
      }
    }
  }

  private static boolean valid(Row row) {
    try {
      return !row.symbol.isBlank()
          && (row.side.equals("buy") || row.side.equals("sell"))
          && new BigDecimal(row.size).signum() > 0
          && row.orderTime.endsWith("Z");
    } catch (NumberFormatException e) {
      return false;
    }
  }

  private static final class Lot {
    final Row row;
    BigDecimal remaining;

    Lot(Row row, BigDecimal remaining) {
      this.row = row;
      this.remaining = remaining;
    }
  }
}
