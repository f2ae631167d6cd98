"""The relevance set: how producers type, in Polish and English, against the demo catalogue.

Each query names the services (category slugs) whose members a person would expect; the
test asserts recall (every such member is found) and that the first result is one of
them. City words narrow to members in that city. One demo load serves the whole set
(loading draws 90 pictures), and every failure is reported at once.
"""

import io

import pytest
from django.http import QueryDict

from members import demo
from members.models import Member, MemberService
from members.selectors import catalogue_page

pytestmark = pytest.mark.django_db

# (query, expected services, city or None)
RELEVANCE = [
    # Polish, inflected forms and plurals
    ("kamera", ["camera-rental"], None),
    ("kamery", ["camera-rental"], None),
    ("kamerami", ["camera-rental"], None),
    ("kamer", ["camera-rental"], None),
    ("wypożyczalnia kamer", ["camera-rental"], None),
    ("obiektywy", ["camera-rental"], None),
    ("oświetlenie", ["lighting"], None),
    ("oświetleniem", ["lighting"], None),
    ("oświetleniowiec", ["lighting"], None),
    ("reflektory", ["lighting"], None),
    ("drony", ["aerial"], None),
    ("dronów", ["aerial"], None),
    ("dronem", ["aerial"], None),
    ("zdjęcia lotnicze", ["aerial"], None),
    ("zdjęć lotniczych", ["aerial"], None),
    ("scenografia", ["set-design"], None),
    ("scenografii", ["set-design"], None),
    ("dekoracji", ["set-design"], None),
    ("kostiumy", ["costume"], None),
    ("kostiumów", ["costume"], None),
    ("charakteryzacji", ["make-up"], None),
    ("animacja", ["animation"], None),
    ("animacji", ["animation"], None),
    ("efektów wizualnych", ["vfx"], None),
    ("montażu", ["video-post"], None),
    ("postprodukcji dźwięku", ["sound-post"], None),
    ("udźwiękowienie", ["sound-post"], None),
    ("kompozytora", ["music"], None),
    ("obsada", ["casting"], None),
    ("lokacji", ["location-scouting"], None),
    ("hali zdjęciowej", ["studios"], None),
    ("korekcji barwnej", ["colour-grading"], None),
    ("kolorysta", ["colour-grading"], None),
    ("prawnika", ["legal-financial"], None),
    ("warsztaty", ["film-education"], None),
    # without diacritics
    ("oswietlenie", ["lighting"], None),
    ("zdjecia lotnicze", ["aerial"], None),
    ("zdjec lotniczych", ["aerial"], None),
    ("postprodukcja dzwieku", ["sound-post"], None),
    ("montazu", ["video-post"], None),
    ("wypozyczalnia kamer", ["camera-rental"], None),
    ("dronow", ["aerial"], None),
    # English, plurals and stems
    ("camera", ["camera-rental"], None),
    ("cameras", ["camera-rental"], None),
    ("lenses", ["camera-rental"], None),
    ("lights", ["lighting"], None),
    ("lighting", ["lighting"], None),
    ("drones", ["aerial"], None),
    ("aerial filming", ["aerial"], None),
    ("set design", ["set-design"], None),
    ("props", ["set-design"], None),
    ("costumes", ["costume"], None),
    ("animation", ["animation"], None),
    ("stop motion", ["animation"], None),
    ("visual effects", ["vfx"], None),
    ("editing", ["video-post"], None),
    ("sound design", ["sound-post"], None),
    ("composer", ["music"], None),
    ("extras", ["casting"], None),
    ("location scouting", ["location-scouting"], None),
    ("filming permits", ["location-services"], None),
    ("sound stages", ["studios"], None),
    ("line producer", ["line-production"], None),
    ("workshops", ["film-education"], None),
    # British and American spellings, synonyms
    ("color grading", ["colour-grading"], None),
    ("colour grading", ["colour-grading"], None),
    ("colorist", ["colour-grading"], None),
    ("colourist", ["colour-grading"], None),
    ("gaffer", ["lighting"], None),
    ("uav", ["aerial"], None),
    ("dron", ["aerial"], None),
    ("vfx", ["vfx"], None),
    ("cgi", ["vfx"], None),
    ("efekty", ["vfx"], None),
    ("dit", ["video-post"], None),
    ("grip", ["grip"], None),
    ("dolly", ["grip"], None),
    ("dop", ["cinematography"], None),
    # typos
    ("animaton", ["animation"], None),
    ("kmaery", ["camera-rental"], None),
    ("lihgting", ["lighting"], None),
    ("scenogafia", ["set-design"], None),
    ("costums", ["costume"], None),
    # city words filter by city
    ("kamery kraków", ["camera-rental"], "Kraków"),
    ("kamery w krakowie", ["camera-rental"], "Kraków"),
    ("oświetlenie krakow", ["lighting"], "Kraków"),
    ("lighting in krakow", ["lighting"], "Kraków"),
    ("transport tarnów", ["transport"], "Tarnów"),
]


@pytest.fixture
def demo_catalogue():
    demo.load(stdout=io.StringIO())


def found(query: str) -> list[str]:
    data = QueryDict(mutable=True)
    data["q"] = query
    return [member.slug for member in catalogue_page(data, page_number=1, per_page=100).members]


def expected(services: list[str], city: str | None) -> set[str]:
    offering = MemberService.objects.filter(category__slug__in=services).values("member_id")
    members = Member.objects.filter(pk__in=offering, status=Member.Status.ACTIVE, is_public=True)
    if city:
        members = members.filter(city=city)
    return set(members.values_list("slug", flat=True))


def test_relevance_set_has_recall_and_a_relevant_first_result(demo_catalogue):
    assert len(RELEVANCE) >= 60
    failures = []
    for query, services, city in RELEVANCE:
        wanted = expected(services, city)
        assert wanted, query  # the set must ask for something the demo has
        results = found(query)
        missing = wanted - set(results)
        if missing or not results or results[0] not in wanted:
            failures.append(f"{query!r}: missing {sorted(missing)}, first {results[:1]}")
        if city:
            in_other_cities = Member.objects.filter(slug__in=results).exclude(city=city).count()
            if in_other_cities:
                failures.append(f"{query!r}: {in_other_cities} members outside {city}")
    assert failures == []
