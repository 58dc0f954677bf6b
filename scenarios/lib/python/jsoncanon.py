"""JSON values compared as JSON: a JSON number is decimal text, with no int/float distinction,
so 1.2345678901234567e+19 (a float read from SQLite's text) and 12345678901234567000 (an int
read from PostgreSQL's jsonb numeric) are the same number. Numbers become the Decimal of their
shortest text; nothing is rounded. Strings, booleans, null, key sets and list order compare as is."""
from decimal import Decimal


def canon(value):
    if isinstance(value, bool) or value is None or isinstance(value, str):
        return value
    if isinstance(value, float):
        return ("number", Decimal(repr(value)).normalize()) if value == value and abs(value) != float("inf") else ("float", repr(value))
    if isinstance(value, int):
        return ("number", Decimal(value).normalize())
    if isinstance(value, dict):
        return {k: canon(v) for k, v in value.items()}
    if isinstance(value, (list, tuple)):
        return [canon(v) for v in value]
    return ("other", repr(value))
