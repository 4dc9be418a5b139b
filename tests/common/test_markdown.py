from common.markdown import markdown_to_text, render_markdown


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
