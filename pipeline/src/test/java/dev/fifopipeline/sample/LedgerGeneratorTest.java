package dev.fifopipeline.sample;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The generator: the bundled sample is reproducible, and a sized ledger is what was asked for. */
@Tag("unit")
class LedgerGeneratorTest {
  @TempDir Path temp;

  @Test
  void theSampleIsTheBundledFileByteForByte() throws IOException {
    Path file = temp.resolve("sample.csv");
    new LedgerGenerator(GeneratorOptions.sample()).write(file);
    assertArrayEquals(
        Files.readAllBytes(Path.of("..", "data", "sample", "trade_records.csv")),
        Files.readAllBytes(file),
        "generate --sample must reproduce data/sample/trade_records.csv");
  }

  @Test
  void aSizedLedgerHasTheTradesAskedForAtRealisticPricesAndTimes() throws IOException {
    Instant start = Instant.parse("2024-01-01T00:00:00Z");
    Instant end = Instant.parse("2025-01-01T00:00:00Z");
    GeneratorOptions options =
        new GeneratorOptions(60_000, 6, 11L, start, end, 0.5, 0.02, 0.01, false);
    Path file = temp.resolve("ledger.csv");

    long written = new LedgerGenerator(options).write(file);

    List<String> lines = Files.readAllLines(file);
    assertEquals(written + 1, lines.size());
    assertTrue(Math.abs(written - 60_000) <= 6, "about 60,000 trades: " + written);
    Map<String, Integer> perSymbol = new HashMap<>();
    Map<String, BigDecimal[]> range = new HashMap<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] f = line.split(",", -1);
      perSymbol.merge(f[1], 1, Integer::sum);
      Instant time = Instant.parse(f[3]);
      assertTrue(!time.isBefore(start) && time.isBefore(end.plusSeconds(400L * 86400)), line);
      BigDecimal price = new BigDecimal(f[4]);
      assertTrue(new BigDecimal(f[5]).signum() > 0, "size > 0: " + line);
      assertTrue(price.scale() >= 2 && price.scale() <= 8, line);
      range.merge(
          f[1],
          new BigDecimal[] {price, price},
          (a, b) -> new BigDecimal[] {a[0].min(b[0]), a[1].max(b[1])});
    }
    assertEquals(30_000, perSymbol.get("BTC-USD"), "the hot symbol holds half");
    range.forEach(
        (symbol, r) ->
            assertTrue(
                r[1].divide(r[0], java.math.MathContext.DECIMAL64).doubleValue() < 20,
                symbol + " prices stay within a realistic band: " + r[0] + " .. " + r[1]));
  }

  @Test
  void theSameOptionsGiveTheSameFile() throws IOException {
    GeneratorOptions options =
        new GeneratorOptions(
            5_000,
            20,
            3L,
            Instant.parse("2024-01-01T00:00:00Z"),
            Instant.parse("2024-06-01T00:00:00Z"),
            0,
            0.05,
            0.01,
            false);
    Path a = temp.resolve("a.csv");
    Path b = temp.resolve("b.csv");
    new LedgerGenerator(options).write(a);
    new LedgerGenerator(options).write(b);
    assertArrayEquals(Files.readAllBytes(a), Files.readAllBytes(b));
  }
}
