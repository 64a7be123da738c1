package dev.fifopipeline.lake;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;

/**
 * The digests the lake records to tell later whether an input changed: a source's fingerprint, the
 * settings a ledger was read with, a prices file.
 */
public final class Digests {
  private Digests() {}

  /** The SHA-256 of {@code text}'s UTF-8 bytes as 64 lower-case hex digits; never null. */
  public static String sha256(String text) {
    try {
      byte[] hash =
          MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(hash);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
