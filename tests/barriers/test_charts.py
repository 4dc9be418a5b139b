from barriers.charts import _nice_max, bar_chart, line_chart


def test_bar_chart_is_labelled_and_escapes_text():
    svg = bar_chart("c1", "Top <barriers>", "Two bars", ["A & B", "C"], [4, 2])
    assert 'role="img"' in svg
    assert 'aria-labelledby="c1-title c1-desc"' in svg
    assert '<title id="c1-title">Top &lt;barriers&gt;</title>' in svg
    assert "A &amp; B" in svg
    assert svg.count("<rect") == 2


def test_bar_lengths_are_proportional():
    svg = bar_chart("c2", "t", "d", ["a", "b"], [10, 5])
    assert 'width="360.0"' in svg and 'width="180.0"' in svg


def test_empty_chart_says_so():
    assert "No data for these filters" in bar_chart("c3", "t", "d", [], [])


def test_line_chart_has_a_legend_per_series_and_never_relies_on_colour_alone():
    svg = line_chart("c4", "t", "d", ["Jan 2026", "Feb 2026"], [("New", [1, 2]), ("Old", [3, 0])])
    assert svg.count("<polyline") == 2
    assert ">New</text>" in svg and ">Old</text>" in svg
    assert 'stroke-dasharray="6 3"' in svg


def test_axis_top_is_a_round_number():
    assert [_nice_max(v) for v in (0, 1, 3, 7, 11, 230)] == [1, 1, 5, 10, 20, 500]
