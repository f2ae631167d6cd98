"""The user's rights under the GDPR: a copy of their data, and erasure.

Both work from the relations of the User model rather than from a list of apps, so a
table added later by any app is covered without touching this module:

* **Export** collects every row of every model with a foreign key, one-to-one or
  many-to-many to the user (``_meta.get_fields(include_hidden=True)``, so the history
  tables of django-simple-history are included), plus the rows that name the user only by
  an email address, the login or any other address they added (invitations, applications
  to join, and the rows of ``ADDRESS_NAMED``: a guest's event registration, an inquiry
  sent from the public forms). Relations that record who *acted*
  on someone else's data (``invited_by``, ``reviewed_by``…, see ``ACTOR_FIELDS``) are
  left out: those rows hold other people's personal data. Secrets (password hash, TOTP
  seeds) are never exported.
* **Deletion** removes the user. Rows with a non-nullable key to the user disappear with
  it (``on_delete=CASCADE``: their memberships, email addresses, authenticators). Rows
  with a *nullable* key — an event registration, a lead interest, a history row — stay,
  for the firm's and the cluster's records, but anonymised: the key is set to NULL and
  the obvious personal columns (``PERSONAL_FIELDS``: name, email, phone…) are blanked
  (addresses become ``deleted-<id>@invalid``, which keeps unique constraints intact).
  On rows linked by an ``ACTOR_FIELDS`` key those columns describe someone else (the
  invitee, the firm) and are kept. Rows that name the user only by an address
  (``ADDRESS_NAMED``) lose the name and the address the same way; what they say (an
  inquiry's message, which the firm received) stays. The outbox's emails to the user's
  addresses are deleted (exported as kind, subject and times). The admin's log entries about the user's rows lose
  their text, which repeats names ("Name @ Firm"). The firm itself is never touched.
"""

from __future__ import annotations

import json

from allauth.account.models import EmailAddress
from django.apps import apps
from django.contrib.admin.models import LogEntry
from django.contrib.auth import SESSION_KEY
from django.contrib.contenttypes.models import ContentType
from django.contrib.sessions.backends.cached_db import SessionStore as CachedSessionStore
from django.contrib.sessions.models import Session
from django.core import serializers
from django.core.exceptions import FieldDoesNotExist
from django.core.serializers.json import DjangoJSONEncoder
from django.db import models, transaction
from django.db.models import F, Q, Value
from django.db.models.functions import Cast, Concat
from django.utils import timezone

from core.models import OutboundEmail

from .models import Invitation, MembershipApplication, User

# Other apps' personal data that rows pointing to the user do not tell whole (a crew
# profile with its credits and periods…): each registers, in its ``apps.ready``, a key of
# the export with ``export(user) -> dict`` and ``erase(user)``. Accounts never imports them.
_personal_data: dict[str, tuple] = {}


def register_personal_data(key: str, *, export, erase) -> None:
    _personal_data[key] = (export, erase)


# Columns that hold a person's identity on rows that point to the user.
PERSONAL_FIELDS = (
    "name",
    "full_name",
    "first_name",
    "last_name",
    "email",
    "phone",
    "contact_name",
    "contact_email",
    "contact_phone",
)
# Keys that say who did something to a row that is about someone or something else.
ACTOR_FIELDS = {
    "history_user",
    "invited_by",
    "reviewed_by",
    "created_by",
    "updated_by",
    "author",
    "approved_by",
    "sent_by",
    "changed_by",
    "moderated_by",
}
# Rows with no key to an account that name a person by address, filled in on public forms
# without logging in: (model label, address column, name columns).
ADDRESS_NAMED = (
    ("events.Registration", "email", ("name",)),
    ("members.Inquiry", "email", ("name",)),
    ("productions.ProductionInquiry", "email", ("producer_name",)),
)
# Columns never exported: secrets that would let the file's holder sign in.
SECRET_FIELDS = {("accounts", "user"): {"password"}, ("mfa", "authenticator"): {"data"}}


def user_addresses(user: User) -> list[str]:
    """Every address of the user: the login and the others they added (allauth)."""

    addresses = {user.email.lower()}
    addresses.update(e.lower() for e in EmailAddress.objects.filter(user=user).values_list("email", flat=True))
    return sorted(addresses)


def _naming(user: User, field: str) -> Q:
    """Rows whose ``field`` holds one of the user's addresses, in any letter case."""
    condition = Q(pk__in=[])
    for address in user_addresses(user):
        condition |= Q(**{f"{field}__iexact": address})
    return condition


def _address_named(user: User):
    """(model, address column, name columns, queryset) of the ADDRESS_NAMED rows naming the user."""
    for label, address_field, name_fields in ADDRESS_NAMED:
        model = apps.get_model(label)
        yield model, address_field, name_fields, model._base_manager.filter(_naming(user, address_field))


def user_relations():
    """Every reverse relation to the User model: (model, field name, nullable, many_to_many)."""
    for field in User._meta.get_fields(include_hidden=True):
        if not field.auto_created or field.concrete or not field.is_relation:
            continue
        remote = field.remote_field  # the ForeignKey / ManyToManyField on the other model
        yield field.related_model, remote.name, bool(getattr(remote, "null", False)), field.many_to_many


def _rows(queryset) -> list[dict]:
    model = queryset.model
    hidden = SECRET_FIELDS.get((model._meta.app_label, model._meta.model_name), set())
    rows = []
    for item in serializers.serialize("python", queryset):
        fields = {key: value for key, value in item["fields"].items() if key not in hidden}
        rows.append({"id": item["pk"], **fields})
    return rows


