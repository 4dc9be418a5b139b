from barriers.charts import _nice_max, bar_chart, line_chart, whole_ticks


def test_bar_chart_has_a_visible_title_is_one_image_and_escapes_text():
    svg = bar_chart("c1", "Top <barriers>", "Two bars", ["A & B", "C"], [4, 2])
    assert '<figcaption class="chart-title" id="c1-title">Top &lt;barriers&gt;</figcaption>' in svg
    assert 'role="img" aria-labelledby="c1-title c1-desc"' in svg
    assert "A &amp; B" in svg
    assert svg.count("<rect") == 2
    assert "style=" not in svg  # a strict CSP blocks inline styles


def test_bar_labels_are_shown_in_full():
    title = "Discharged from hospital on a Friday afternoon with nowhere to stay at all"
    svg = bar_chart("c5", "t", "d", [title], [3])
    assert f'<span class="bar-label">{title}</span>' in svg


def test_bar_lengths_are_proportional():
    svg = bar_chart("c2", "t", "d", ["a", "b"], [10, 5])
    assert 'width="100.0"' in svg and 'width="50.0"' in svg


def test_empty_chart_says_so():
    assert "No data for these filters" in bar_chart("c3", "t", "d", [], [])


def test_line_chart_has_a_legend_per_series_and_never_relies_on_colour_alone():
    svg = line_chart("c4", "t", "d", ["Jan 2026", "Feb 2026"], [("New", [1, 2]), ("Old", [3, 0])])
    assert svg.count("<polyline") == 4  # a wide and a narrow drawing of each line
    assert "> New</li>" in svg and "> Old</li>" in svg
    assert 'stroke-dasharray="6 3"' in svg
    assert "chart-wide" in svg and "chart-narrow" in svg


def test_axis_ticks_are_whole_numbers():
    assert whole_ticks(1) == [0, 1]
    assert whole_ticks(3) == [0, 1, 2, 3]
    assert whole_ticks(7) == [0, 2, 4, 6, 8]
    assert whole_ticks(23) == [0, 5, 10, 15, 20, 25]
    assert whole_ticks(0) == [0, 1]
    svg = line_chart("c6", "t", "d", ["Jan 2026", "Feb 2026"], [("New", [1, 0])])
    assert ">0.25<" not in svg and ">0.5<" not in svg


def test_a_month_in_progress_is_marked_not_shown_as_a_dip():
    labels = ["Oct 2026", "Nov 2026", "Dec 2026"]
    svg = line_chart("c7", "t", "d", labels, [("New", [5, 6, 1])], partial_last=True)
    assert "so far" in svg
    assert "Dec 2026 is counted so far" in svg
    assert 'stroke-dasharray="1 4"' in svg  # dotted to the last point
    assert "<circle" in svg  # hollow last point
    assert "so far" not in line_chart("c8", "t", "d", labels, [("New", [5, 6, 1])])


def test_axis_top_is_a_round_number():
    assert [_nice_max(v) for v in (0, 1, 3, 7, 11, 230)] == [1, 1, 5, 10, 20, 500]
