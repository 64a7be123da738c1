package dev.fifopipeline.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;

import java.io.BufferedReader;
import java.io.StringReader;
import java.util.List;
import org.junit.jupiter.api.Tag;
import org.junit.jupiter.api.Test;

/** Records read back from a file CsvFiles wrote keep their text and give their fields unquoted. */
@Tag("unit")
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
  void aCarriageReturnIsDataAndOnlyALineFeedEndsARecord() {
    CsvRecords records = new CsvRecords(new BufferedReader(new StringReader("a\rb,c\nd\n")));
    assertEquals(List.of("a\rb", "c"), records.next().fields());
    assertEquals(List.of("d"), records.next().fields());
    assertFalse(records.hasNext());
  }

  @Test
  void textComparesAsItsUtf8Bytes() {
    String[] ordered = {"", "A", "AB", "B", "\u00e9", "\ud7ff", "\ue000", "\uffff", "\ud83d\ude00"};
    for (int i = 0; i < ordered.length; i++) {
      for (int j = 0; j < ordered.length; j++) {
        byte[] a = ordered[i].getBytes(java.nio.charset.StandardCharsets.UTF_8);
        byte[] b = ordered[j].getBytes(java.nio.charset.StandardCharsets.UTF_8);
        assertEquals(
            Integer.signum(java.util.Arrays.compareUnsigned(a, b)),
            Integer.signum(TaxLotsFiles.byUtf8(ordered[i], ordered[j])),
            ordered[i] + " vs " + ordered[j]);
      }
    }
  }

  @Test
  void aQuotedFieldAtTheEndOfTheFileEndsTheRecord() {
    CsvRecords records = new CsvRecords(new BufferedReader(new StringReader("1,\"a\"\"\"")));
    assertEquals(List.of("1", "a\""), records.next().fields());
    assertFalse(records.hasNext());
  }
}
