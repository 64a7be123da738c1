package dev.fifopipeline.allocate;

import dev.fifopipeline.engine.InventoryLot;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;

/** An {@link InventoryLot} as a Spark row bean. */
public class LotRow implements Serializable {
  private static final long serialVersionUID = 1L;

  private String account;
  private String symbol;
  private String buyOrderId;
  private Instant buyTime;
  private BigDecimal remainingSize;
  private BigDecimal remainingCostBasis;
  private boolean dust;

  /** Converts the engine's lot. */
  public static LotRow from(InventoryLot lot) {
    LotRow row = new LotRow();
    row.account = lot.account();
    row.symbol = lot.symbol();
    row.buyOrderId = lot.buyOrderId();
    row.buyTime = lot.buyTime();
    row.remainingSize = lot.remainingSize();
    row.remainingCostBasis = lot.remainingCostBasis();
    row.dust = lot.dust();
    return row;
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

  public String getBuyOrderId() {
    return buyOrderId;
  }

  public void setBuyOrderId(String buyOrderId) {
    this.buyOrderId = buyOrderId;
  }

  public Instant getBuyTime() {
    return buyTime;
  }

  public void setBuyTime(Instant buyTime) {
    this.buyTime = buyTime;
  }

  public BigDecimal getRemainingSize() {
    return remainingSize;
  }

  public void setRemainingSize(BigDecimal remainingSize) {
    this.remainingSize = remainingSize;
  }

  public BigDecimal getRemainingCostBasis() {
    return remainingCostBasis;
  }

  public void setRemainingCostBasis(BigDecimal remainingCostBasis) {
    this.remainingCostBasis = remainingCostBasis;
  }

  public boolean isDust() {
    return dust;
  }

  public void setDust(boolean dust) {
    this.dust = dust;
  }
}
