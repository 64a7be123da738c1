package dev.fifopipeline.bench.harness;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Test;

class ScheduleSummaryTest {
  @Test
  void markdownGivesThePlainAndMaintainedRunsAndSumsTheTables() {
    ScheduleSummary summary =
        new ScheduleSummary(
            "with maintain",
            ScheduleStage.Runs.all(4),
            2,
            List.of(10.0, 20.0, 12.0, 30.0),
            List.of(1, 3),
            List.of(
                new ScheduleSummary.TableFigures("trade_records", 3, 5, 7, 9),
                new ScheduleSummary.TableFigures("allocations", 1, 2, 3, 4)));

    assertEquals(List.of(10.0, 12.0), summary.plain());
    assertEquals(List.of(20.0, 30.0), summary.maintainedSeconds());
    String md = summary.markdown();
    assertTrue(
        md.contains(
            "- 4 runs; nightlies that did not run maintain themselves: first hour median 11.0 s,"
                + " median 11.0 s, last hour median 11.0 s, max 12.0 s\n"),
        md);
    assertTrue(
        md.contains("- 2 runs with `nightly --maintain` (every 2): median 25.0 s, max 30.0 s"));
    assertTrue(md.contains("- every run's seconds: 10.0 20.0 12.0 30.0\n"), md);
    assertTrue(md.contains("| all | 4 | 7 | 10 | 13 |\n"), md);
  }

  @Test
  void aSittingThatResumesSaysWhichRunsItHolds() {
    ScheduleSummary summary =
        new ScheduleSummary(
            "without maintain",
            new ScheduleStage.Runs(201, 288, 288),
            0,
            List.of(40.0, 20.0),
            List.of(),
            List.of());

    String md = summary.markdown();
    assertTrue(
        md.contains(
            "- runs 201-288 of 288 (a sitting that resumed the lake of runs 1-200; its first run a"
                + " cold process); nightlies that did not run maintain themselves:"),
        md);
    assertTrue(md.contains("- every run's seconds from run 201: 40.0 20.0\n"), md);
  }
}
