package dev.fifopipeline.allocate;

import dev.fifopipeline.engine.MatchSummary;
import java.io.Serializable;
import java.math.BigDecimal;
import java.time.Instant;

/** How matching one (account, symbol) went: counts, timing, and the error if it failed. */
public class RunRow implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Status of a symbol whose matching completed. */
  public static final String SUCCEEDED = "succeeded";

  /** Status of a symbol whose matching raised an error; its rows are not written. */
  public static final String FAILED = "failed";

  private String account;
  private String symbol;
  private Instant startedAt;
  private long durationMs;
  private long buys;
  private long sells;
  private long allocations;
  private long unmatchedSells;
  private BigDecimal totalPnl;
  private String status;
  private String error;

  static RunRow succeeded(
      String account, String symbol, Instant startedAt, long durationMs, MatchSummary s) {
    RunRow row = new RunRow();
    row.account = account;
    row.symbol = symbol;
    row.startedAt = startedAt;
    row.durationMs = durationMs;
    row.buys = s.buys();
    row.sells = s.sells();
    row.allocations = s.allocations();
    row.unmatchedSells = s.unmatchedSells();
    row.totalPnl = s.totalPnl();
    row.status = SUCCEEDED;
    return row;
  }

  static RunRow failed(
      String account, String symbol, Instant startedAt, long durationMs, RuntimeException error) {
    RunRow row = new RunRow();
    row.account = account;
    row.symbol = symbol;
    row.startedAt = startedAt;
    row.durationMs = durationMs;
    row.status = FAILED;
    row.error = error.getClass().getSimpleName() + ": " + error.getMessage();
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

  public Instant getStartedAt() {
    return startedAt;
  }

  public void setStartedAt(Instant startedAt) {
    this.startedAt = startedAt;
  }

  public long getDurationMs() {
    return durationMs;
  }

  public void setDurationMs(long durationMs) {
    this.durationMs = durationMs;
  }

  public long getBuys() {
    return buys;
  }

  public void setBuys(long buys) {
    this.buys = buys;
  }

  public long getSells() {
    return sells;
  }

  public void setSells(long sells) {
    this.sells = sells;
  }

  public long getAllocations() {
    return allocations;
  }

  public void setAllocations(long allocations) {
    this.allocations = allocations;
  }

  public long getUnmatchedSells() {
    return unmatchedSells;
  }

  public void setUnmatchedSells(long unmatchedSells) {
    this.unmatchedSells = unmatchedSells;
  }

  public BigDecimal getTotalPnl() {
    return totalPnl;
  }

  public void setTotalPnl(BigDecimal totalPnl) {
    this.totalPnl = totalPnl;
  }

  public String getStatus() {
    return status;
  }

  public void setStatus(String status) {
    this.status = status;
  }

  public String getError() {
    return error;
  }

  public void setError(String error) {
    this.error = error;
  }
}
