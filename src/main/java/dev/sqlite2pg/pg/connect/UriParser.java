package dev.sqlite2pg.pg.connect;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * Parses libpq connection URIs the way libpq does: {@code
 * postgresql://[user[:password]@][host][:port][,host2[:port2]...][/dbname][?k=v&...]}. Every part
 * is percent-decoded; IPv6 hosts are written in brackets ({@code [::1]:5432}).
 */
final class UriParser {

  private UriParser() {}

  static TargetSyntax parse(String uri) {
    TargetSyntax syntax = TargetSyntax.empty();
    Map<String, String> keywords = syntax.keywords();
    String rest = uri.substring(uri.indexOf("://") + 3);

    int slash = indexOf(rest, '/', 0);
    int at = userInfoEnd(rest, slash);
    if (at >= 0) {
      userInfo(rest.substring(0, at), keywords);
      rest = rest.substring(at + 1);
    } else if (atAfterSlash(rest, slash)) {
      // "postgresql://me:pa/ss@db/app": libpq would read host "me" and port "pa", and the
      // error would show part of the password. Say what is wrong instead.
      throw new TargetSyntax.Invalid(
          "'@' appears after '/'; percent-encode special characters"
              + " in the user name and password ('/' as %2F, '@' as %40, ':' as %3A)");
    }

    int pos = hosts(rest, keywords);
    if (pos < rest.length() && rest.charAt(pos) == '/') {
      int query = indexOf(rest, '?', pos);
      String dbname = PercentCodec.decode(rest.substring(pos + 1, query), "the database name");
      if (!dbname.isEmpty()) {
        keywords.put("dbname", dbname);
      }
      pos = query;
    }
    if (pos < rest.length()) {
      // hosts() stops only at '/', '?' or the end, and the path above ends at '?'.
      query(rest.substring(pos + 1), keywords);
    }
    return syntax;
  }

  /**
   * Where user[:password] ends: the last '@' before the first '/'. libpq takes the first, but hosts
   * and ports never hold '@', and taking the last one lets an unencoded '@' or '?' in a password
   * work. When the text before that '@' looks like a query ("db?user=me@corp"), the '@' belongs to
   * the query instead.
   */
  private static int userInfoEnd(String rest, int slash) {
    int at = rest.lastIndexOf('@', slash - 1);
    int question = rest.indexOf('?');
    if (at >= 0
        && question >= 0
        && question < at
        && rest.substring(question, at).indexOf('=') >= 0) {
      at = rest.lastIndexOf('@', question - 1);
    }
    return at;
  }

  private static void userInfo(String userInfo, Map<String, String> keywords) {
    int colon = userInfo.indexOf(':');
    String user =
        PercentCodec.decode(colon < 0 ? userInfo : userInfo.substring(0, colon), "the user name");
    if (!user.isEmpty()) {
      keywords.put("user", user);
    }
    if (colon >= 0) {
      keywords.put("password", PercentCodec.decode(userInfo.substring(colon + 1), "the password"));
    }
  }

  private static boolean atAfterSlash(String rest, int slash) {
    int query = indexOf(rest, '?', slash);
    return slash < rest.length() && rest.substring(slash, query).indexOf('@') >= 0;
  }

  /** Reads host[:port][,host[:port]]... and returns the index just after it. */
  private static int hosts(String text, Map<String, String> keywords) {
    List<String> hosts = new ArrayList<>();
    List<String> ports = new ArrayList<>();
    int i = 0;
    while (true) {
      String host;
      if (i < text.length() && text.charAt(i) == '[') {
        int close = text.indexOf(']', i);
        if (close < 0) {
          throw new TargetSyntax.Invalid(
              "IPv6 host \"" + text.substring(i) + "\" has no closing ']'");
        }
        host = text.substring(i + 1, close);
        if (host.isEmpty()) {
          throw new TargetSyntax.Invalid("IPv6 host \"[]\" is empty");
        }
        i = close + 1;
      } else {
        int end = endOfPart(text, i, ":/?,");
        host = PercentCodec.decode(text.substring(i, end), "a host name");
        i = end;
      }
      String port = "";
      if (i < text.length() && text.charAt(i) == ':') {
        int end = endOfPart(text, i + 1, "/?,");
        port = PercentCodec.decode(text.substring(i + 1, end), "a port");
        i = end;
      }
      if (i < text.length() && "/?,".indexOf(text.charAt(i)) < 0) {
        throw new TargetSyntax.Invalid(
            "unexpected \"" + text.charAt(i) + "\" after host \"" + host + "\"");
      }
      hosts.add(host);
      ports.add(port);
      if (i < text.length() && text.charAt(i) == ',') {
        i++;
        continue;
      }
      break;
    }
    if (hosts.stream().anyMatch(h -> !h.isEmpty())) {
      keywords.put("host", String.join(",", hosts));
    }
    if (ports.stream().anyMatch(p -> !p.isEmpty())) {
      keywords.put("port", String.join(",", ports));
    }
    return i;
  }

  private static void query(String query, Map<String, String> keywords) {
    if (query.isEmpty()) {
      return;
    }
    for (String pair : query.split("&", -1)) {
      int eq = pair.indexOf('=');
      if (eq <= 0) {
        // Not echoed: a stray fragment here may be the tail of a password.
        throw new TargetSyntax.Invalid(
            "a query parameter has no name or no '='" + " (write name=value, separated by '&')");
      }
      String name = PercentCodec.decode(pair.substring(0, eq), "a parameter name");
      keywords.put(name, PercentCodec.decode(pair.substring(eq + 1), "parameter " + name));
    }
  }

  private static int endOfPart(String text, int from, String stops) {
    int i = from;
    while (i < text.length() && stops.indexOf(text.charAt(i)) < 0) {
      i++;
    }
    return i;
  }

  private static int indexOf(String text, char c, int from) {
    int i = text.indexOf(c, from);
    return i < 0 ? text.length() : i;
  }
}
