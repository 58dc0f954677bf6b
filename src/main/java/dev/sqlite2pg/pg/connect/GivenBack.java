package dev.sqlite2pg.pg.connect;

import java.lang.reflect.InvocationHandler;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Proxy;
import java.sql.Connection;
import java.sql.SQLException;
import java.util.function.Consumer;

/**
 * A handle on a connection that is lent, not owned: close() gives the connection back, once, and
 * the handle refuses work after it. Shared by the fleet's pool ({@link PooledConnector}) and a
 * file's kept session ({@link KeptConnector}).
 */
final class GivenBack implements InvocationHandler {

  private final Connection real;
  private final Consumer<Connection> giveBack;
  private boolean closed;

  private GivenBack(Connection real, Consumer<Connection> giveBack) {
    this.real = real;
    this.giveBack = giveBack;
  }

  /** {@code real} behind a handle whose close() hands it to {@code giveBack}. */
  static Connection lend(Connection real, Consumer<Connection> giveBack) {
    return (Connection)
        Proxy.newProxyInstance(
            Connection.class.getClassLoader(),
            new Class<?>[] {Connection.class},
            new GivenBack(real, giveBack));
  }

  @Override
  public Object invoke(Object proxy, Method m, Object[] args) throws Throwable {
    switch (m.getName()) {
      case "close":
        synchronized (this) {
          if (!closed) {
            closed = true;
            giveBack.accept(real);
          }
        }
        return null;
      case "isClosed":
        return closed || real.isClosed();
      default:
        if (closed && !m.getName().equals("toString")) {
          throw new SQLException("connection returned to the pool");
        }
        try {
          return m.invoke(real, args);
        } catch (InvocationTargetException e) {
          throw e.getCause();
        }
    }
  }

  static void closeQuietly(Connection c) {
    try {
      c.close();
    } catch (SQLException ignored) {
      // going away either way
    }
  }
}
