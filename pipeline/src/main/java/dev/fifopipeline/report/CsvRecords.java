package dev.fifopipeline.report;

import dev.fifopipeline.output.CsvFiles;
import java.io.IOException;
import java.io.Reader;
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

  private final Reader in;
  private final char[] buffer = new char[1 << 16];
  private int position;
  private int limit;
  private Record next;

  /** Records of {@code in}, which the caller closes. */
  CsvRecords(Reader in) {
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

  /**
   * The next record: a line, joined with the lines after it while a quoted field is open. Most
   * lines hold no quote and split at their commas.
   */
  private Record read() {
    String line = line();
    if (line == null) {
      return null;
    }
    if (line.indexOf('"') < 0) {
      return new Record(line, List.of(line.split(",", -1)));
    }
    StringBuilder text = new StringBuilder(line);
    String more;
    while (quotes(text) % 2 == 1 && (more = line()) != null) {
      text.append('\n').append(more);
    }
    return new Record(text.toString(), fields(text));
  }

  private static long quotes(CharSequence text) {
    return text.chars().filter(c -> c == '"').count();
  }

  private static List<String> fields(CharSequence text) {
    List<String> fields = new ArrayList<>();
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"' && quoted && i + 1 < text.length() && text.charAt(i + 1) == '"') {
        field.append('"');
        i++;
      } else if (c == '"') {
        quoted = !quoted;
      } else if (c == ',' && !quoted) {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields;
  }

  /** The text up to the next {@code \n} (only that ends a line: a {@code \r} is data), or null. */
  private String line() {
    try {
      StringBuilder spill = null;
      while (true) {
        if (position == limit) {
          limit = in.read(buffer, 0, buffer.length);
          position = 0;
          if (limit <= 0) {
            limit = 0;
            return spill == null ? null : spill.toString();
          }
        }
        int end = position;
        while (end < limit && buffer[end] != '\n') {
          end++;
        }
        if (end < limit) {
          String line =
              spill == null
                  ? new String(buffer, position, end - position)
                  : spill.append(buffer, position, end - position).toString();
          position = end + 1;
          return line;
        }
        if (spill == null) {
          spill = new StringBuilder();
        }
        spill.append(buffer, position, limit - position);
        position = limit;
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
