import re

import pytest

from productions.models import LeadResponse, ProductionLead
from tests.factories.members import MemberFactory
from tests.factories.productions import LeadResponseFactory, ProductionLeadFactory
from tests.sitemaps import sitemap_text

pytestmark = pytest.mark.django_db


@pytest.fixture
def leads():
    public = ProductionLeadFactory(
        title_en="The Public Wrap",
        status=ProductionLead.Status.WRAPPED,
        visibility=ProductionLead.Visibility.PUBLIC,
        description_en="Shot in Nowa Huta.",
    )
    secret_wrapped = ProductionLeadFactory(title_en="Secret Wrapped", status=ProductionLead.Status.WRAPPED)
    secret_public_not_wrapped = ProductionLeadFactory(
        title_en="Secret Still Shooting",
        status=ProductionLead.Status.SHOOTING,
        visibility=ProductionLead.Visibility.PUBLIC,
    )
    return public, secret_wrapped, secret_public_not_wrapped


SECRETS = ["Secret Wrapped", "Secret Still Shooting"]


def test_showcase_lists_only_wrapped_public_productions_with_public_participants(client, leads):
    public = leads[0]
    LeadResponseFactory(lead=public, member=MemberFactory(name="Shown Firm"), status=LeadResponse.Status.CONTRACTED)
    LeadResponseFactory(lead=public, member=MemberFactory(name="Hidden Firm", is_public=False), status="contracted")
    LeadResponseFactory(lead=public, member=MemberFactory(name="Only Interested"), status="interested")

    html = client.get("/en/productions/showcase/").content.decode()

    assert "The Public Wrap" in html
    assert "Shown Firm" in html
    assert [s for s in SECRETS + ["Hidden Firm", "Only Interested"] if s in html] == []


@pytest.mark.parametrize(
    "path", ["/en/productions/showcase/feed/", "/sitemap.xml", "/en/productions/showcase/", "/en/news/feed/", "/en/"]
)
def test_members_only_leads_never_appear_on_public_pages(client, leads, path):
    response = client.get(path)
    body = sitemap_text(client) if path == "/sitemap.xml" else response.content.decode()

    assert response.status_code == 200
    assert [s for s in SECRETS if s in body] == []


def test_sitemap_lists_the_showcase_and_its_productions_only(client, leads):
    public, secret_wrapped, secret_shooting = leads

    body = sitemap_text(client)

    assert "http://testserver/en/productions/showcase/</loc>" in body
    assert f"http://testserver/en/productions/showcase/{public.pk}/</loc>" in body
    assert f"/productions/{secret_wrapped.pk}/" not in body
    assert f"/productions/showcase/{secret_wrapped.pk}/" not in body
    assert f"/productions/showcase/{secret_shooting.pk}/" not in body


@pytest.mark.parametrize("path", ["/en/productions/showcase/{pk}/", "/en/productions/showcase/feed/"])
def test_showcase_never_shows_the_description_written_for_members(client, leads, path):
    public = leads[0]

    response = client.get(path.format(pk=public.pk))

    assert response.status_code == 200
    assert "The Public Wrap" in response.content.decode()
    assert "Nowa Huta" not in response.content.decode()


def test_showcase_detail_of_members_only_lead_is_404(client, leads):
    assert client.get(f"/en/productions/showcase/{leads[1].pk}/").status_code == 404


def test_showcase_detail_lists_members_whose_credits_match_the_title(client, leads):
    from members.models import Credit

    credited = MemberFactory(name="Credited Firm")
    Credit.objects.create(member=credited, title="the public wrap", year=2025, role="Sound design")
    Credit.objects.create(member=MemberFactory(name="Other Credit"), title="Another film", year=2025, role="Grip")

    html = client.get(f"/en/productions/showcase/{leads[0].pk}/").content.decode()

    assert "Credited Firm" in html
    assert "Sound design" in html
    assert "Other Credit" not in html


def test_showcase_links_for_credit_titles(leads):
    from django.utils import translation

    from productions.selectors import showcase_urls_for_titles

    with translation.override("en"):
        links = showcase_urls_for_titles(["The public wrap ", "Secret Wrapped"])

    assert links == {"the public wrap": f"/en/productions/showcase/{leads[0].pk}/"}


def test_credit_template_tags_link_matching_credits_to_the_showcase(leads):
    from django.template import Context, Template
    from django.utils import translation

    from members.models import Credit

    member = MemberFactory()
    Credit.objects.create(member=member, title="The Public Wrap", year=2025, role="Grip")
    Credit.objects.create(member=member, title="Secret Wrapped", year=2025, role="Grip")
    template = Template(
        "{% load productions_tags %}{% showcase_links member.credits.all as links %}"
        "{% for credit in member.credits.all %}{% showcase_url_for links credit.title as url %}"
        "[{{ credit.title }}={{ url }}]{% endfor %}"
    )

    with translation.override("en"):
        rendered = template.render(Context({"member": member}))

    assert rendered == f"[Secret Wrapped=][The Public Wrap=/en/productions/showcase/{leads[0].pk}/]"


def test_member_profile_links_a_credit_to_its_showcase_entry(client, leads):
    from members.models import Credit

    member = MemberFactory(slug="credited")
    Credit.objects.create(member=member, title="The Public Wrap", year=2025, role="Grip")
    Credit.objects.create(member=member, title="Secret Wrapped", year=2025, role="Grip")

    html = client.get("/en/members/credited/").content.decode()

    assert len(re.findall(r"/en/productions/showcase/\d+/", html)) == 1
    assert f'href="/en/productions/showcase/{leads[0].pk}/"' in html


def test_showcase_lists_newest_shoots_first_and_undated_ones_last():
    import datetime

    from productions.selectors import showcase

    def wrapped(title, end):
        return ProductionLeadFactory(
            title_en=title,
            shooting_end=end,
            status=ProductionLead.Status.WRAPPED,
            visibility=ProductionLead.Visibility.PUBLIC,
        )

    undated = wrapped("Undated", None)
    older = wrapped("Older", datetime.date(2024, 5, 1))
    newer = wrapped("Newer", datetime.date(2025, 9, 1))

    assert list(showcase()) == [newer, older, undated]


def test_showcase_detail_lists_a_contracted_firm_with_a_credit_once_with_its_role(client, leads):
    from members.models import Credit

    both = MemberFactory(name="Contracted And Credited")
    LeadResponseFactory(lead=leads[0], member=both, status=LeadResponse.Status.CONTRACTED)
    LeadResponseFactory(lead=leads[0], member=MemberFactory(name="Contracted Only"), status="contracted")
    Credit.objects.create(member=both, title="The Public Wrap", year=2025, role="Lighting")

    html = client.get(f"/en/productions/showcase/{leads[0].pk}/").content.decode()

    assert html.count("Contracted And Credited") == 1
    assert "Contracted And Credited</a> – Lighting" in html
    assert html.count("Contracted Only") == 1
