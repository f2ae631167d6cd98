"""The demo coordinator logs in to the admin and lands on the desk: numbers that need
attention and the activity charts, drawn as SVG."""

import pytest
from django.core.management import call_command
from playwright.sync_api import expect

from desk.selectors import CHARTS


@pytest.mark.e2e
@pytest.mark.django_db(transaction=True)
def test_coordinator_sees_the_dashboard_with_charts(page, artifacts_dir):
    call_command("load_demo_data")

    page.goto("/admin/login/?next=/admin/")
    page.fill("input[name=username]", "coordinator@example.org")
    page.fill("input[name=password]", "cluster-demo")
    page.click("input[type=submit]")

    expect(page.locator("#desk-attention")).to_be_visible(timeout=30_000)
    charts = page.locator("figure.desk-chart svg.desk-chart__svg")
    expect(charts).to_have_count(len(CHARTS))
    for index in range(len(CHARTS)):
        chart = charts.nth(index)
        chart.scroll_into_view_if_needed()
        expect(chart).to_be_visible()
        box = chart.bounding_box()
        assert box is not None
        assert box["width"] > 100
        assert box["height"] > 50
    # Non-empty: the demo data draws bars, lines or points in every chart that has data.
    drawn = page.eval_on_selector_all(
        "figure.desk-chart svg.desk-chart__svg",
        "svgs => svgs.map(s => [s.closest('figure').id, s.querySelectorAll('rect[fill], circle').length])",
    )
    by_chart = dict(drawn)
    for chart_id in ("chart-leads-by-month", "chart-leads-by-kind", "chart-services-asked", "chart-event-attendance"):
        assert by_chart[chart_id] > 0, chart_id
    page.locator("#desk").screenshot(path=str(artifacts_dir / "coordinator-desk.png"))
    page.screenshot(path=str(artifacts_dir / "coordinator-desk-page.png"), full_page=True)
    assert (artifacts_dir / "coordinator-desk.png").stat().st_size > 10_000

    page.goto("/en/numbers/")
    expect(page.get_by_role("heading", level=1)).to_have_text("The cluster in numbers")
    page.screenshot(path=str(artifacts_dir / "cluster-in-numbers.png"), full_page=True)
