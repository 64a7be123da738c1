package dev.fifopipeline.publish;

import static org.apache.spark.sql.functions.col;

import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.spark.sql.Column;

/**
 * Which of a version's rows a publish sends: those of the symbols whose latest batch in the lake
 * differs from the one published (or that are published but no longer in the lake), and every row
 * when nothing is published yet or every symbol changed.
 *
 * @param changed the symbols whose rows are replaced
 * @param full whether the whole version is replaced
 */
record PublishScope(Set<String> changed, boolean full) {

  /** (account, symbol) of a group; account may be null. */
  record Group(String account, String symbol) {}

  /**
   * @param published each group's published batch id
   * @param current each group's latest batch id in the lake
   */
  static PublishScope compare(Map<Group, String> published, Map<Group, String> current) {
    Set<String> changed = new TreeSet<>();
    current.forEach(
        (group, batch) -> {
          if (!batch.equals(published.get(group))) {
            changed.add(group.symbol());
          }
        });
    published.keySet().stream()
        .filter(group -> !current.containsKey(group))
        .forEach(group -> changed.add(group.symbol()));
    Set<String> all = new TreeSet<>();
    current.keySet().forEach(group -> all.add(group.symbol()));
    return new PublishScope(changed, published.isEmpty() || changed.containsAll(all));
  }

  /** The changed symbols, for a SQL array parameter. */
  String[] symbols() {
    return changed.toArray(String[]::new);
  }

  /** The lake rows of {@code version} to send. */
  Column rows(int version) {
    Column ofVersion = col("allocation_version").equalTo(version);
    return full ? ofVersion : ofVersion.and(col("symbol").isin((Object[]) symbols()));
  }
}
