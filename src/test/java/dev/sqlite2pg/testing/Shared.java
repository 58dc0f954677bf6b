package dev.sqlite2pg.testing;

/**
 * A connection-holding helper opened on first use and kept for a property class's tries: jqwik
 * has no per-class fixture, so the class keeps one of these in a static field and closes it
 * in an {@code @AfterContainer} method.
 */
public final class Shared<T extends AutoCloseable> {

  /** Opens the helper. */
  @FunctionalInterface
  public interface Opener<T> {
    T open() throws Exception;
  }

  private final Opener<T> opener;
  private T value;

  public Shared(Opener<T> opener) {
    this.opener = opener;
  }

  public synchronized T get() throws Exception {
    if (value == null) {
      value = opener.open();
    }
    return value;
  }

  public synchronized void close() throws Exception {
    if (value != null) {
      value.close();
      value = null;
    }
  }
}
