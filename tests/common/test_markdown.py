from common.markdown import markdown_to_text, reader_text, render_markdown


def test_markdown_renders_and_headings_start_at_h2():
    html = render_markdown("# Heading\n\nSome **bold** text")
    assert "<h2>Heading</h2>" in html
    assert "<strong>bold</strong>" in html


def test_scripts_and_event_handlers_are_removed():
    html = render_markdown(
        "<script>alert(1)</script><img src=x onerror=alert(1)> [x](javascript:alert(1))"
    )
    assert "<script" not in html
    assert "onerror" not in html
    assert "javascript:" not in html


def test_links_allow_only_safe_schemes_and_get_rel():
    html = render_markdown(
        "[a](https://example.org) [b](mailto:team@example.org) [c](data:text/html,x)"
    )
    assert 'href="https://example.org"' in html
    assert 'href="mailto:team@example.org"' in html
    assert "data:" not in html
    assert 'rel="nofollow noopener"' in html


def test_plain_text_for_snippets():
    assert markdown_to_text("Some *emphasis* and a [link](https://example.org)") == (
        "Some emphasis and a link"
    )


def test_plain_text_is_never_html_escaped():
    assert (
        markdown_to_text("Fish & chips <3, a < b and **R&amp;D**") == "Fish & chips 3, a b and R&D"
    )


def test_plain_text_drops_markup_a_reader_never_sees():
    text = "# Heading\n\n- one\n- two\n\nSoft\nwrapped `code` and <b>bold</b>"
    assert markdown_to_text(text) == "Heading\n\none\ntwo\n\nSoft wrapped code and bold"


def test_reader_text_folds_evasions_and_maps_back_to_what_was_typed():
    typed = "Call &#48;7700 9*00*1\u200b23 or \uff10\uff17\uff17\uff10\uff10 900123"
    reader = reader_text(typed)
    assert reader.text == "Call 07700 900123 or 07700 900123"
    start = reader.text.index("07700")
    assert typed[slice(*reader.source_span(start, start + 12))] == "&#48;7700 9*00*1\u200b23"


def test_reader_text_keeps_what_sits_between_angle_brackets():
    assert reader_text("Seen by <Dave Smith, 07700 900123>").text == (
        "Seen by  Dave Smith, 07700 900123 "
    )


def test_hidden_reader_text_adds_link_targets_and_attributes():
    reader = reader_text(
        '[mail](mailto:jo%40example.org) <abbr title="Dr Who">x</abbr>', hidden=True
    )
    assert "jo@example.org" in reader.text
    assert 'title="Dr Who"' in reader.text
    assert "jo@example.org" not in markdown_to_text("[mail](mailto:jo%40example.org)")
