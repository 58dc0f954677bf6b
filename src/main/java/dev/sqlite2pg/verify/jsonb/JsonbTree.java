package dev.sqlite2pg.verify.jsonb;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A parsed jsonb document: scalars are already their output text, containers hold them in jsonb's
 * order, and {@link #write} prints the tree the way PostgreSQL's JsonbToCString does: {@code {"a":
 * 1, "bb": [true, null]}} with ", " and ": ", {@code {}} and {@code []} when empty.
 */
final class JsonbTree {

  private JsonbTree() {}

  /** An open array or object while reading. */
  interface Container {
    void add(Object value);
  }

  static final class Array implements Container {
    private final List<Object> items = new ArrayList<>();

    @Override
    public void add(Object value) {
      items.add(value);
    }
  }

  /** Members sorted by jsonb's key order; a repeated key replaces the earlier value. */
  static final class Obj implements Container {
    private final TreeMap<JsonbKey, Object> members = new TreeMap<>();
    private JsonbKey pending;

    void name(JsonbKey key) {
      pending = key;
    }

    @Override
    public void add(Object value) {
      members.put(pending, value);
    }
  }

  /** Iterative for the same reason as reading: deep documents must not overflow the stack. */
  static void write(Object root, StringBuilder out) {
    ArrayDeque<Cursor> stack = new ArrayDeque<>();
    Object value = root;
    while (value != null) {
      if (value instanceof String scalar) {
        out.append(scalar);
      } else if (value instanceof Array a) {
        out.append('[');
        stack.push(new Cursor(a.items.iterator(), ']'));
      } else {
        out.append('{');
        stack.push(new Cursor(((Obj) value).members.entrySet().iterator(), '}'));
      }
      value = null;
      while (value == null && !stack.isEmpty()) {
        Cursor c = stack.element();
        if (c.items.hasNext()) {
          value = c.next(out);
        } else {
          out.append(c.close);
          stack.pop();
        }
      }
    }
  }

  /** Where writing stands in one container. */
  private static final class Cursor {
    final Iterator<?> items;
    final char close;
    boolean first = true;

    Cursor(Iterator<?> items, char close) {
      this.items = items;
      this.close = close;
    }

    /** Writes the separator and, in an object, the key; returns the value to write next. */
    Object next(StringBuilder out) {
      if (!first) {
        out.append(", ");
      }
      first = false;
      Object item = items.next();
      if (item instanceof Map.Entry<?, ?> member) {
        out.append(((JsonbKey) member.getKey()).quoted()).append(": ");
        return member.getValue();
      }
      return item;
    }
  }
}
