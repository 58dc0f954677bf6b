package dev.sqlite2pg.testing;

import java.lang.annotation.ElementType;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import org.junit.jupiter.api.Tag;

/**
 * A test class that starts PostgreSQL (the shared embedded server, or one of its own). {@code
 * ./mvnw test -Pfast} leaves these out and runs the rest, which need no server, in well under a
 * minute; under that profile {@link TestPostgres} refuses to start, so a class that needs a server
 * and lacks this tag fails instead of silently making the fast run slow.
 */
@Target(ElementType.TYPE)
@Retention(RetentionPolicy.RUNTIME)
@Tag("server")
public @interface NeedsServer {}
