"""CSV cells a spreadsheet never runs as formulas (OWASP "CSV injection")."""

# A cell starting with one of these is run as a formula by spreadsheet programs.
FORMULA_START = ("=", "+", "-", "@", "\t", "\r")


def safe_cell(value):
    """Text typed by a person is kept as text: a leading formula character gets a `'` before it.

    Numbers such as "-2.5" are left alone; anything that is not a string is returned unchanged.
    """
    if not isinstance(value, str) or not value.startswith(FORMULA_START):
        return value
    try:
        float(value)
    except ValueError:
        return "'" + value
    return value
