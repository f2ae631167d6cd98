"""The public filming pages in both languages, and the estimate form: bad input gets
its message next to the field and keeps what was typed."""

import re
from decimal import Decimal

import pytest
from django.test import Client

from filming.forms import parse_amount
from filming.models import GuidePage
from members.shortlist import SESSION_KEY
from tests.factories.filming import GuidePageFactory, IncentiveSchemeFactory
from tests.factories.members import MemberFactory, MemberServiceFactory, ServiceCategoryFactory

pytestmark = pytest.mark.django_db

ESTIMATE = "/en/filming/estimate/"


def _h1s(html: str) -> list[str]:
    return re.findall(r"<h1[^>]*>(.*?)</h1>", html, re.S)


def _errors(html: str, field_id: str) -> list[str]:
    block = re.search(rf'id="{field_id}_errors">(.*?)</ul>', html, re.S)
    return [item.strip() for item in re.findall(r"<li>(.*?)</li>", block.group(1), re.S)] if block else []


def _value(html: str, field_id: str) -> str | None:
    tag = re.search(rf'<input[^>]*id="{field_id}"[^>]*>', html)
    found = tag and re.search(r'value="([^"]*)"', tag.group(0))
    return found.group(1) if found else None


@pytest.mark.parametrize("language", ["en", "pl"])
@pytest.mark.parametrize("path", ["/filming/", "/filming/incentives/", "/filming/estimate/", "/filming/permits/"])
def test_filming_pages_answer_in_both_languages_with_one_h1(client, guide, language, path):
    response = client.get(f"/{language}{path}")

    assert response.status_code == 200
    assert response["Content-Language"] == language
    assert len(_h1s(response.content.decode())) == 1


def test_guide_index_groups_published_pages_by_topic_and_lists_open_schemes(client, guide):
    html = client.get("/en/filming/").content.decode()

    assert "Filming permits" in html
    assert "Questions" in html
    assert "Draft page" not in html
    assert 'href="/en/filming/incentives/#national-rebate"' in html
    assert "Old fund" not in html


def test_guide_page_has_a_table_of_contents_with_anchors(client, guide):
    html = client.get("/en/filming/permits/").content.decode()

    assert '<h3 id="s-drones">Drones</h3>' in html
    assert '<a href="#s-drones">Drones</a>' in html
    assert _h1s(html) == ["Filming permits"]


def test_guide_page_in_polish_shows_polish_text(client, guide):
    html = client.get("/pl/filming/permits/").content.decode()

    assert _h1s(html) == ["Pozwolenia"]
    assert '<h3 id="s-drony">Drony</h3>' in html


def test_guide_page_markdown_is_sanitised(client, db):
    GuidePageFactory(
        slug="x", body_en="## Hi\n\n<script>alert(1)</script> [x](javascript:alert(1)) <img src=x onerror=alert(1)>"
    )

    html = client.get("/en/filming/x/").content.decode()
    body = html[html.index('class="guide-page__body"') :]

    assert "<script>alert(1)" not in body
    assert "javascript:" not in body
    assert "onerror" not in body


def test_sample_page_says_it_is_sample_text(client, db):
    GuidePageFactory(slug="sample", is_sample=True)

    html = client.get("/en/filming/sample/").content.decode()

    assert "Sample text: this page shows how the guide works and is not checked information." in html


def test_draft_and_unknown_pages_are_404(client, guide):
    assert client.get("/en/filming/draft/").status_code == 404
    assert client.get("/en/filming/nothing-here/").status_code == 404


def test_reserved_slug_is_refused(db):
    page = GuidePageFactory.build(slug="incentives")

    with pytest.raises(Exception, match="This address is taken by a page of the portal."):
        page.full_clean()


def test_incentives_page_lists_open_and_ended_schemes_with_their_figures(client, guide):
    html = client.get("/en/filming/incentives/").content.decode()
    open_part, closed_part = html.split('id="closed-heading"')

    assert "National rebate" in open_part
    assert "Old fund" not in open_part
    assert "Old fund" in closed_part
    assert "Feature film: PLN\u00a01,000,000.00" in open_part
    assert "PLN\u00a01,000,000.00 (€250,000.00)" in open_part  # the cap, with the euro view at 4.00
    assert 'href="https://example.org/rules"' in open_part


def test_incentives_page_in_polish_writes_money_the_polish_way(client, guide):
    html = client.get("/pl/filming/incentives/").content.decode()

    assert "Film fabularny: 1\u00a0000\u00a0000,00\u00a0zł" in html


def test_estimate_result_shows_amount_rule_euro_view_and_service_companies(client, guide):
    html = client.get(ESTIMATE, {"kind": "feature", "spend_crew_cast": "2 000 000", "spend_equipment": "500000"})
    html = html.content.decode()
    result = html[html.index('id="result"') :]

    assert "Estimated amount: <strong>PLN\u00a0750,000.00</strong>" in result
    assert "(€187,500.00)" in result
    assert "30% of eligible local spend of PLN\u00a02,500,000.00 = PLN\u00a0750,000.00." in result
    assert "This is an estimate, not a decision" in result
    assert 'href="https://example.org/rules"' in result
    assert "Wawel Line Producers" in result
    assert "Old fund" not in result


