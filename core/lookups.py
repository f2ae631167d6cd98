"""``field__any=[...]``: ``field = ANY(%s)`` with the list as one array parameter.

For long lists of ids (the matches of a search): ``__in`` would send one parameter per
id and make PostgreSQL parse a statement as long as the list.
"""

from django.contrib.postgres.fields import ArrayField
from django.db.models import Field, IntegerField, Lookup


class AnyLookup(Lookup):
    lookup_name = "any"
    prepare_rhs = False

    def get_prep_lookup(self):
        items = list(self.rhs)
        if isinstance(self.lhs.output_field, IntegerField) and all(type(item) is int for item in items):
            return items  # ids as the search gives them (thousands): nothing to prepare
        return [self.lhs.output_field.get_prep_value(item) for item in items]

    def get_db_prep_lookup(self, value, connection):
        return ("%s", [list(value)])

    def as_sql(self, compiler, connection):
        lhs, lhs_params = self.process_lhs(compiler, connection)
        rhs, rhs_params = self.process_rhs(compiler, connection)
        array_type = ArrayField(self.lhs.output_field).db_type(connection)
        return f"{lhs} = ANY({rhs}::{array_type})", [*lhs_params, *rhs_params]


Field.register_lookup(AnyLookup)
