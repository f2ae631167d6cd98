"""A paginator for large admin changelists: the planner's row estimate instead of an exact
COUNT(*) of a whole big table.

An unfiltered list of a table with more rows than ``THRESHOLD`` (by PostgreSQL's own
statistics, ``pg_class.reltuples``) shows that estimate; a filtered or smaller list
counts exactly, once. With ``show_full_result_count = False`` on the ModelAdmin, the
changelist asks for no second count either.
"""

from __future__ import annotations

from django.core.paginator import Paginator
from django.db import connections
from django.utils.functional import cached_property

THRESHOLD = 5000


class EstimatedCountPaginator(Paginator):
    @cached_property
    def count(self) -> int:
        queryset = self.object_list
        query = getattr(queryset, "query", None)
        if query is not None and not query.where and not query.distinct and not query.combinator:
            with connections[queryset.db].cursor() as cursor:
                cursor.execute(
                    "SELECT reltuples::bigint FROM pg_class WHERE oid = to_regclass(%s)",
                    [queryset.model._meta.db_table],
                )
                row = cursor.fetchone()
            if row and row[0] and row[0] > THRESHOLD:
                return int(row[0])
        return super().count
