import csv
import io

import pytest

from common.spreadsheets import SafeWriter, safe_cell


@pytest.mark.parametrize(
    "typed",
    ['=HYPERLINK("http://x")', "+1+cmd|' /C calc'!A0", "-2+3", "@SUM(A1)", "\tx", "\rx", "＝1+1"],
)
def test_cells_a_spreadsheet_would_run_are_kept_as_text(typed):
    assert safe_cell(typed) == "'" + typed


@pytest.mark.parametrize("value", ["-2.5", "+44", 42, None, "plain words", "a=b"])
def test_numbers_and_ordinary_text_are_unchanged(value):
    assert safe_cell(value) == value


def test_every_cell_is_quoted_so_separators_cannot_open_a_new_cell():
    out = io.StringIO()
    SafeWriter(out).writerow(["a;=1+1", '=say "hi"', 3])
    assert out.getvalue() == '"a;=1+1","\'=say ""hi""","3"\r\n'
    assert next(csv.reader(io.StringIO(out.getvalue()))) == ["a;=1+1", '\'=say "hi"', "3"]
