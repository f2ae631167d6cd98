"""load_taxonomy: the service taxonomy from a file, idempotent, safe in production."""

import json
from io import StringIO

import pytest
from django.core.management import CommandError, call_command

from members.models import ServiceCategory
from members.taxonomy import load_taxonomy
from tests.factories.members import MemberFactory, MemberServiceFactory

pytestmark = pytest.mark.django_db

SMALL = {
    "categories": [
        {
            "slug": "post",
            "name": {"pl": "Postprodukcja", "en": "Post-production"},
            "children": [
                {
                    "slug": "grading",
                    "name": {"pl": "Korekcja barwna", "en": "Colour grading"},
                    "synonyms": {"pl": ["koloryzacja", "kolorysta"], "en": ["colorist", "DI"]},
                },
                {"slug": "sound", "name": {"pl": "Dźwięk", "en": "Sound"}},
            ],
        }
    ]
}


def write(tmp_path, document) -> str:
    path = tmp_path / "taxonomy.json"
    path.write_text(json.dumps(document, ensure_ascii=False), encoding="utf-8")
    return str(path)


def run(*args) -> str:
    out = StringIO()
    call_command("load_taxonomy", *args, stdout=out)
    return out.getvalue()


def test_load_taxonomy_creates_both_levels_in_both_languages_with_synonyms(tmp_path):
    output = run(write(tmp_path, SMALL))

    grading = ServiceCategory.objects.get(slug="grading")
    assert "3 created, 0 updated, 0 unchanged" in output
    assert (grading.parent.slug, grading.name_pl, grading.name_en) == ("post", "Korekcja barwna", "Colour grading")
    assert (grading.synonyms_pl, grading.synonyms_en) == ("koloryzacja, kolorysta", "colorist, DI")
    assert grading.synonym_list() == ["koloryzacja", "kolorysta", "colorist", "DI"]
    assert dict(ServiceCategory.objects.values_list("slug", "position")) == {"post": 0, "grading": 0, "sound": 1}


def test_load_taxonomy_twice_changes_nothing(tmp_path):
    path = write(tmp_path, SMALL)
    run(path)
    before = list(ServiceCategory.objects.order_by("slug").values())

    output = run(path)

    assert "0 created, 0 updated, 3 unchanged" in output
    assert list(ServiceCategory.objects.order_by("slug").values()) == before


def test_load_taxonomy_updates_what_the_file_changed_and_keeps_members_services(tmp_path):
    run(write(tmp_path, SMALL))
    service = MemberServiceFactory(member=MemberFactory(), category=ServiceCategory.objects.get(slug="sound"))
    changed = json.loads(json.dumps(SMALL))
    changed["categories"][0]["children"][1]["name"]["en"] = "Sound post-production"
    del changed["categories"][0]["children"][0]  # no longer in the file: kept, not deleted

    output = run(write(tmp_path, changed))

    assert "0 created, 1 updated, 1 unchanged" in output
    assert ServiceCategory.objects.get(slug="sound").name_en == "Sound post-production"
    assert ServiceCategory.objects.filter(slug="grading").exists()
    service.refresh_from_db()
    assert service.category.slug == "sound"


def test_load_taxonomy_only_new_keeps_the_coordinators_edits(tmp_path):
    path = write(tmp_path, SMALL)
    run(path)
    ServiceCategory.objects.filter(slug="grading").update(synonyms_en="colorist, DI, grade")

    output = run(path, "--only-new")

    assert "0 created, 0 updated, 3 unchanged" in output
    assert ServiceCategory.objects.get(slug="grading").synonyms_en == "colorist, DI, grade"


@pytest.mark.parametrize(
    ("document", "message"),
    [
        ({"categories": []}, "at least one category"),
        ({"categories": [{"name": {"pl": "A", "en": "A"}}]}, "every category needs a slug"),
        ({"categories": [{"slug": "a", "name": {"pl": "A"}}]}, "a name in both languages"),
        ({"categories": [{"slug": "a", "name": {"pl": "A", "en": "A"}}] * 2}, "used twice"),
    ],
)
def test_load_taxonomy_refuses_a_bad_file_and_changes_nothing(tmp_path, document, message):
    with pytest.raises(CommandError, match=message):
        run(write(tmp_path, document))

    assert ServiceCategory.objects.count() == 0


def test_load_taxonomy_runs_in_production(tmp_path, settings):
    settings.PRODUCTION = True

    result = load_taxonomy(write(tmp_path, SMALL))

    assert sorted(result.created) == ["grading", "post", "sound"]


def test_shipped_taxonomy_is_the_demos(db):
    result = load_taxonomy()

    assert len(result.created) == 32
    assert ServiceCategory.objects.get(slug="aerial").synonyms_en == "drone, UAV, aerial filming, aerials"
