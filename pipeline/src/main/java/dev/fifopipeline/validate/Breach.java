package dev.fifopipeline.validate;

/**
 * One breach of an invariant.
 *
 * @param invariant 1 to 6, as numbered in the contract
 * @param symbol the symbol, or null
 * @param orderId the sell or buy concerned, or null
 * @param message what is wrong, with the values involved
 */
public record Breach(int invariant, String symbol, String orderId, String message) {
  /** One line for the listing. */
  public String line() {
    return (symbol == null ? "" : symbol + " ") + (orderId == null ? "" : orderId + ": ") + message;
  }
}
