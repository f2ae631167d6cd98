import io

import pytest

from filming import demo
from filming.models import EuroRate, GuidePage, IncentiveScheme

pytestmark = pytest.mark.django_db


def test_demo_filming_load_twice_creates_no_duplicates():
    demo.load(stdout=io.StringIO())
    out = io.StringIO()

    demo.load(stdout=out)

    assert GuidePage.objects.count() == len(demo.PAGES)
    assert IncentiveScheme.objects.count() == 3
    assert EuroRate.objects.count() == 1
    assert out.getvalue() == "filming: 4 guide pages (0 new), 3 sample schemes (0 new)"


def test_demo_schemes_are_marked_as_samples_and_one_has_ended():
    demo.load(stdout=io.StringIO())

    schemes = list(IncentiveScheme.objects.order_by("position"))

    assert all(scheme.is_sample for scheme in schemes)
    assert all("demo" in scheme.name_en and "demonstracyjne" in scheme.name_pl for scheme in schemes)
    assert [scheme.is_open() for scheme in schemes] == [True, True, False]
    assert all(scheme.url.startswith("https://example.org/") for scheme in schemes)


def test_demo_guide_is_sample_text_except_the_cited_cluster_facts():
    demo.load(stdout=io.StringIO())

    pages = {page.slug: page for page in GuidePage.objects.all()}

    assert {slug for slug, page in pages.items() if not page.is_sample} == {"working-with-the-cluster"}
    assert "16 February 2015" in pages["working-with-the-cluster"].body_en
    assert all(page.body_html_pl and page.body_html_en and page.toc_en for page in pages.values())
