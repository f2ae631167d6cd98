"""Reads of the members area, for its own views and for other apps.

``public_members()`` is the one definition of what the public may see: active and
public members only. Hidden, suspended and former members never leave through it.
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass, field
from datetime import datetime

from django.db.models import Count, Prefetch, Q, QuerySet
from django.http import QueryDict
from django.utils import timezone

from .filters import MemberFilter
from .models import STAFF_LANGUAGES, Member, MemberService, ServiceCategory

FACETS = ("service", "city", "language", "kind")


def public_members() -> QuerySet[Member]:
    return Member.objects.filter(status=Member.Status.ACTIVE, is_public=True)


def members_joined_since(moment: datetime) -> QuerySet[Member]:
    """Public members who joined at or after ``moment`` (for the digest).

    A member's ``member_since`` date is authoritative; members without it count from
    the moment their record was created.
    """
    since_date = timezone.localdate(moment)
    return (
        public_members()
        .filter(Q(member_since__gte=since_date) | Q(member_since__isnull=True, created_at__gte=moment))
        .order_by("name")
    )


def with_card_data(queryset: QuerySet[Member]) -> QuerySet[Member]:
    """What a catalogue card shows, in a fixed number of queries."""
    return queryset.prefetch_related(Prefetch("services", queryset=MemberService.objects.select_related("category")))


def public_member_profile(slug: str) -> Member:
    """One public member with everything its profile shows (raises DoesNotExist)."""
    return _with_profile_data(public_members()).get(slug=slug)


def member_profile_preview(slug: str) -> Member:
    """Any member, whatever its status, for the coordinator's preview."""
    return _with_profile_data(Member.objects.all()).get(slug=slug)


def _with_profile_data(queryset: QuerySet[Member]) -> QuerySet[Member]:
    return queryset.prefetch_related(
        Prefetch("services", queryset=MemberService.objects.select_related("category__parent")),
        "credits",
        "images",
        "resources",
    )


def public_members_by_slugs(slugs: list[str]) -> list[Member]:
    """Public members in the order of ``slugs`` (a shortlist); unknown slugs are dropped."""
    found = {m.slug: m for m in with_card_data(public_members().filter(slug__in=slugs))}
    return [found[slug] for slug in dict.fromkeys(slugs) if slug in found]


@dataclass
class FacetOption:
    value: str
    label: str
    count: int
    selected: bool
    children: list[FacetOption] = field(default_factory=list)


def _without(data: QueryDict, key: str) -> QueryDict:
    other = data.copy()
    other.pop(key, None)
    return other


def catalogue_facets(data: QueryDict) -> dict[str, list[FacetOption]]:
    """Counts next to each filter option: members matching all the *other* filters.

    Four queries, whatever the number of members or options.
    """
    base = public_members()
    others = {name: MemberFilter(_without(data, name), queryset=base).qs.order_by() for name in FACETS}
    chosen = {name: set(data.getlist(name)) for name in FACETS}

    # Services: distinct members per category and per top-level area.
    pairs = MemberService.objects.filter(member__in=others["service"].values("pk")).values_list(
        "member_id", "category_id", "category__parent_id"
    )
    members_per_category: dict[int, set[int]] = {}
    for member_id, category_id, parent_id in pairs:
        members_per_category.setdefault(category_id, set()).add(member_id)
        if parent_id:
            members_per_category.setdefault(parent_id, set()).add(member_id)
    categories = list(ServiceCategory.objects.order_by("position", "slug"))
    options = {
        c.pk: FacetOption(c.slug, c.name, len(members_per_category.get(c.pk, ())), c.slug in chosen["service"])
        for c in categories
    }
    services = []
    for category in categories:
        option = options[category.pk]
        if category.parent_id is None:
            services.append(option)
        elif category.parent_id in options:
            options[category.parent_id].children.append(option)
    services = [
        option for option in services if option.count or option.selected or any(c.selected for c in option.children)
    ]
    for option in services:
        option.children = [c for c in option.children if c.count or c.selected]

    cities = [
        FacetOption(row["city"], row["city"], row["n"], row["city"] in chosen["city"])
        for row in others["city"].values("city").annotate(n=Count("pk")).order_by("city")
    ]
    language_counts = Counter(
        code for codes in others["language"].values_list("languages", flat=True) for code in set(codes or [])
    )
    languages = [
        FacetOption(code, str(label), language_counts[code], code in chosen["language"])
        for code, label in STAFF_LANGUAGES
        if language_counts[code] or code in chosen["language"]
    ]
    kind_counts = dict(others["kind"].values_list("kind").annotate(n=Count("pk")).values_list("kind", "n"))
    kinds = [
        FacetOption(value, str(label), kind_counts.get(value, 0), value in chosen["kind"])
        for value, label in Member.Kind.choices
    ]
    return {"service": services, "city": cities, "language": languages, "kind": kinds}


