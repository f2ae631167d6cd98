"""Keep the members' search vectors in the row (compressed) instead of in TOAST.

Matching reads ``search_vector`` and ranking reads ``search_names`` of every matching
member: out of line, each row costs a TOAST index lookup per vector, which at 10,000
members made one search scan ~30,000 extra buffers. Stored ``MAIN`` they are
compressed in place (long descriptions still move out), so a search reads the heap
only. Rows written before this take it on their next update (``rebuild_search_index``).
"""

from django.db import migrations

COLUMNS = ("search_vector", "search_names")


class Migration(migrations.Migration):
    dependencies = [
        ("members", "0005_search_names"),
    ]

    operations = [
        migrations.RunSQL(
            sql=[f"ALTER TABLE members_member ALTER COLUMN {column} SET STORAGE MAIN" for column in COLUMNS],
            reverse_sql=[f"ALTER TABLE members_member ALTER COLUMN {column} SET STORAGE EXTENDED" for column in COLUMNS],
        ),
    ]
