package dev.fifopipeline.report;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.NoSuchElementException;

/**
 * Reads back the records of a CSV file that {@link CsvFiles} wrote (RFC 4180: a field holding a
 * comma, a double quote or a line break is quoted, its quotes doubled; records end with {@code
 * \n}). Each record keeps its text exactly as read, so it can be written out again unchanged.
 */
final class CsvRecords implements Iterator<CsvRecords.Record> {
  /**
   * One record.
   *
   * @param text the record as the file holds it, without its ending line break
   * @param fields its fields, unquoted
   */
  record Record(String text, List<String> fields) {}

  private final BufferedReader in;
  private Record next;

  /** Records of {@code in}, which the caller closes. */
  CsvRecords(BufferedReader in) {
    this.in = in;
  }

  @Override
  public boolean hasNext() {
    if (next == null) {
      next = read();
    }
    return next != null;
  }

  @Override
  public Record next() {
    if (!hasNext()) {
      throw new NoSuchElementException();
    }
    Record record = next;
    next = null;
    return record;
  }

  private Record read() {
    try {
      int c = in.read();
      if (c < 0) {
        return null;
      }
      StringBuilder text = new StringBuilder();
      StringBuilder field = new StringBuilder();
      List<String> fields = new ArrayList<>();
      boolean quoted = false;
      while (c >= 0 && (quoted || c != '\n')) {
        text.append((char) c);
        if (c == '"') {
          if (quoted) {
            in.mark(1);
            int after = in.read();
            if (after == '"') {
              text.append('"');
              field.append('"');
            } else {
              quoted = false;
              if (after >= 0) {
                in.reset();
              }
            }
          } else {
            quoted = true;
          }
        } else if (c == ',' && !quoted) {
          fields.add(field.toString());
          field.setLength(0);
        } else {
          field.append((char) c);
        }
        c = in.read();
      }
      fields.add(field.toString());
      return new Record(text.toString(), fields);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
