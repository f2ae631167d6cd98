"""Demo production leads and inquiries (development only). Idempotent: leads are
found again by their Polish title, inquiries by email and project title.

All productions and companies here are invented. Service categories are looked up by
slug; a category the catalogue's demo does not have is simply left out.
"""

from datetime import date, timedelta

from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.models import Membership, User
from core.demo_pictures import picture
from members.models import ServiceCategory

from .models import LeadResponse, LeadStatusChange, ProductionInquiry, ProductionLead

S = ProductionLead.Status
ORDER = [S.RUMOUR, S.DEVELOPMENT, S.CONFIRMED, S.PRE_PRODUCTION, S.SHOOTING, S.POST_PRODUCTION, S.WRAPPED]

# (title_pl, title_en, kind, status, producer, country, shooting offset in days, services,
#  description_pl, description_en, public showcase)
LEADS = [
    ("Zimowy pociąg", "The Winter Train", "feature", S.RUMOUR, "Nordlys Film AS", "Norway", 240,
     ["camera-rental", "lighting", "location-scouting"],
     "Słyszeliśmy o planach zdjęć w Tatrach zimą.", "We hear of plans to shoot in the Tatras in winter.", False),
    ("Kroniki Podgórza", "Podgórze Chronicles", "series", S.DEVELOPMENT, "Vistula Pictures (fict.)", "Poland", 180,
     ["line-production", "studios", "sound-post"],
     "Serial obyczajowy, 8 odcinków, rozwój scenariusza.", "A drama series of 8 episodes in script development.",
     False),
    ("Sól ziemi", "Salt of the Earth", "documentary", S.CONFIRMED, "DocLab Berlin (fict.)", "Germany", 90,
     ["aerial", "sound-post", "colour-grading"],
     "Dokument o kopalni soli, zdjęcia pod ziemią.", "A documentary about a salt mine, filmed underground.", False),
    ("Ostatni tramwaj", "The Last Tram", "feature", S.PRE_PRODUCTION, "Lumière Nord (fict.)", "France", 45,
     ["camera-rental", "lighting", "catering", "transport"],
     "Koprodukcja, 30 dni zdjęciowych w Krakowie.", "A co-production with 30 shooting days in Krakow.", False),
    ("Smok wawelski 3D", "Wawel Dragon 3D", "animation", S.SHOOTING, "Pixel Tales (fict.)", "Czechia", -10,
     ["animation", "vfx", "sound-post"],
     "Film animowany dla dzieci.", "An animated feature for children.", False),
    ("Reklama: Góry latem", "Commercial: Mountains in Summer", "commercial", S.POST_PRODUCTION, "Alpine Ads (fict.)",
     "Austria", -30, ["colour-grading", "music"],
     "Spot turystyczny, postprodukcja w toku.", "A tourism spot now in post-production.", False),
    ("Hejnał", "The Bugle Call", "feature", S.WRAPPED, "Kraków Features (fict.)", "Poland", -200,
     ["camera-rental", "lighting", "set-design"],
     "Film zrealizowany z członkami klastra.", "A feature made with cluster members.", True),
    ("Dźwięki Kazimierza", "Sounds of Kazimierz", "music_video", S.WRAPPED, "Beat Republic (fict.)", "United Kingdom",
     -120, ["sound-post", "cinematography"],
     "Teledysk nakręcony na Kazimierzu.", "A music video shot in Kazimierz.", True),
    ("Zamek we mgle", "Castle in the Mist", "feature", S.WRAPPED, "Emerald Isle Films (fict.)", "Ireland", -320,
     ["location-services", "set-design", "costume"],
     "Dramat kostiumowy kręcony w małopolskich zamkach.", "A period drama filmed in the castles of Małopolska.", True),
    ("Lis i smok", "The Fox and the Dragon", "animation", S.WRAPPED, "Pixel Tales (fict.)", "Czechia", -420,
     ["animation", "music", "sound-post"],
     "Krótkometrażowa animacja wycinankowa.", "A short cut-out animation.", True),
    ("Cisza w Gorcach", "Silence in the Gorce", "feature", S.CANCELLED, "Quiet Hills (fict.)", "Netherlands", 60,
     ["location-services", "catering"],
     "Produkcja odwołana przez producenta.", "Cancelled by the producer.", False),
    ("Cyfrowe legendy", "Digital Legends", "game_cinematics", S.CONFIRMED, "Game Forge (fict.)", "Poland", 30,
     ["vfx", "animation", "camera-rental"],
     "Przerywniki filmowe do gry, motion capture.", "Game cinematics with motion capture.", False),
]  # fmt: skip

# The still each showcase production shows (core/demo_pictures).
STILLS = {
    "Hejnał": picture("city-street"),
    "Dźwięki Kazimierza": picture("lighting-truss", 2),
    "Zamek we mgle": picture("river-castle"),
    "Lis i smok": picture("animation"),
}

