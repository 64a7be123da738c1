package dev.fifopipeline.engine;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;

/** The open lots of one symbol, yielding the next lot to consume under a matching method. */
abstract class LotBook {
  private final MatchingMethod method;

  private LotBook(MatchingMethod method) {
    this.method = method;
  }

  static LotBook create(MatchingMethod method) {
    return switch (method) {
      case FIFO -> new DequeBook(method, true);
      case LIFO -> new DequeBook(method, false);
      case HIFO -> new HighestCostBook();
    };
  }

  /** The method this book orders its lots for. */
  final MatchingMethod method() {
    return method;
  }

  /** Adds a lot; lots arrive in processing order. */
  abstract void add(OpenLot lot);

  /** The lot a sell consumes next, or null when the book is empty. */
  abstract OpenLot peek();

  /** Removes the lot {@link #peek()} returned. */
  abstract void removePeeked();

  /** Removes and returns every lot left, in processing order. */
  abstract List<OpenLot> drainInProcessingOrder();

  /** FIFO takes from the head, LIFO from the tail; the deque stays in processing order. */
  private static final class DequeBook extends LotBook {
    private final ArrayDeque<OpenLot> lots = new ArrayDeque<>();
    private final boolean oldestFirst;

    DequeBook(MatchingMethod method, boolean oldestFirst) {
      super(method);
      this.oldestFirst = oldestFirst;
    }

    @Override
    void add(OpenLot lot) {
      lots.addLast(lot);
    }

    @Override
    OpenLot peek() {
      return oldestFirst ? lots.peekFirst() : lots.peekLast();
    }

    @Override
    void removePeeked() {
      if (oldestFirst) {
        lots.removeFirst();
      } else {
        lots.removeLast();
      }
    }

    @Override
    List<OpenLot> drainInProcessingOrder() {
      List<OpenLot> all = new ArrayList<>(lots);
      lots.clear();
      return all;
    }
  }

  /** HIFO: highest unit cost first, equal unit costs in processing order. */
  private static final class HighestCostBook extends LotBook {
    private static final Comparator<OpenLot> ORDER =
        ((Comparator<OpenLot>) (a, b) -> b.compareUnitCost(a))
            .thenComparingLong(lot -> lot.sequence);

    private final PriorityQueue<OpenLot> lots = new PriorityQueue<>(ORDER);

    HighestCostBook() {
      super(MatchingMethod.HIFO);
    }

    @Override
    void add(OpenLot lot) {
      lots.add(lot);
    }

    @Override
    OpenLot peek() {
      return lots.peek();
    }

    @Override
    void removePeeked() {
      lots.remove();
    }

    @Override
    List<OpenLot> drainInProcessingOrder() {
      List<OpenLot> all = new ArrayList<>(lots);
      lots.clear();
      all.sort(Comparator.comparingLong(lot -> lot.sequence));
      return all;
    }
  }
}
