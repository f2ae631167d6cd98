import pytest

from news.rendering import render_markdown


def test_render_markdown_keeps_formatting_and_safe_links():
    html = render_markdown("Some **bold** and [a link](https://example.org/x).")

    assert html == (
        '<p>Some <strong>bold</strong> and <a href="https://example.org/x" '
        'rel="noopener noreferrer nofollow">a link</a>.</p>'
    )


def test_render_markdown_strips_script_element_and_its_content():
    html = render_markdown("Hello <script>alert('x')</script> world")

    assert html == "<p>Hello  world</p>"


def test_render_markdown_strips_event_handlers():
    html = render_markdown('<img src="https://example.org/a.png" onerror="alert(1)"> <b onclick="x()">b</b>')

    assert "onerror" not in html
    assert "onclick" not in html
    assert html == '<p><img src="https://example.org/a.png"> b</p>'


@pytest.mark.parametrize(
    "text",
    [
        "[x](javascript:alert(1))",
        "[x](JaVaScRiPt:alert(1))",
        "[x]( javascript:alert(1))",
        "[x](data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==)",
        '<a href="javascript:alert(1)">x</a>',
        '<a href="&#106;avascript:alert(1)">x</a>',
        "[x][ref]\n\n[ref]: javascript:alert(1)",
    ],
)
def test_render_markdown_drops_dangerous_link_targets(text):
    html = render_markdown(text)

    assert "javascript" not in html.lower()
    assert "data:" not in html
    assert html == '<p><a rel="noopener noreferrer nofollow">x</a></p>'


def test_render_markdown_drops_data_image_sources():
    html = render_markdown("![pixel](data:image/png;base64,iVBORw0KGgo=)")

    assert html == '<p><img alt="pixel"></p>'


def test_render_markdown_removes_iframes_styles_and_attributes_from_attr_list():
    html = render_markdown(
        '<iframe src="https://evil.example"></iframe><style>p{}</style>\n\n## Text {: style="x" onclick="y()" }'
    )

    assert html.strip() == "<h2>Text</h2>"


def test_render_markdown_turns_top_heading_into_h2():
    html = render_markdown("# Title\n\n## Sub")

    assert html == "<h2>Title</h2>\n<h3>Sub</h3>"


def test_render_markdown_starts_a_body_written_from_level_two_at_h2():
    """The page's title is the <h1>: sections written as "##" must not skip to <h3>."""
    html = render_markdown("Intro.\n\n## Who can apply\n\nFirms.\n\n### Micro firms\n\nYes.")

    assert "<h2>Who can apply</h2>" in html
    assert "<h3>Micro firms</h3>" in html


def test_render_markdown_of_empty_text_is_empty():
    assert render_markdown("   \n") == ""
