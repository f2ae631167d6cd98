"""Reads for the coordinator's desk: what needs attention now, the activity charts and
the public "cluster in numbers".

Every function here runs a fixed number of aggregate queries (``COUNT`` with ``GROUP
BY`` in the database), whatever the amount of data: the dashboard's query budget does
not grow with the cluster. Dates are bucketed in Europe/Warsaw (the current time zone)
and the same date boundaries are used for a number and for the admin link that lists
what it counts, so the list always shows exactly the counted rows.
"""

from __future__ import annotations

import calendar
from dataclasses import dataclass
from datetime import date, timedelta
from urllib.parse import urlencode

from django.core.cache import cache
from django.db.models import Count, F, IntegerField, Q
from django.db.models.functions import Coalesce, ExtractYear, TruncMonth, TruncWeek
from django.urls import reverse
from django.utils import formats, timezone
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from accounts.models import Invitation
from cooperation.models import CallParticipation, RequestReport
from digests.models import DigestDelivery
from events.models import Event, Registration
from members.models import Inquiry, Member, MemberService, ServiceCategory
from news.models import Post
from productions.models import LeadResponse, LeadStatusChange, ProductionInquiry, ProductionLead

from .charts import Chart, Series

NEW_INQUIRY_DAYS = 14
NEW_INTEREST_DAYS = 7
DEADLINE_DAYS = 14
STALE_PROFILE_MONTHS = 6
NUMBERS_CACHE_SECONDS = 600


# --- Dates ------------------------------------------------------------------------------


def add_months(day: date, months: int) -> date:
    index = day.year * 12 + day.month - 1 + months
    year, month = divmod(index, 12)
    month += 1
    return date(year, month, min(day.day, calendar.monthrange(year, month)[1]))


@dataclass(frozen=True)
class Period:
    """Whole days from ``start`` to ``end``, both included (local dates)."""

    start: date
    end: date

    @classmethod
    def default(cls, today: date | None = None) -> Period:
        """The last 12 months: this month and the 11 before it."""
        today = today or timezone.localdate()
        return cls(start=add_months(today.replace(day=1), -11), end=today)

    def months(self) -> list[date]:
        first, last = self.start.replace(day=1), self.end.replace(day=1)
        months = []
        while first <= last:
            months.append(first)
            first = add_months(first, 1)
        return months

    def weeks(self) -> list[date]:
        monday = self.start - timedelta(days=self.start.weekday())
        weeks = []
        while monday <= self.end:
            weeks.append(monday)
            monday += timedelta(days=7)
        return weeks

    def q(self, field: str) -> Q:
        return Q(**{f"{field}__date__gte": self.start, f"{field}__date__lte": self.end})


def _month_label(month: date) -> str:
    return formats.date_format(month, "M Y")


def _month_axis(months: list[date]) -> list[str]:
    return [formats.date_format(m, "M y") for m in months]


def _bucket(value) -> date:
    return timezone.localtime(value).date() if hasattr(value, "tzinfo") and value.tzinfo else value


def _admin_url(name: str, **params) -> str:
    url = reverse(name)
    return f"{url}?{urlencode(params)}" if params else url


# --- Needs attention now ----------------------------------------------------------------


@dataclass
class AttentionItem:
    key: str
    label: str
    count: int
    url: str


