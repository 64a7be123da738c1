package dev.fifopipeline.bench.harness;

import java.io.BufferedReader;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Whether a peer's allocations are the product's: the same multiset of (sell, buy, size) rows,
 * sizes compared as exact decimals, and the same total pnl (exact, or within {@code tolerance} for
 * a peer computing pnl in DOUBLE). Both files have the header {@code
 * sell_order_id,buy_order_id,allocated_size,pnl} first; ids are not quoted.
 *
 * <p>Rows are compared through an order-independent 64-bit fingerprint (sum and xor of a hash per
 * row), so files of any size take constant memory. When they differ and are small enough, a few
 * rows of each side that the other lacks are listed.
 *
 * @param peer the peer's name
 * @param productRows allocation rows of the product
 * @param peerRows allocation rows of the peer
 * @param sameRows whether the (sell, buy, size) multisets are equal
 * @param productPnl total pnl of the product's matched rows
 * @param peerPnl total pnl of the peer's matched rows
 * @param samePnl whether the totals agree (within the tolerance)
 * @param examples up to 5 rows only one side has, as {@code product only: ...}, when they differ
 */
record Agreement(
    String peer,
    long productRows,
    long peerRows,
    boolean sameRows,
    BigDecimal productPnl,
    BigDecimal peerPnl,
    boolean samePnl,
    List<String> examples) {
  private static final long DETAIL_LIMIT = 500_000;

  /** Whether the peer agrees with the product in full. */
  boolean agrees() {
    return sameRows && samePnl;
  }

  /** One line for the results file. */
  String describe() {
    String verdict = agrees() ? "agrees" : "DISAGREES";
    String rows =
        sameRows
            ? "same %,d (sell, buy, size) rows".formatted(peerRows)
            : "(sell, buy, size) rows differ: product %,d, %s %,d"
                .formatted(productRows, peer, peerRows);
    String pnl =
        samePnl
            ? "total pnl " + peerPnl.stripTrailingZeros().toPlainString()
            : "total pnl product %s vs %s %s"
                .formatted(productPnl.toPlainString(), peer, peerPnl.toPlainString());
    return verdict + ": " + rows + ", " + pnl + (examples.isEmpty() ? "" : "; e.g. " + examples);
  }

  static Agreement compare(String peer, Path product, Path peerFile, BigDecimal tolerance)
      throws IOException {
    Fingerprint a = Fingerprint.of(product);
    Fingerprint b = Fingerprint.of(peerFile);
    boolean sameRows = a.rows == b.rows && a.sum == b.sum && a.xor == b.xor;
    boolean samePnl = a.pnl.subtract(b.pnl).abs().compareTo(tolerance) <= 0;
    List<String> examples = new ArrayList<>();
    if (!sameRows && a.rows <= DETAIL_LIMIT && b.rows <= DETAIL_LIMIT) {
      List<String> left = keys(product);
      List<String> right = keys(peerFile);
      List<String> onlyLeft = new ArrayList<>(left);
      onlyLeft.removeAll(right);
      List<String> onlyRight = new ArrayList<>(right);
      onlyRight.removeAll(left);
      onlyLeft.stream().limit(3).forEach(k -> examples.add("product only " + k));
      onlyRight.stream().limit(2).forEach(k -> examples.add(peer + " only " + k));
    }
    return new Agreement(peer, a.rows, b.rows, sameRows, a.pnl, b.pnl, samePnl, examples);
  }

  /** {@code sell,buy,size} of a line, the size without trailing zeros. */
  private static String key(String[] f) {
    return f[0] + "," + f[1] + "," + new BigDecimal(f[2]).stripTrailingZeros().toPlainString();
  }

  private static List<String> keys(Path file) throws IOException {
    List<String> keys = new ArrayList<>();
    try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      in.readLine();
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        keys.add(key(line.split(",", -1)));
      }
    }
    keys.sort(null);
    return keys;
  }

  private static final class Fingerprint {
    long rows;
    long sum;
    long xor;
    BigDecimal pnl = BigDecimal.ZERO;

    static Fingerprint of(Path file) throws IOException {
      Fingerprint f = new Fingerprint();
      try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        in.readLine();
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          String[] fields = line.split(",", -1);
          long h = mix(fnv(key(fields)));
          f.rows++;
          f.sum += h;
          f.xor ^= h;
          if (!fields[3].isEmpty()) {
            f.pnl = f.pnl.add(new BigDecimal(fields[3]));
          }
        }
      }
      return f;
    }

    private static long fnv(String s) {
      long h = 0xcbf29ce484222325L;
      for (int i = 0; i < s.length(); i++) {
        h = (h ^ s.charAt(i)) * 0x100000001b3L;
      }
      return h;
    }

    /** splitmix64's finaliser, so that sums of hashes of similar rows do not collide. */
    private static long mix(long z) {
      z = (z ^ (z >>> 30)) * 0xbf58476d1ce4e5b9L;
      z = (z ^ (z >>> 27)) * 0x94d049bb133111ebL;
      return z ^ (z >>> 31);
    }
  }
}