def user_data_export(user: User) -> dict:
    """Everything stored about the user, as JSON-ready data."""
    related: dict[str, list[dict]] = {}
    for model, field_name, _nullable, _m2m in user_relations():
        if field_name in ACTOR_FIELDS or model is User:
            continue
        rows = _rows(model._base_manager.filter(**{field_name: user}).order_by("pk"))
        if rows:
            related.setdefault(model._meta.label, []).extend(rows)
    return {
        "generated_at": timezone.now(),
        "user": _rows(User.objects.filter(pk=user.pk))[0],
        "memberships": [
            {"member": m.member.name, "role": m.role, "since": m.created_at}
            for m in user.memberships.select_related("member").order_by("pk")
        ],
        "invitations_received": [
            {"member": i.member.name, "role": i.role, "state": i.state, "sent_at": i.sent_at}
            for i in Invitation.objects.filter(_naming(user, "email")).select_related("member").order_by("pk")
        ],
        "applications_sent": _rows(MembershipApplication.objects.filter(_naming(user, "contact_email"))),
        "emails_sent_to_you": [
            {"kind": e.kind, "subject": e.subject, "state": e.state, "created_at": e.created_at, "sent_at": e.sent_at}
            for e in OutboundEmail.objects.filter(_naming(user, "recipients")).order_by("pk")
        ],
        "sent_under_your_address": {
            model._meta.label: rows for model, _a, _n, queryset in _address_named(user) if (rows := _rows(queryset))
        },
        "related_records": related,
        **{key: export(user) for key, (export, _erase) in _personal_data.items()},
    }


def user_data_export_json(user: User) -> str:
    return json.dumps(user_data_export(user), cls=DjangoJSONEncoder, ensure_ascii=False, indent=2)


def _blank_values(model, only: tuple[str, ...] = PERSONAL_FIELDS) -> dict:
    """Column -> anonymous value for the personal columns the model has.

    Addresses become ``deleted-<row id>@invalid`` rather than empty, so that a unique
    constraint on an address (one registration per address and event) still holds.
    """
    values = {}
    for name in only:
        try:
            field = model._meta.get_field(name)
        except FieldDoesNotExist:
            continue
        if not isinstance(field, models.CharField | models.TextField) or field.primary_key:
            continue
        if isinstance(field, models.EmailField) or "email" in name:
            values[name] = Concat(Value("deleted-"), Cast(F("pk"), output_field=models.CharField()), Value("@invalid"))
        elif not field.unique:
            values[name] = None if field.null else ""
    return values


def _rows_about(user: User) -> dict:
    """model -> primary keys of the rows about the user (not those they merely acted on)."""
    rows = {
        User: [user.pk],
        Invitation: list(Invitation.objects.filter(_naming(user, "email")).values_list("pk", flat=True)),
        MembershipApplication: list(
            MembershipApplication.objects.filter(_naming(user, "contact_email")).values_list("pk", flat=True)
        ),
    }
    for model, _address, _names, queryset in _address_named(user):
        rows.setdefault(model, []).extend(queryset.values_list("pk", flat=True))
    for model, field_name, _nullable, many_to_many in user_relations():
        if many_to_many or field_name in ACTOR_FIELDS or model in (User, LogEntry):
            continue
        pks = model._base_manager.filter(**{field_name: user}).values_list("pk", flat=True)
        rows.setdefault(model, []).extend(pks)
    return rows


def _scrub_admin_log(rows: dict) -> None:
    """The admin's log names the object it changed (a membership reads "Name @ Firm")."""
    for model, pks in rows.items():
        if not pks:
            continue
        LogEntry.objects.filter(
            content_type=ContentType.objects.get_for_model(model, for_concrete_model=False),
            object_id__in=[str(pk) for pk in pks],
        ).update(object_repr=Concat(Value("#"), F("object_id")), change_message="")


@transaction.atomic
def user_delete(*, user: User) -> None:
    """Erase the user and their personal data; keep the firm and anonymised records."""
    _scrub_admin_log(_rows_about(user))
    for _export, erase in _personal_data.values():
        erase(user)  # e.g. a crew profile: the person's own, it goes rather than being anonymised
    # Rows that name the user only by address (any of their addresses). An application's
    # address becomes deleted-<id>@invalid, so two anonymised ones never look alike.
    Invitation.objects.filter(_naming(user, "email")).delete()
    # The outbox is a delivery log, not a record: the emails to the person go whole.
    OutboundEmail.objects.filter(_naming(user, "recipients")).delete()
    MembershipApplication.objects.filter(_naming(user, "contact_email")).update(
        contact_name="", contact_phone="", **_blank_values(MembershipApplication, only=("contact_email",))
    )
    for model, address_field, name_fields, queryset in _address_named(user):
        queryset.update(**{name: "" for name in name_fields}, **_blank_values(model, only=(address_field,)))
    for model, field_name, nullable, many_to_many in user_relations():
        if many_to_many or not nullable or model is User:
            continue  # m2m links and non-nullable keys go with the user (CASCADE)
        updates = {field_name: None}
        if field_name not in ACTOR_FIELDS:
            updates.update(_blank_values(model))
        model._base_manager.filter(**{field_name: user}).update(**updates)
    end_sessions(user=user)
    user.delete()


def end_sessions(*, user: User) -> int:
    """End every session of ``user`` (the database row and its cached copy), on every
    device. Sessions do not say whose they are without decoding them, so each live one is
    read: an erasure is rare, and this keeps the session tables Django's own."""
    ended = 0
    for session in Session.objects.filter(expire_date__gt=timezone.now()).iterator():
        if session.get_decoded().get(SESSION_KEY) == str(user.pk):
            CachedSessionStore(session_key=session.session_key).delete()
            ended += 1
    return ended