INQUIRIES = [
    ("Ingrid Berg", "Fjord Pictures (fict.)", "Norway", "ingrid@fjord.example.org", "Northern Crossing", "series",
     ["line-production", "location-scouting"], "Six episodes, winter exteriors in Małopolska.", "en"),
    ("Tomás Ruiz", "Sol Films (fict.)", "Spain", "tomas@solfilms.example.org", "Salt and Stone", "documentary",
     ["aerial", "sound-post"], "A documentary crew of five for two weeks in Wieliczka.", "en"),
    ("Katarzyna Nowak", "Studio Wisła (fikc.)", "Poland", "k.nowak@wisla.example.org", "Dom nad rzeką", "feature",
     ["camera-rental", "lighting"], "Szukamy wypożyczalni i ekipy oświetleniowej na 20 dni.", "pl"),
]  # fmt: skip


def _categories(slugs):

    return list(ServiceCategory.objects.filter(slug__in=slugs))


def _demo_firm():

    membership = Membership.objects.filter(user__email="member@example.org").select_related("member").first()
    return membership.member if membership else None


def _coordinator():

    return User.objects.filter(email="coordinator@example.org").first()


def _backfill_history(lead, status, days_ago_start: int) -> None:
    """Give a new demo lead a plausible history: each earlier status some weeks apart."""
    now = timezone.now()
    LeadStatusChange.objects.filter(lead=lead).delete()
    path = ORDER[: ORDER.index(status) + 1] if status in ORDER else [S.RUMOUR, S.CONFIRMED, S.CANCELLED]
    for i, step in enumerate(path):
        LeadStatusChange.objects.create(
            lead=lead, status=step, reached_at=now - timedelta(days=days_ago_start - i * (days_ago_start // len(path)))
        )


def load(*, stdout) -> None:
    today = date.today()  # noqa: DTZ011 - demo dates only need the day
    coordinator = _coordinator()
    firm = _demo_firm()
    created_count = 0
    for index, (title_pl, title_en, kind, status, producer, country, offset, slugs, d_pl, d_en, public) in enumerate(
        LEADS
    ):
        lead = ProductionLead.objects.filter(title_pl=title_pl).first()
        if lead is not None:
            continue
        start = today + timedelta(days=offset)
        lead = ProductionLead.objects.create(
            title_pl=title_pl,
            title_en=title_en,
            kind=kind,
            status=status,
            producer_company=producer,
            producer_country=country,
            shooting_start=start,
            shooting_end=start + timedelta(days=30),
            locations="Kraków, Małopolska",
            budget_band=["lt100k", "100k-1m", "1m-5m", "gt5m"][index % 4],
            description_pl=d_pl,
            description_en=d_en,
            source="Demo",
            contact_name="Jan Przykładowy",
            contact_email=f"contact{index}@producer.example.org",
            visibility=ProductionLead.Visibility.PUBLIC if public else ProductionLead.Visibility.MEMBERS,
            published_at=timezone.now() - timedelta(days=len(LEADS) - index),
            created_by=coordinator,
        )
        lead.services_needed.set(_categories(slugs))
        still = STILLS.get(title_pl)
        if still is not None:
            lead.image.save(f"demo-{still.filename}", ContentFile(still.read()), save=False)
            lead.image_alt_pl, lead.image_alt_en = still.caption_pl, still.caption_en
            lead.save(update_fields=["image", "image_alt_pl", "image_alt_en"])
        _backfill_history(lead, status, 120)
        created_count += 1
        if firm and status in (S.WRAPPED, S.SHOOTING):
            LeadResponse.objects.get_or_create(
                lead=lead,
                member=firm,
                defaults={"status": LeadResponse.Status.CONTRACTED, "channel": LeadResponse.Channel.OFFICE},
            )
    # One draft, waiting for the coordinator to publish it.
    if not ProductionLead.objects.filter(title_pl="Szkic: Wiosna w Nowej Hucie").exists():
        draft = ProductionLead.objects.create(
            title_pl="Szkic: Wiosna w Nowej Hucie",
            title_en="Draft: Spring in Nowa Huta",
            kind="feature",
            status=S.RUMOUR,
            producer_company="Unknown (fict.)",
            created_by=coordinator,
        )
        draft.services_needed.set(_categories(["camera-rental", "lighting"]))
        created_count += 1
    for name, company, country, email, title, kind, slugs, message, language in INQUIRIES:
        inquiry, created = ProductionInquiry.objects.get_or_create(
            email=email,
            project_title=title,
            defaults={
                "producer_name": name,
                "company": company,
                "country": country,
                "kind": kind,
                "message": message,
                "consent": True,
                "language": language,
                "shooting_start": today + timedelta(days=100),
                "shooting_end": today + timedelta(days=130),
            },
        )
        if created:
            inquiry.services_needed.set(_categories(slugs))
    stdout.write(f"productions: {created_count} demo leads added, {len(INQUIRIES)} inquiries in place")