def attention(*, now=None) -> dict:
    """The numbers on top of the dashboard, each with the admin list it counts."""
    now = now or timezone.now()
    today = timezone.localdate(now)
    inquiries_since = today - timedelta(days=NEW_INQUIRY_DAYS)
    interests_since = today - timedelta(days=NEW_INTEREST_DAYS)
    deadlines_until = today + timedelta(days=DEADLINE_DAYS)
    monday = today - timedelta(days=today.weekday())
    sunday = monday + timedelta(days=6)
    stale_before = add_months(today, -STALE_PROFILE_MONTHS)

    items = [
        AttentionItem(
            "new_inquiries",
            _("New production inquiries (last 14 days, not turned into a lead)"),
            ProductionInquiry.objects.filter(lead__isnull=True, created_at__date__gte=inquiries_since).count(),
            _admin_url(
                "admin:productions_productioninquiry_changelist",
                lead__isnull="True",
                created_at__date__gte=inquiries_since.isoformat(),
            ),
        ),
        AttentionItem(
            "new_interests",
            _("New interest in leads (last 7 days)"),
            LeadResponse.objects.filter(
                status__in=LeadResponse.POSITIVE, created_at__date__gte=interests_since
            ).count(),
            _admin_url(
                "admin:desk_leadinterest_changelist",
                status__in=",".join(LeadResponse.POSITIVE),
                created_at__date__gte=interests_since.isoformat(),
            ),
        ),
        AttentionItem(
            "pending_invitations",
            _("Invitations waiting to be accepted"),
            Invitation.objects.filter(status=Invitation.Status.PENDING, expires_at__gt=now).count(),
            _admin_url("admin:accounts_invitation_changelist", state=Invitation.Status.PENDING),
        ),
        AttentionItem(
            "failed_deliveries",
            _("Failed digest deliveries"),
            DigestDelivery.objects.filter(state=DigestDelivery.State.FAILED).count(),
            _admin_url("admin:digests_digestdelivery_changelist", state__exact=DigestDelivery.State.FAILED),
        ),
        AttentionItem(
            "deadlines",
            _("Funding call and tender deadlines in the next 14 days"),
            Post.objects.calls().filter(deadline__date__gte=today, deadline__date__lt=deadlines_until).count(),
            _admin_url(
                "admin:news_post_changelist",
                category__in=",".join(Post.CALL_CATEGORIES),
                deadline__date__gte=today.isoformat(),
                deadline__date__lt=deadlines_until.isoformat(),
            ),
        ),
        AttentionItem(
            "open_reports",
            _("Cooperation requests reported by members, not dealt with"),
            RequestReport.objects.filter(resolved=False).count(),
            _admin_url("admin:cooperation_requestreport_changelist", resolved__exact="0"),
        ),
        AttentionItem(
            "stale_profiles",
            _("Active firms whose profile was not updated for 6 months"),
            Member.objects.filter(status=Member.Status.ACTIVE, updated_at__date__lt=stale_before).count(),
            _admin_url(
                "admin:members_member_changelist",
                status__exact=Member.Status.ACTIVE,
                updated_at__date__lt=stale_before.isoformat(),
            ),
        ),
    ]
    events = list(
        Event.objects.filter(starts_at__date__gte=monday, starts_at__date__lte=sunday)
        .annotate(taken_seats=Count("registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)))
        .order_by("starts_at", "pk")
    )
    for event in events:
        event.fill_rate = round(100 * event.taken_seats / event.capacity) if event.capacity else None
        event.registrations_url = _admin_url("admin:events_registration_changelist", event__id__exact=event.pk)
    return {
        "items": items,
        "events_this_week": events,
        "week": (monday, sunday),
        "events_url": _admin_url(
            "admin:events_event_changelist",
            starts_at__date__gte=monday.isoformat(),
            starts_at__date__lte=sunday.isoformat(),
        ),
    }


# --- Charts -----------------------------------------------------------------------------


def _monthly(queryset, field: str, period: Period, group: str | None = None) -> dict:
    """``{(month, group value): count}`` for rows whose ``field`` falls in the period."""
    rows = (
        queryset.filter(period.q(field))
        .annotate(month=TruncMonth(field))
        .values("month", *([group] if group else []))
        .annotate(n=Count("pk"))
        .order_by()
    )
    return {(_bucket(r["month"]), r[group] if group else None): r["n"] for r in rows}


def leads_by_month_and_status(period: Period) -> Chart:
    """How many leads reached each status in each month (from the status history), so
    a month shows the market moving: rumours coming in, productions confirmed, wrapped."""
    counts = _monthly(LeadStatusChange.objects.all(), "reached_at", period, "status")
    months = period.months()
    series = [
        Series(str(label), [counts.get((m, value), 0) for m in months])
        for value, label in ProductionLead.Status.choices
        if any(counts.get((m, value)) for m in months)
    ]
    return Chart(
        "leads-by-month",
        str(_("Production leads by month and the status they reached")),
        "bar",
        [_month_label(m) for m in months],
        series,
        label_header=str(_("month")),
        axis_labels=_month_axis(months),
    )


def leads_by_kind(period: Period) -> Chart:
    rows = dict(
        ProductionLead.objects.filter(period.q("created_at"))
        .values("kind")
        .annotate(n=Count("pk"))
        .order_by()
        .values_list("kind", "n")
    )
    choices = [(value, label) for value, label in ProductionLead.Kind.choices if rows.get(value)]
    choices.sort(key=lambda c: -rows[c[0]])
    return Chart(
        "leads-by-kind",
        str(_("Production leads by kind")),
        "hbar",
        [str(label) for _value, label in choices],
        [Series(str(_("leads")), [rows[value] for value, _label in choices])],
        label_header=str(_("kind")),
    )


def services_most_asked(period: Period, limit: int = 10) -> Chart:
    categories = list(
        ServiceCategory.objects.annotate(
            in_leads=Count("production_leads", filter=period.q("production_leads__created_at"), distinct=True),
            in_inquiries=Count(
                "production_inquiries", filter=period.q("production_inquiries__created_at"), distinct=True
            ),
        )
        .annotate(total=F("in_leads") + F("in_inquiries"))
        .filter(total__gt=0)
        .select_related("parent")
        .order_by("-total", "position", "slug")[:limit]
    )
    return Chart(
        "services-asked",
        str(_("Services most asked for")),
        "hbar",
        [c.name for c in categories],
        [
            Series(str(_("in production leads")), [c.in_leads for c in categories]),
            Series(str(_("in production inquiries")), [c.in_inquiries for c in categories]),
        ],
        label_header=str(_("service")),
    )


def inquiries_per_month(period: Period) -> Chart:
    months = period.months()
    company = _monthly(Inquiry.objects.all(), "created_at", period)
    production = _monthly(ProductionInquiry.objects.all(), "created_at", period)
    return Chart(
        "inquiries",
        str(_("Inquiries received per month")),
        "line",
        [_month_label(m) for m in months],
        [
            Series(str(_("to companies")), [company.get((m, None), 0) for m in months]),
            Series(str(_("production inquiries")), [production.get((m, None), 0) for m in months]),
        ],
        stacked=False,
        label_header=str(_("month")),
        axis_labels=_month_axis(months),
    )


def interests_per_firm(period: Period, limit: int = 15) -> Chart:
    firms = list(
        Member.objects.annotate(
            interests=Count(
                "lead_responses",
                filter=Q(lead_responses__status__in=LeadResponse.POSITIVE) & period.q("lead_responses__created_at"),
            )
        )
        .filter(interests__gt=0)
        .order_by("-interests", "name")
        .only("pk", "name")[:limit]
    )
    return Chart(
        "interests-per-firm",
        str(_("Interest in leads per firm")),
        "hbar",
        [f.name for f in firms],
        [Series(str(_("leads the firm is interested in")), [f.interests for f in firms])],
        label_header=str(_("firm")),
    )


def profile_freshness(*, today: date | None = None) -> Chart:
    today = today or timezone.localdate()
    bounds = [today - timedelta(days=30), add_months(today, -3), add_months(today, -STALE_PROFILE_MONTHS)]
    counts = Member.objects.filter(status=Member.Status.ACTIVE).aggregate(
        fresh=Count("pk", filter=Q(updated_at__date__gte=bounds[0])),
        recent=Count("pk", filter=Q(updated_at__date__lt=bounds[0], updated_at__date__gte=bounds[1])),
        ageing=Count("pk", filter=Q(updated_at__date__lt=bounds[1], updated_at__date__gte=bounds[2])),
        stale=Count("pk", filter=Q(updated_at__date__lt=bounds[2])),
    )
    labels = [_("last 30 days"), _("1–3 months ago"), _("3–6 months ago"), _("over 6 months ago")]
    return Chart(
        "profile-freshness",
        str(_("Active firms by last profile update")),
        "bar",
        [str(label) for label in labels],
        [Series(str(_("firms")), [counts["fresh"], counts["recent"], counts["ageing"], counts["stale"]])],
        label_header=str(_("last updated")),
    )


def event_attendance(period: Period, *, now=None, limit: int = 12) -> Chart:
    now = now or timezone.now()
    events = list(
        Event.objects.filter(period.q("starts_at"), ends_at__lt=now)
        .annotate(
            registered=Count("registrations", filter=Q(registrations__status=Registration.Status.CONFIRMED)),
            attended=Count("registrations", filter=Q(registrations__attended_at__isnull=False)),
        )
        .order_by("-starts_at", "-pk")
        .only("pk", "title", "starts_at", "capacity")[:limit]
    )
    events.reverse()
    return Chart(
        "event-attendance",
        str(_("Event attendance")),
        "bar",
        [f"{formats.date_format(timezone.localtime(e.starts_at), 'Y-m-d')} {e.title}" for e in events],
        [
            Series(str(_("registered")), [e.registered for e in events]),
            Series(str(_("attended")), [e.attended for e in events]),
            Series(str(_("capacity")), [e.capacity or 0 for e in events]),
        ],
        stacked=False,
        label_header=str(_("event")),
        axis_labels=[formats.date_format(timezone.localtime(e.starts_at), "d.m") for e in events],
    )


def digest_deliveries_per_week(period: Period) -> Chart:
    rows = (
        DigestDelivery.objects.filter(
            period.q("created_at"), state__in=[DigestDelivery.State.SENT, DigestDelivery.State.FAILED]
        )
        .annotate(week=TruncWeek("created_at"))
        .values("week", "state")
        .annotate(n=Count("pk"))
        .order_by()
    )
    counts = {(_bucket(r["week"]), r["state"]): r["n"] for r in rows}
    weeks = period.weeks()
    return Chart(
        "digest-deliveries",
        str(_("Digest deliveries per week")),
        "bar",
        [formats.date_format(w, "Y-m-d") for w in weeks],
        [
            Series(str(_("sent")), [counts.get((w, DigestDelivery.State.SENT), 0) for w in weeks]),
            Series(str(_("failed")), [counts.get((w, DigestDelivery.State.FAILED), 0) for w in weeks]),
        ],
        label_header=str(_("week starting")),
        axis_labels=[formats.date_format(w, "d.m") for w in weeks],
    )


def call_outcomes(period: Period) -> Chart:
    """Where the firms stood on the calls and tenders whose deadline fell in each month:
    how many applied (and are still waiting), submitted, won and lost."""
    decided = CallParticipation.objects.exclude(status=CallParticipation.Status.INTERESTED)
    counts = _monthly(decided, "call__deadline", period, "status")
    months = period.months()
    series = [
        Series(str(label), [counts.get((m, value), 0) for m in months])
        for value, label in CallParticipation.Status.choices
        if any(counts.get((m, value)) for m in months)
    ]
    return Chart(
        "call-outcomes",
        str(_("Firms on funding calls and tenders, by deadline month and outcome")),
        "bar",
        [_month_label(m) for m in months],
        series,
        label_header=str(_("month")),
        axis_labels=_month_axis(months),
    )


CHARTS = {
    "leads-by-month": leads_by_month_and_status,
    "leads-by-kind": leads_by_kind,
    "services-asked": services_most_asked,
    "inquiries": inquiries_per_month,
    "interests-per-firm": interests_per_firm,
    "profile-freshness": lambda period: profile_freshness(),
    "event-attendance": event_attendance,
    "digest-deliveries": digest_deliveries_per_week,
    "call-outcomes": call_outcomes,
}


def all_charts(period: Period) -> list[Chart]:
    return [build(period) for build in CHARTS.values()]


# --- The cluster in numbers (public) ----------------------------------------------------


def _members_by_category() -> list[tuple[str, int]]:
    active = Q(member__status=Member.Status.ACTIVE, member__is_public=True)
    rows = dict(
        MemberService.objects.filter(active)
        .annotate(top=Coalesce("category__parent_id", "category_id"))
        .values("top")
        .annotate(n=Count("member", distinct=True))
        .order_by()
        .values_list("top", "n")
    )
    tops = ServiceCategory.objects.filter(parent__isnull=True, pk__in=rows).order_by("position", "slug")
    return [(c.name, rows[c.pk]) for c in tops]


def cluster_numbers(*, now=None) -> dict:
    """Figures for the public page; computed from the data, fit to show a foreign producer.

    Only counts leave this function: no lead title or person's name.
    """
    now = now or timezone.now()
    productions = (
        ProductionLead.objects.filter(status=ProductionLead.Status.WRAPPED, published_at__isnull=False)
        .annotate(
            year=Coalesce(
                ExtractYear("shooting_end"),
                ExtractYear("shooting_start"),
                ExtractYear("published_at"),
                output_field=IntegerField(),
            )
        )
        .values("year")
        .annotate(n=Count("pk"))
        .order_by("-year")
    )
    events_held = (
        Event.objects.filter(ends_at__lt=now)
        .annotate(year=ExtractYear("starts_at"))
        .values("year")
        .annotate(n=Count("pk"))
        .order_by("-year")
    )
    people_trained = (
        Registration.objects.filter(
            event__kind__in=Event.CERTIFICATE_KINDS, event__ends_at__lt=now, attended_at__isnull=False
        )
        .values("email")
        .distinct()
        .count()
    )
    return {
        "active_members": Member.objects.filter(status=Member.Status.ACTIVE, is_public=True).count(),
        "members_by_category": _members_by_category(),
        "productions_per_year": [(r["year"], r["n"]) for r in productions],
        "events_per_year": [(r["year"], r["n"]) for r in events_held],
        "events_held": sum(r["n"] for r in events_held),
        "people_trained": people_trained,
    }


def cached_cluster_numbers() -> dict:
    """``cluster_numbers`` kept in the Redis cache for ten minutes per language.

    Nothing invalidates it: a public figure that is ten minutes behind is fine, and it
    spares the database on a page anyone may load. After a bulk change, ``cache.delete``
    the key (or wait) to show new figures at once.
    """
    key = f"desk:numbers:{get_language()}"
    return cache.get_or_set(key, cluster_numbers, NUMBERS_CACHE_SECONDS)
