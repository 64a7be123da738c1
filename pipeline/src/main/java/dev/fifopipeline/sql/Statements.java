package dev.fifopipeline.sql;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits SQL text into statements, the way the {@code sql} prompt and a script read it: a statement
 * ends at a {@code ;} outside a string ({@code '...'}, {@code "..."}), a quoted name ({@code
 * `...`}) and a comment ({@code -- ...}, {@code /* ... *}{@code /}); a line that starts with a
 * backslash where a statement would start is a prompt command ({@code \d}) and ends with its line.
 * Plain Java: no Spark.
 */
public final class Statements {
  private Statements() {}

  /**
   * The statements and prompt commands of {@code text}, in order, each without its {@code ;} and
   * trimmed; empty statements are left out. Text after the last {@code ;} counts as a statement, so
   * a script's last statement needs none.
   */
  public static List<String> split(String text) {
    List<String> statements = new ArrayList<>();
    int start = 0;
    while (start < text.length()) {
      int end = end(text, start);
      String statement = text.substring(start, Math.min(end, text.length())).strip();
      if (statement.endsWith(";")) {
        statement = statement.substring(0, statement.length() - 1).strip();
      }
      if (!statement.isEmpty()) {
        statements.add(statement);
      }
      start = end == text.length() ? end : end + 1;
    }
    return statements;
  }

  /**
   * Whether {@code text}, as typed at the prompt, is ready to run: every statement in it ended by a
   * {@code ;} outside strings and comments, or a prompt command (blank text too).
   */
  public static boolean complete(String text) {
    int from = 0;
    while (!text.substring(from).isBlank()) {
      int end = end(text, from);
      if (end == text.length()) {
        return isCommand(text.substring(from));
      }
      from = end + 1;
    }
    return true;
  }

  /** Whether {@code statement} is a prompt command ({@code \d}, {@code \q}, ...), not SQL. */
  public static boolean isCommand(String statement) {
    return statement.stripLeading().startsWith("\\");
  }

  /**
   * The index of the {@code ;} that ends the statement starting at {@code from}, the end of the
   * line of a prompt command, or {@code text.length()} when there is none.
   */
  private static int end(String text, int from) {
    int i = from;
    while (i < text.length() && Character.isWhitespace(text.charAt(i))) {
      i++;
    }
    if (i < text.length() && text.charAt(i) == '\\') {
      int newline = text.indexOf('\n', i);
      return newline < 0 ? text.length() : newline;
    }
    while (i < text.length()) {
      char c = text.charAt(i);
      if (c == ';') {
        return i;
      } else if (c == '\'' || c == '"' || c == '`') {
        i = closing(text, i, c);
      } else if (text.startsWith("--", i)) {
        int newline = text.indexOf('\n', i);
        i = newline < 0 ? text.length() : newline;
      } else if (text.startsWith("/*", i)) {
        int close = text.indexOf("*/", i + 2);
        i = close < 0 ? text.length() : close + 1;
      }
      i++;
    }
    return text.length();
  }

  /** The index of the quote closing the one at {@code open} (backslash escapes inside strings). */
  private static int closing(String text, int open, char quote) {
    for (int i = open + 1; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '\\' && quote != '`') {
        i++;
      } else if (c == quote) {
        return i;
      }
    }
    return text.length();
  }
}