def selected_filter_labels(facets: dict[str, list[FacetOption]]) -> list[str]:
    labels = []
    for options in facets.values():
        for option in options:
            if option.selected:
                labels.append(option.label)
            labels += [child.label for child in option.children if child.selected]
    return labels


def fallback_note_language(instance, field_name: str) -> str | None:
    """The language a translated text is shown in when the current one is empty."""
    from django.utils.translation import get_language

    current = (get_language() or "pl")[:2]
    if getattr(instance, f"{field_name}_{current}", None):
        return None
    for code in ("pl", "en"):
        if code != current and getattr(instance, f"{field_name}_{code}", None):
            return code
    return None


# --- The "My company" editor ----------------------------------------------------------------


def member_for_editing(*, slug: str):
    return (
        Member.objects.filter(slug=slug)
        .prefetch_related(Prefetch("services", queryset=MemberService.objects.select_related("category__parent")))
        .first()
    )


HISTORY_HIDDEN = {"history_id", "history_date", "history_change_reason", "history_type", "history_user_id", "id"}


def _compared_fields(history_model) -> tuple[list[str], dict]:
    attnames = {f.attname for f in history_model._meta.concrete_fields}
    # A translated field is compared through its _pl/_en columns, not the original one.
    names = [
        name
        for name in sorted(attnames - HISTORY_HIDDEN)
        if f"{name}_pl" not in attnames and f"{name}_en" not in attnames
    ]
    return names, {f.attname: f.verbose_name for f in history_model._meta.concrete_fields}


def _profile_entries(member: Member, limit: int) -> list[dict]:
    records = list(member.history.select_related("history_user").order_by("-history_date", "-history_id")[: limit + 1])
    field_names, labels = _compared_fields(Member.history.model)
    entries = []
    for record, previous in zip(records[:limit], records[1:] + [None], strict=False):
        changed = (
            [] if previous is None else [labels[n] for n in field_names if getattr(record, n) != getattr(previous, n)]
        )
        entries.append(
            {
                "date": record.history_date,
                "user": record.history_user,
                "type": record.get_history_type_display(),
                "what": Member._meta.verbose_name,
                "label": "",
                "changed": changed,
            }
        )
    return entries


def _child_label(record) -> str:
    for name in ("title", "name", "caption", "category"):
        value = getattr(record, name, None)
        if value:
            return str(getattr(value, "name", value))
    return ""


def _list_entries(member: Member, limit: int) -> list[dict]:
    """Changes to the firm's lists (services, credits, gallery, resources): one query each."""
    entries = []
    for relation in Member._meta.related_objects:
        child = relation.related_model
        history = getattr(child, "history", None)
        if relation.one_to_many is False or history is None or relation.field.name != "member":
            continue
        history_model = child.history.model
        related = ["history_user"] + (["category"] if "category" in {f.name for f in child._meta.fields} else [])
        records = (
            history_model.objects.filter(member_id=member.pk)
            .select_related(*related)
            .order_by("-history_date", "-history_id")[:limit]
        )
        entries.extend(
            {
                "date": record.history_date,
                "user": record.history_user,
                "type": record.get_history_type_display(),
                "what": child._meta.verbose_name,
                "label": _child_label(record),
                "changed": [],
            }
            for record in records
        )
    return entries


def member_history(member: Member, *, limit: int = 30) -> list[dict]:
    """The profile's latest changes, newest first: who, when, what, and which fields.

    The firm's own row is compared with the version before it in Python; its lists
    (services, credits, gallery, resources — every child model with history) add one
    query each, so the page costs the same however long the history is.
    """
    entries = _profile_entries(member, limit) + _list_entries(member, limit)
    entries.sort(key=lambda entry: entry["date"], reverse=True)
    return entries[:limit]


__all__ = [
    "FACETS",
    "FacetOption",
    "catalogue_facets",
    "fallback_note_language",
    "member_profile_preview",
    "member_for_editing",
    "member_history",
    "members_joined_since",
    "public_member_profile",
    "public_members",
    "public_members_by_slugs",
    "selected_filter_labels",
    "with_card_data",
]
