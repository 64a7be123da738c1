package dev.fifopipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.fifopipeline.error.ExitCode;
import dev.fifopipeline.error.PipelineException;
import dev.fifopipeline.output.CsvFiles;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How report files render values, and how mark prices are read. No Spark. */
@Tag("unit")
class CsvFilesTest {
  @TempDir Path folder;

  @Test
  void moneyIsRoundedHalfUpToCentsOnlyInFiles() {
    assertEquals("2.35", CsvFiles.format("gain", new BigDecimal("2.345")));
    assertEquals("-2.35", CsvFiles.format("gain", new BigDecimal("-2.345")));
    assertEquals("2.34", CsvFiles.format("proceeds", new BigDecimal("2.344999999999999999")));
    assertEquals("0.00", CsvFiles.format("realized_pnl", new BigDecimal("-0.004")));
    assertEquals("12.00", CsvFiles.format("cost_basis", new BigDecimal("12")));
    assertEquals("-0.31", CsvFiles.format("pnl", new BigDecimal("-0.308933000000000000")));
  }

  @Test
  void ratiosKeepFourPlacesAndQuantitiesStayExact() {
    assertEquals("0.6667", CsvFiles.format("win_rate", new BigDecimal("0.666666666666666667")));
    assertEquals("188.9", CsvFiles.format("size", new BigDecimal("188.900000000000000000")));
    assertEquals(
        "0.00029754", CsvFiles.format("mark_price", new BigDecimal("0.000297540000000000")));
    assertEquals("2025-12-31", CsvFiles.format("date_sold", LocalDate.parse("2025-12-31")));
    assertEquals(
        "2025-12-04T01:30:00Z",
        CsvFiles.format("sell_time", Instant.parse("2025-12-04T01:30:00Z")));
    assertEquals("", CsvFiles.format("gain", null));
  }

  @Test
  void pricesAreReadByHeaderWithSymbolsNormalised() throws IOException {
    Path file =
        Files.writeString(
            folder.resolve("prices.csv"), "as_of,Price,symbol\nx,97000.5,btc/usd\n\n");
    assertEquals(
        new BigDecimal("97000.500000000000000000"), Prices.read(file).bySymbol().get("BTC-USD"));
  }

  @Test
  void badPricesFilesAreUsageErrorsNamingTheLine() throws IOException {
    Path file = Files.writeString(folder.resolve("prices.csv"), "symbol,price\nBTC-USD,-1\n");
    PipelineException bad = assertThrows(PipelineException.class, () -> Prices.read(file));
    assertEquals(ExitCode.USAGE, bad.exitCode());
    assertTrue(bad.getMessage().startsWith("Cannot read --prices "), bad.getMessage());
    assertTrue(bad.getMessage().contains("line 2: price -1 is not above zero"), bad.getMessage());

    Path noColumn = Files.writeString(folder.resolve("p2.csv"), "symbol,last\nBTC-USD,1\n");
    assertTrue(
        assertThrows(PipelineException.class, () -> Prices.read(noColumn))
            .getMessage()
            .contains("the header has no price column"));
    assertEquals(
        ExitCode.USAGE,
        assertThrows(PipelineException.class, () -> Prices.read(folder.resolve("missing.csv")))
            .exitCode());
  }
}
