package dev.fifopipeline.sample;

import java.math.BigDecimal;
import java.time.Instant;

/** One generated ledger row; text fields may be malformed on purpose (bad rows). */
final class Row {
  final String orderId;
  final String symbol;
  final String side;
  final String orderTime;
  final BigDecimal price;
  final String size;
  final BigDecimal fees;
  final Instant ingestedAt;
  final String source;
  String pnlUsd = "";
  String costBasisUsd = "";
  String parentId = "";
  String remainingSize = "";

  Row(
      String orderId,
      String symbol,
      String side,
      Instant orderTime,
      BigDecimal price,
      BigDecimal size,
      BigDecimal fees,
      Instant ingestedAt,
      String source) {
    this(
        orderId,
        symbol,
        side,
        orderTime.toString(),
        price,
        size.toPlainString(),
        fees,
        ingestedAt,
        source);
  }

  Row(
      String orderId,
      String symbol,
      String side,
      String orderTime,
      BigDecimal price,
      String size,
      BigDecimal fees,
      Instant ingestedAt,
      String source) {
    this.orderId = orderId;
    this.symbol = symbol;
    this.side = side;
    this.orderTime = orderTime;
    this.price = price;
    this.size = size;
    this.fees = fees;
    this.ingestedAt = ingestedAt;
    this.source = source;
  }

  String orderId() {
    return orderId;
  }

  Instant ingestedAt() {
    return ingestedAt;
  }

  String csv() {
    return String.join(
        ",",
        orderId,
        symbol,
        side,
        orderTime,
        price.toPlainString(),
        size,
        fees.toPlainString(),
        ingestedAt.toString(),
        source,
        pnlUsd,
        costBasisUsd,
        parentId,
        remainingSize);
  }
}
