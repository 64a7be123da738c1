package dev.fifopipeline.allocate;

import dev.fifopipeline.engine.Side;
import dev.fifopipeline.engine.Trade;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;

/** A ledger trade as Spark carries it into the matcher; see {@link #toTrade()}. */
public class TradeRow implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Encoder over the columns orderId, account, symbol, side, orderTime, price, size, fees. */
  public static final Encoder<TradeRow> ENCODER = Encoders.bean(TradeRow.class);

  private String orderId;
  private String account;
  private String symbol;
  private String side;
  private Instant orderTime;
  private BigDecimal price;
  private BigDecimal size;
  private BigDecimal fees;

  /** The engine's trade. */
  public Trade toTrade() {
    return new Trade(orderId, account, symbol, Side.parse(side), orderTime, price, size, fees);
  }

  public String getOrderId() {
    return orderId;
  }

  public void setOrderId(String orderId) {
    this.orderId = orderId;
  }

  public String getAccount() {
    return account;
  }

  public void setAccount(String account) {
    this.account = account;
  }

  public String getSymbol() {
    return symbol;
  }

  public void setSymbol(String symbol) {
    this.symbol = symbol;
  }

  public String getSide() {
    return side;
  }

  public void setSide(String side) {
    this.side = side;
  }

  public Instant getOrderTime() {
    return orderTime;
  }

  public void setOrderTime(Instant orderTime) {
    this.orderTime = orderTime;
  }

  public BigDecimal getPrice() {
    return price;
  }

  public void setPrice(BigDecimal price) {
    this.price = price;
  }

  public BigDecimal getSize() {
    return size;
  }

  public void setSize(BigDecimal size) {
    this.size = size;
  }

  public BigDecimal getFees() {
    return fees;
  }

  public void setFees(BigDecimal fees) {
    this.fees = fees;
  }
}
