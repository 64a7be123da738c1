package dev.fifopipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Records read back from a file CsvFiles wrote keep their text and give their fields unquoted. */
class CsvRecordsTest {
  @Test
  void quotedCommasQuotesAndLineBreaksStayInTheirField() {
    String file = "a,b,c\n1,\"x, \"\"y\"\"\",\"two\nlines\"\n,,last\n";
    CsvRecords records = new CsvRecords(new BufferedReader(new StringReader(file)));
    assertEquals(List.of("a", "b", "c"), records.next().fields());
    CsvRecords.Record quoted = records.next();
    assertEquals("1,\"x, \"\"y\"\"\",\"two\nlines\"", quoted.text());
    assertEquals(List.of("1", "x, \"y\"", "two\nlines"), quoted.fields());
    assertEquals(List.of("", "", "last"), records.next().fields());
    assertFalse(records.hasNext());
  }

  @Test
  void aQuotedFieldAtTheEndOfTheFileEndsTheRecord() {
    CsvRecords records = new CsvRecords(new BufferedReader(new StringReader("1,\"a\"\"\"")));
    assertEquals(List.of("1", "a\""), records.next().fields());
    assertFalse(records.hasNext());
  }
}
