"""The indexes the public pages and the search rely on exist after migrating."""

import pytest
from django.db import connection

from members.models import Member

pytestmark = pytest.mark.django_db

EXPECTED = {
    "members_member": {
        "member_public_by_name": "(name, id) WHERE (is_public AND ((status)::text = 'active'::text))",
        "member_public_by_update": "(updated_at DESC, name) WHERE (is_public AND ((status)::text = 'active'::text))",
        "member_public_by_city": "(city) WHERE (is_public AND ((status)::text = 'active'::text))",
    },
    "core_searchterm": {"core_searchterm_in_documents": "(term) WHERE (frequency > 0)"},
}
GIN_TABLES = ["members_member", "news_post", "events_event", "productions_productionlead"]


def indexes(table: str) -> dict[str, str]:
    with connection.cursor() as cursor:
        cursor.execute("SELECT indexname, indexdef FROM pg_indexes WHERE tablename = %s", [table])
        return dict(cursor.fetchall())


@pytest.mark.parametrize("table", sorted(EXPECTED))
def test_partial_indexes_exist_with_their_condition(table):
    found = indexes(table)

    for name, tail in EXPECTED[table].items():
        assert found[name].endswith(tail), found.get(name)


@pytest.mark.parametrize("table", GIN_TABLES)
def test_search_vectors_have_a_gin_index(table):
    assert [d for d in indexes(table).values() if "USING gin (search_vector)" in d] != []


def test_default_catalogue_page_uses_the_partial_index():
    # The planner rightly sorts a few dozen rows rather than walk an index, and which it
    # does depends on whatever statistics earlier tests left: so give it a catalogue of
    # the size the index is for, with hidden and former members around it, and fresh
    # statistics.
    Member.objects.bulk_create(
        Member(
            name=f"Studio {n:05d}",
            slug=f"studio-{n:05d}",
            city="Kraków",
            is_public=n % 10 != 0,
            status=Member.Status.FORMER if n % 7 == 0 else Member.Status.ACTIVE,
        )
        for n in range(3000)
    )
    with connection.cursor() as cursor:
        cursor.execute("ANALYZE members_member")
        cursor.execute(
            "EXPLAIN SELECT id FROM members_member WHERE status = 'active' AND is_public ORDER BY name, id LIMIT 24"
        )
        plan = "\n".join(row[0] for row in cursor.fetchall())

    assert "member_public_by_name" in plan
    assert "Sort" not in plan
