package dev.fifopipeline.allocate;

import dev.fifopipeline.engine.Allocation;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;

/** An {@link Allocation} as a Spark row bean. */
public class AllocationRow implements Serializable {
  private static final long serialVersionUID = 1L;

  private String account;
  private String symbol;
  private String sellOrderId;
  private String buyOrderId;
  private Instant sellTime;
  private Instant buyTime;
  private BigDecimal allocatedSize;
  private BigDecimal sellPrice;
  private BigDecimal buyPrice;
  private BigDecimal buyFeeShare;
  private BigDecimal sellFeeShare;
  private BigDecimal costBasis;
  private BigDecimal proceeds;
  private BigDecimal pnl;
  private Integer holdingDays;
  private String term;

  /** Converts the engine's allocation. */
  public static AllocationRow from(Allocation a) {
    AllocationRow row = new AllocationRow();
    row.account = a.account();
    row.symbol = a.symbol();
    row.sellOrderId = a.sellOrderId();
    row.buyOrderId = a.buyOrderId();
    row.sellTime = a.sellTime();
    row.buyTime = a.buyTime();
    row.allocatedSize = a.size();
    row.sellPrice = a.sellPrice();
    row.buyPrice = a.buyPrice();
    row.buyFeeShare = a.buyFeeShare();
    row.sellFeeShare = a.sellFeeShare();
    row.costBasis = a.costBasis();
    row.proceeds = a.proceeds();
    row.pnl = a.pnl();
    row.holdingDays = a.holdingDays();
    row.term = a.term() == null ? null : a.term().label();
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

  public String getSellOrderId() {
    return sellOrderId;
  }

  public void setSellOrderId(String sellOrderId) {
    this.sellOrderId = sellOrderId;
  }

  public String getBuyOrderId() {
    return buyOrderId;
  }

  public void setBuyOrderId(String buyOrderId) {
    this.buyOrderId = buyOrderId;
  }

  public Instant getSellTime() {
    return sellTime;
  }

  public void setSellTime(Instant sellTime) {
    this.sellTime = sellTime;
  }

  public Instant getBuyTime() {
    return buyTime;
  }

  public void setBuyTime(Instant buyTime) {
    this.buyTime = buyTime;
  }

  public BigDecimal getAllocatedSize() {
    return allocatedSize;
  }

  public void setAllocatedSize(BigDecimal allocatedSize) {
    this.allocatedSize = allocatedSize;
  }

  public BigDecimal getSellPrice() {
    return sellPrice;
  }

  public void setSellPrice(BigDecimal sellPrice) {
    this.sellPrice = sellPrice;
  }

  public BigDecimal getBuyPrice() {
    return buyPrice;
  }

  public void setBuyPrice(BigDecimal buyPrice) {
    this.buyPrice = buyPrice;
  }

  public BigDecimal getBuyFeeShare() {
    return buyFeeShare;
  }

  public void setBuyFeeShare(BigDecimal buyFeeShare) {
    this.buyFeeShare = buyFeeShare;
  }

  public BigDecimal getSellFeeShare() {
    return sellFeeShare;
  }

  public void setSellFeeShare(BigDecimal sellFeeShare) {
    this.sellFeeShare = sellFeeShare;
  }

  public BigDecimal getCostBasis() {
    return costBasis;
  }

  public void setCostBasis(BigDecimal costBasis) {
    this.costBasis = costBasis;
  }

  public BigDecimal getProceeds() {
    return proceeds;
  }

  public void setProceeds(BigDecimal proceeds) {
    this.proceeds = proceeds;
  }

  public BigDecimal getPnl() {
    return pnl;
  }

  public void setPnl(BigDecimal pnl) {
    this.pnl = pnl;
  }

  public Integer getHoldingDays() {
    return holdingDays;
  }

  public void setHoldingDays(Integer holdingDays) {
    this.holdingDays = holdingDays;
  }

  public String getTerm() {
    return term;
  }

  public void setTerm(String term) {
    this.term = term;
  }
}
