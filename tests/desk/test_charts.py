"""The SVG helpers: scales, escaping, empty charts, CSV."""

from datetime import date

from desk.charts import Chart, Series, nice_max, render_csv, render_svg
from desk.selectors import Period, add_months


def test_nice_max_rounds_up_to_1_2_5():
    assert [nice_max(v) for v in (0, 1, 3, 7, 11, 48, 120)] == [1, 1, 5, 10, 20, 50, 200]


def test_svg_escapes_names_from_the_data():
    chart = Chart("x", "Firms", "hbar", ['<script>alert("x")</script>'], [Series("interest", [3])])

    svg = str(render_svg(chart))

    assert "<script>" not in svg
    assert "&lt;script&gt;" in svg
    assert 'data-total="3"' in svg


def test_svg_of_an_empty_chart_says_so():
    chart = Chart("x", "Leads", "bar", ["Jan", "Feb"], [Series("leads", [0, 0])])

    svg = str(render_svg(chart, empty_text="Nothing in this period."))

    assert "Nothing in this period.</text>" in svg
    assert "<rect" not in svg


def test_stacked_bars_draw_one_rect_per_non_zero_value():
    chart = Chart("x", "Leads", "bar", ["Jan", "Feb"], [Series("a", [1, 0]), Series("b", [2, 3])])

    svg = str(render_svg(chart))

    assert svg.count("<rect") == 3 + 2  # bars plus the two legend keys


def test_line_chart_draws_a_point_per_value():
    chart = Chart("x", "Inquiries", "line", ["Jan", "Feb", "Mar"], [Series("a", [1, 0, 4])], stacked=False)

    svg = str(render_svg(chart))

    assert svg.count("<circle") == 3
    assert svg.count("<polyline") == 1


def test_csv_neutralises_formulas():
    chart = Chart("x", "Firms", "hbar", ["=cmd()"], [Series("interest", [2])], label_header="firm")

    assert render_csv(chart) == "firm,interest\r\n'=cmd(),2\r\n"


def test_default_period_is_this_month_and_the_eleven_before():
    period = Period.default(today=date(2026, 3, 15))

    assert period == Period(date(2025, 4, 1), date(2026, 3, 15))
    assert len(period.months()) == 12


def test_add_months_keeps_the_day_within_the_month():
    assert add_months(date(2026, 8, 31), -6) == date(2026, 2, 28)


def test_csv_neutralises_formulas_behind_a_tab_or_carriage_return():
    from core.spreadsheets import csv_safe

    assert [csv_safe(v) for v in ("\t=cmd()", "\r=cmd()", "Plain", "", None, 3)] == [
        "'\t=cmd()",
        "'\r=cmd()",
        "Plain",
        "",
        "",
        "3",
    ]
