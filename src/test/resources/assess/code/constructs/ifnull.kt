// Stands for: Android apps in Kotlin whose Room/SQLite queries use IFNULL.
class Totals {
    val q = """
        SELECT IFNULL(sum(amount), 0) FROM payments -- expect: ifnull
    """
    val s = "ifnull(x, 0) in a sentence" // not SQL
    // IFNULL(a, b) in a comment
}
