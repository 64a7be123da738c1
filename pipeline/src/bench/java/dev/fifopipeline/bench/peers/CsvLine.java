package dev.fifopipeline.bench.peers;

import java.util.ArrayList;
import java.util.List;

/** Splitting and writing single CSV lines (RFC 4180 quoting; no line breaks inside fields). */
final class CsvLine {
  private CsvLine() {}

  /** The fields of {@code line}. */
  static List<String> split(String line) {
    List<String> fields = new ArrayList<>();
    if (line.indexOf('"') < 0) {
      int from = 0;
      for (int comma = line.indexOf(','); comma >= 0; comma = line.indexOf(',', from)) {
        fields.add(line.substring(from, comma));
        from = comma + 1;
      }
      fields.add(line.substring(from));
      return fields;
    }
    StringBuilder field = new StringBuilder();
    boolean quoted = false;
    for (int i = 0; i < line.length(); i++) {
      char c = line.charAt(i);
      if (quoted) {
        if (c == '"' && i + 1 < line.length() && line.charAt(i + 1) == '"') {
          field.append('"');
          i++;
        } else if (c == '"') {
          quoted = false;
        } else {
          field.append(c);
        }
      } else if (c == '"') {
        quoted = true;
      } else if (c == ',') {
        fields.add(field.toString());
        field.setLength(0);
      } else {
        field.append(c);
      }
    }
    fields.add(field.toString());
    return fields;
  }

  /**
   * Splits {@code line} into {@code fields} when it has exactly {@code fields.length} fields;
   * returns false (fields unspecified) otherwise. No allocation beyond the field strings for lines
   * without quotes.
   */
  static boolean splitExactly(String line, String[] fields) {
    if (line.indexOf('"') >= 0) {
      List<String> all = split(line);
      if (all.size() != fields.length) {
        return false;
      }
      all.toArray(fields);
      return true;
    }
    int from = 0;
    for (int i = 0; i < fields.length - 1; i++) {
      int comma = line.indexOf(',', from);
      if (comma < 0) {
        return false;
      }
      fields[i] = line.substring(from, comma);
      from = comma + 1;
    }
    if (line.indexOf(',', from) >= 0) {
      return false;
    }
    fields[fields.length - 1] = line.substring(from);
    return true;
  }

  /** {@code value} as a CSV field: quoted when it holds a comma, quote or line break. */
  static String field(String value) {
    if (value.indexOf(',') < 0
        && value.indexOf('"') < 0
        && value.indexOf('\n') < 0
        && value.indexOf('\r') < 0) {
      return value;
    }
    return '"' + value.replace("\"", "\"\"") + '"';
  }
}
