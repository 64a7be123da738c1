package dev.fifopipeline.allocate;

import java.io.Serializable;
import org.apache.spark.sql.Encoder;
import org.apache.spark.sql.Encoders;

/**
 * One output of matching a group: exactly one of an allocation, an inventory lot or the group's run
 * summary (always last).
 */
public class MatchRow implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Encoder with nested structs {@code allocation}, {@code lot} and {@code run}. */
  public static final Encoder<MatchRow> ENCODER = Encoders.bean(MatchRow.class);

  private AllocationRow allocation;
  private LotRow lot;
  private RunRow run;

  static MatchRow of(AllocationRow allocation) {
    MatchRow row = new MatchRow();
    row.allocation = allocation;
    return row;
  }

  static MatchRow of(LotRow lot) {
    MatchRow row = new MatchRow();
    row.lot = lot;
    return row;
  }

  static MatchRow of(RunRow run) {
    MatchRow row = new MatchRow();
    row.run = run;
    return row;
  }

  public AllocationRow getAllocation() {
    return allocation;
  }

  public void setAllocation(AllocationRow allocation) {
    this.allocation = allocation;
  }

  public LotRow getLot() {
    return lot;
  }

  public void setLot(LotRow lot) {
    this.lot = lot;
  }

  public RunRow getRun() {
    return run;
  }

  public void setRun(RunRow run) {
    this.run = run;
  }
}
