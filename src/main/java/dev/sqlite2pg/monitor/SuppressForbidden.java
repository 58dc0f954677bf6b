package dev.sqlite2pg.monitor;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;

/**
 * Lets one class use {@code com.sun.net.httpserver}, which forbidden-apis counts as non-portable
 * for its package name: it is the supported, exported API of the JDK's {@code jdk.httpserver}
 * module, in every JDK and jlink image that includes the module (forbidden-apis recognises any
 * annotation of this name).
 */
@Retention(RetentionPolicy.CLASS)
@Target(ElementType.TYPE)
@interface SuppressForbidden {
  /** Why. */
  String value();
}
