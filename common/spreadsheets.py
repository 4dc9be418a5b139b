"""CSV files that are safe to open in a spreadsheet (OWASP "CSV Injection" advice).

A cell starting with `=`, `+`, `-`, `@`, a tab or a carriage return (or their full-width forms)
is run as a formula by Excel, LibreOffice and Google Sheets; such a cell gets a leading `'` so it
is shown as typed, text. Every cell is quoted, so a comma or semicolon inside one cannot start a
new cell, and quotes inside a cell are doubled. Real numbers are written as numbers.
"""

import csv

FORMULA_START = ("=", "+", "-", "@", "\t", "\r", "\n", "＝", "＋", "－", "＠")


def _is_number(value: str) -> bool:
    try:
        float(value)
    except ValueError:
        return False
    return value.strip() == value


def safe_cell(value):
    """A cell as text a spreadsheet will never run: "=HYPERLINK(...)" becomes "'=HYPERLINK(...)"."""
    if not isinstance(value, str) or not value.startswith(FORMULA_START) or _is_number(value):
        return value
    return "'" + value


class SafeWriter:
    """`csv.writer` with every cell quoted and passed through `safe_cell`."""

    def __init__(self, stream):
        self._writer = csv.writer(stream, quoting=csv.QUOTE_ALL)

    def writerow(self, row):
        return self._writer.writerow([safe_cell(cell) for cell in row])

    def writerows(self, rows):
        for row in rows:
            self.writerow(row)
