from filming.rendering import render_guide


def test_render_guide_anchors_headings_and_builds_the_table_of_contents():
    html, toc = render_guide("## Drones\n\nText.\n\n### Over *crowds*\n\n## Drones\n\n## Żurawie i dźwigi")

    assert '<h3 id="s-drones">Drones</h3>' in html
    assert '<h4 id="s-over-crowds">Over <em>crowds</em></h4>' in html
    assert '<h3 id="s-drones-2">Drones</h3>' in html
    assert toc == [
        {"id": "s-drones", "title": "Drones", "depth": 0},
        {"id": "s-over-crowds", "title": "Over crowds", "depth": 1},
        {"id": "s-drones-2", "title": "Drones", "depth": 0},
        {"id": "s-zurawie-i-dzwigi", "title": "Żurawie i dźwigi", "depth": 0},
    ]


def test_render_guide_keeps_one_h1_and_strips_scripts_and_foreign_ids():
    html, toc = render_guide('# Title\n\n<p id="main" onclick="x()">Hi</p><script>alert(1)</script>')

    assert "<h1" not in html
    assert '<h2 id="s-title">Title</h2>' in html
    assert 'id="main"' not in html
    assert "onclick" not in html
    assert "<script" not in html
    assert toc == [{"id": "s-title", "title": "Title", "depth": 0}]


def test_render_guide_of_empty_text_is_empty():
    assert render_guide("  ") == ("", [])
