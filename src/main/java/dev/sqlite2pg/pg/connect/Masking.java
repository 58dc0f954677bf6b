package dev.sqlite2pg.pg.connect;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides passwords in text that echoes what a user typed. Used only for error messages about input
 * that could not be parsed, so it errs on the side of hiding too much.
 */
public final class Masking {

  static final String MASK = "****";

  // key=value form: password='it''s \' quoted' or password=bare (also sslpassword=...).
  private static final Pattern KEYWORD_PASSWORD =
      Pattern.compile("(password\\s*=\\s*)('(?:[^'\\\\]|\\\\.)*'?|\\S*)", Pattern.CASE_INSENSITIVE);
  // URI query form: ?password=secret&... (also sslpassword=...).
  private static final Pattern QUERY_PASSWORD =
      Pattern.compile("(password=)[^&]*", Pattern.CASE_INSENSITIVE);

  private Masking() {}

  /** The input with every password-shaped part replaced by {@value #MASK}. */
  public static String maskInput(String input) {
    if (input.contains("://")) {
      return QUERY_PASSWORD
          .matcher(maskUserInfo(input))
          .replaceAll("$1" + Matcher.quoteReplacement(MASK));
    }
    return KEYWORD_PASSWORD.matcher(input).replaceAll("$1" + Matcher.quoteReplacement(MASK));
  }

  /**
   * Masks from the first ':' after "://" to the last '@'. A password may hold unencoded '/', '?' or
   * '@' that a parser would split on ("postgresql://me:pa/ss@db"), so this does not parse; it hides
   * everything that could be part of one.
   */
  private static String maskUserInfo(String uri) {
    int start = uri.indexOf("://") + 3;
    int at = uri.lastIndexOf('@');
    int colon = uri.indexOf(':', start);
    if (at < 0 || colon < 0 || colon > at) {
      return uri;
    }
    return uri.substring(0, colon + 1) + MASK + uri.substring(at);
  }
}