def test_estimate_below_threshold_shows_what_is_missing(client, guide):
    html = client.get(ESTIMATE, {"kind": "feature", "spend_crew_cast": "400000"}).content.decode()

    assert "Does not qualify yet" in html
    assert "Eligible local spend of at least PLN\u00a01,000,000.00; PLN\u00a0600,000.00 more is needed." in html


@pytest.mark.parametrize(
    ("typed", "message"),
    [
        ("-5000", "The amount cannot be negative."),
        ("99999999999", "Enter at most PLN 10,000,000,000 in one category."),
        ("9" * 60, "Enter at most PLN 10,000,000,000 in one category."),
        ("lots", "Enter an amount in złoty using digits, for example 250000 or 250 000,50."),
        ("12.345.6", "Enter an amount in złoty using digits, for example 250000 or 250 000,50."),
        ("NaN", "Enter an amount in złoty using digits, for example 250000 or 250 000,50."),
        ("<b>1</b>", "Enter an amount in złoty using digits, for example 250000 or 250 000,50."),
    ],
)
def test_estimate_bad_amount_gets_its_message_next_to_the_field_and_keeps_the_input(client, guide, typed, message):
    response = client.get(ESTIMATE, {"kind": "documentary", "spend_equipment": typed, "spend_locations": "1000"})
    html = response.content.decode()

    assert response.status_code == 200
    assert _errors(html, "id_spend_equipment") == [message]
    assert _value(html, "id_spend_locations") == "1000"
    assert 'id="result"' not in html
    assert "<b>1</b>" not in html


def test_estimate_typed_markup_is_escaped_back(client, guide):
    html = client.get(ESTIMATE, {"kind": "feature", "spend_equipment": '"><script>x</script>'}).content.decode()

    assert _value(html, "id_spend_equipment") == "&quot;&gt;&lt;script&gt;x&lt;/script&gt;"
    assert "<script>x</script>" not in html


def test_estimate_missing_kind_and_spend_get_messages(client, guide):
    html = client.get(ESTIMATE, {"kind": "", "spend_crew_cast": ""}).content.decode()

    assert _errors(html, "id_kind") == ["Choose the kind of production."]
    assert _errors(html, "id_spend_crew_cast") == ["Enter the planned local spend in at least one category."]


def test_estimate_unknown_kind_is_refused(client, guide):
    html = client.get(ESTIMATE, {"kind": "opera", "spend_crew_cast": "5"}).content.decode()

    assert _errors(html, "id_kind") == ["Choose a kind from the list."]


def test_estimate_form_without_figures_shows_no_errors(client, guide):
    html = client.get(ESTIMATE).content.decode()

    assert 'class="errorlist"' not in html
    assert 'id="result"' not in html


@pytest.mark.parametrize(
    ("typed", "value"),
    [
        ("250000", "250000"),
        ("250 000,50", "250000.50"),
        ("250\u00a0000", "250000"),
        ("1,250,000.00", "1250000.00"),
        ("1.250.000", "1250000"),
        ("1.250.000,5", "1250000.5"),
        ("0,99", "0.99"),
        ("PLN 1000", "1000"),
        ("1000 zł", "1000"),
    ],
)
def test_amounts_are_read_as_people_write_them(typed, value):
    assert parse_amount(typed) == Decimal(value)


def test_home_page_links_the_guide_and_the_nav_has_it(client, guide):
    html = Client().get("/en/").content.decode()

    assert 'href="/en/filming/"' in html
    assert 'href="/en/filming/estimate/"' in html


def test_guide_index_queries_do_not_grow_with_pages(client, guide, django_assert_num_queries):
    client.get("/en/filming/")  # warm the site-wide caches
    with django_assert_num_queries(3):
        client.get("/en/filming/?n=1")
    GuidePageFactory.create_batch(15)
    with django_assert_num_queries(3):
        client.get("/en/filming/?n=2")
    assert GuidePage.objects.public().count() == 17


def test_estimate_marks_the_spend_categories_of_the_shortlists_firms(client, guide):
    rental = ServiceCategoryFactory(slug="rental", name_en="Equipment rental")
    cameras = ServiceCategoryFactory(slug="camera-rental", name_en="Camera rental", parent=rental)
    firm = MemberFactory(name="Kadr Cameras", slug="kadr-cameras")
    MemberServiceFactory(member=firm, category=cameras)
    session = client.session
    session[SESSION_KEY] = ["kadr-cameras", "wawel-unknown"]
    session.save()

    html = client.get(ESTIMATE).content.decode()

    assert "Your shortlist:" in html
    assert "Kadr Cameras" in html
    rows = re.findall(
        r'<div class="estimate-form__row([^"]*)">\s*<div class="field[^"]*">\s*<label for="([^"]+)"', html
    )
    assert [field for classes, field in rows if "suggested" in classes] == ["id_spend_equipment"]


def test_incentives_and_estimate_queries_do_not_grow_with_schemes(client, guide, django_assert_num_queries):
    query = {"kind": "feature", "spend_crew_cast": "2000000"}
    client.get("/en/filming/incentives/")
    with django_assert_num_queries(3):
        client.get("/en/filming/incentives/?n=1")
    with django_assert_num_queries(4):
        client.get(ESTIMATE, query)
    IncentiveSchemeFactory.create_batch(6, thresholds={"feature": Decimal("1"), "series": Decimal("2")})
    with django_assert_num_queries(3):
        client.get("/en/filming/incentives/?n=2")
    with django_assert_num_queries(4):
        client.get(ESTIMATE, query)
