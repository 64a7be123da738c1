package dev.fifopipeline.sql;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

@Tag("unit")
class StatementsTest {
  @Test
  void semicolonsEndStatementsOutsideStringsNamesAndComments() {
    assertEquals(
        List.of(
            "SELECT 'a;b', \"c;d\", `e;f` FROM t",
            "SELECT 1 -- not; the end\n+ 1",
            "SELECT /* ; */ 2",
            "SELECT 'it''s; here', 'back\\'slash;'",
            "SELECT 3"),
        Statements.split(
            "SELECT 'a;b', \"c;d\", `e;f` FROM t;\n"
                + "SELECT 1 -- not; the end\n+ 1;"
                + " SELECT /* ; */ 2 ;;\n"
                + "SELECT 'it''s; here', 'back\\'slash;';\n"
                + "SELECT 3"));
  }

  @Test
  void aBackslashCommandEndsWithItsLine() {
    assertEquals(
        List.of("\\d", "SELECT\n 1", "\\d trade_records", "\\q"),
        Statements.split("\\d\nSELECT\n 1;\n  \\d trade_records\n\\q;\n"));
    assertTrue(Statements.isCommand("  \\d"));
    assertFalse(Statements.isCommand("SELECT '\\d'"));
  }

  @Test
  void aStatementIsCompleteOnceASemicolonEndsIt() {
    assertTrue(Statements.complete(""));
    assertTrue(Statements.complete("   "));
    assertTrue(Statements.complete("\\d"));
    assertTrue(Statements.complete("SELECT 1;"));
    assertTrue(Statements.complete("SELECT 1\n FROM t ;  \n"));
    assertTrue(Statements.complete("SELECT 1; SELECT 2;"));
    assertFalse(Statements.complete("SELECT 1"));
    assertFalse(Statements.complete("SELECT 1; SELECT 2"));
    assertFalse(Statements.complete("SELECT ';"));
    assertFalse(Statements.complete("SELECT 1 -- ;"));
    assertFalse(Statements.complete("SELECT /* ; */ 1"));
  }
}
