// Stands for: Android and JDBC applications filtering file names with GLOB.
class Glob {
  String query = "SELECT path FROM files WHERE path GLOB '*.jpg'"; // expect: glob
  String help = "Use GLOB patterns such as *.jpg"; // a message, not SQL
  // WHERE path GLOB '*.png' (comment)
}
