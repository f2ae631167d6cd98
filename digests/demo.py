"""Demo digest data: preferences for the demo accounts and last week's delivery log,
so the coordinator's admin shows what a digest contained. Idempotent."""

from django.contrib.auth import get_user_model
from django.utils import timezone

from .content import compute_shared_content, summarise
from .models import DigestDelivery, DigestPreference, Frequency, all_sections
from .periods import period_from_key, previous_period


def load(*, stdout) -> None:
    users = {
        u.email: u for u in get_user_model().objects.filter(email__in=["member@example.org", "coordinator@example.org"])
    }
    member = users.get("member@example.org")
    if member is None:
        stdout.write("digests: no demo member user, nothing to do")
        return
    DigestPreference.objects.get_or_create(
        user=member, defaults={"frequency": Frequency.WEEKLY, "sections": all_sections()}
    )
    if "coordinator@example.org" in users:
        DigestPreference.objects.get_or_create(
            user=users["coordinator@example.org"], defaults={"frequency": Frequency.DAILY, "sections": all_sections()}
        )
    # Last week's digest to the demo member, as the log shows it after a Monday run.
    week = previous_period(Frequency.WEEKLY)
    earlier = period_from_key(Frequency.WEEKLY, week.start - (week.end - week.start))
    content = compute_shared_content(earlier, member.preferred_language)
    sections = [
        {"key": key, "items": section["items"][:10], "more": max(0, len(section["items"]) - 10)}
        for key, section in content["sections"].items()
        if section["items"]
    ]
    DigestDelivery.objects.get_or_create(
        user=member,
        frequency=Frequency.WEEKLY,
        period_start=earlier.start,
        defaults={
            "period_end": earlier.end,
            "state": DigestDelivery.State.SENT if sections else DigestDelivery.State.SKIPPED,
            "attempts": 1,
            "language": member.preferred_language,
            "summary": summarise(sections),
            "sent_at": timezone.now() if sections else None,
        },
    )
    stdout.write("digests: demo preferences and delivery log in place")
