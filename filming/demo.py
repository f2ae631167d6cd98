"""Demo content for filming in the region (development only).

Nothing here is a fact about real permits, rates or schemes. The guide pages are sample
text and say so on the page (``is_sample``); the incentive schemes are sample data with
invented figures, named as samples and marked ``is_sample``, so that the estimate can be
tried out. The only facts are the cluster's own, from the seeds with their source and
date: the Krakow Film Cluster was set up in February 2015 at the Krakow Technology Park,
which coordinates it, and was to be joined by the Krakow Film Commission as a partner
(Krakowski Park Technologiczny, 16 February 2015); it brings together rental companies,
line producers, production managers, location services, stage design, animation, video
and sound post-production (Innovative Clusters in the Kraków Metropolitan Area).
Rows are created when missing; the dates of the sample schemes move with today so
that one is always open and one has always ended.
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils import timezone

from core.demo_pictures import picture
from members.models import ServiceCategory

from .models import EuroRate, GuideImage, GuidePage, IncentiveScheme, SchemeThreshold, SpendCategory

SAMPLE_PL = "*Tekst przykładowy w danych demonstracyjnych: nie są to sprawdzone informacje.*\n\n"
SAMPLE_EN = "*Sample text in the demo data: this is not checked information.*\n\n"

PAGES = [
    {
        "slug": "filming-permits",
        "topic": GuidePage.Topic.PERMITS,
        "title_pl": "Pozwolenia na zdjęcia",
        "title_en": "Filming permits",
        "summary_pl": "Kogo pytać o zdjęcia w mieście, na drogach, z dronem i w zabytkach (tekst przykładowy).",
        "summary_en": "Whom to ask about filming in the city, on roads, with drones, at heritage sites (sample text).",
        "body_pl": SAMPLE_PL
        + "## W mieście\n\nTu biuro klastra opisze, do którego urzędu zgłosić zajęcie ulicy lub placu i z jakim"
        " wyprzedzeniem.\n\n## Drogi i ruch\n\nTu znajdzie się opis zgłaszania zmian w organizacji ruchu.\n\n"
        "## Drony\n\nTu znajdą się zasady lotów i kogo o nie zapytać.\n\n## Zabytki\n\nTu będzie opis zgód"
        " na zdjęcia w obiektach zabytkowych.",
        "body_en": SAMPLE_EN
        + "## In the city\n\nHere the cluster office will describe which office to ask to use a street or square,"
        " and how far ahead.\n\n## Roads and traffic\n\nHere: how to request changes to traffic.\n\n## Drones\n\n"
        "Here: the rules for flying and whom to ask.\n\n## Heritage sites\n\nHere: permissions to film in listed"
        " buildings.",
        "image": ("river-castle", 1),
        "gallery": [("city-street", 1), ("drone-aerial", 1), ("river-castle", 2)],
    },
    {
        "slug": "logistics",
        "topic": GuidePage.Topic.LOGISTICS,
        "title_pl": "Logistyka: podróż, noclegi, pogoda, stawki",
        "title_en": "Logistics: travel, accommodation, weather, crew rates",
        "summary_pl": "Dojazd, noclegi, pogoda w każdym miesiącu i koszt ekipy (tekst przykładowy).",
        "summary_en": "Getting here, where to stay, the weather by month and what crews cost (sample text).",
        "body_pl": SAMPLE_PL
        + "## Podróż\n\nTu znajdą się połączenia lotnicze i kolejowe.\n\n## Noclegi\n\nTu: hotele przyjmujące"
        " ekipy.\n\n## Pogoda w ciągu roku\n\nTu: tabela długości dnia i typowej pogody w każdym miesiącu,"
        " ze źródłem.\n\n## Stawki ekip\n\nTu: orientacyjne stawki od firm członkowskich, z datą.",
        "body_en": SAMPLE_EN
        + "## Travel\n\nHere: flights and trains.\n\n## Accommodation\n\nHere: hotels used to film crews.\n\n"
        "## Weather by month\n\nHere: a table of daylight and typical weather for each month, with its source.\n\n"
        "## Crew rates\n\nHere: indicative rates from member firms, with their date.",
        "image": ("valley-crew", 1),
        "gallery": [],
    },
    {
        "slug": "working-with-the-cluster",
        "topic": GuidePage.Topic.CLUSTER,
        "title_pl": "Współpraca z klastrem",
        "title_en": "Working with the cluster",
        "summary_pl": "Czym jest klaster, kto go koordynuje i jak złożyć zapytanie o produkcję.",
        "summary_en": "What the cluster is, who coordinates it and how to send a production inquiry.",
        "body_pl": "## Klaster\n\nKrakowski Klaster Filmowy powołano w lutym 2015 roku w siedzibie Krakowskiego Parku"
        " Technologicznego, który go koordynuje; porozumienie podpisało 10 firm, a partnerem miała zostać"
        " Krakow Film Commission (źródło: Krakowski Park Technologiczny, 16 lutego 2015).\n\n"
        "## Co oferują członkowie\n\nKlaster obejmuje wszystkie etapy produkcji: wypożyczalnie, producentów"
        " wykonawczych, kierowników produkcji, obsługę lokacji, scenografię, animację oraz postprodukcję"
        " obrazu i dźwięku (źródło: „Innovative Clusters in the Kraków Metropolitan Area”).\n\n"
        "## Zapytanie o produkcję\n\nWyślij jedno zapytanie do całego klastra: biuro przekaże je firmom,"
        " które mogą pomóc. Szacunek zwrotu możesz dołączyć do zapytania.",
        "body_en": "## The cluster\n\nThe Krakow Film Cluster was set up in February 2015 at the Krakow Technology"
        " Park, which coordinates it; ten firms signed the agreement, and the Krakow Film Commission was to"
        " join as a partner (source: Krakow Technology Park, 16 February 2015).\n\n"
        "## What the members offer\n\nThe cluster covers every stage of a production: rental companies, line"
        " producers, production managers, location services, stage design, animation, video and sound"
        " post-production (source: \u201cInnovative Clusters in the Kraków Metropolitan Area\u201d).\n\n"
        "## A production inquiry\n\nSend one inquiry to the whole cluster: the office passes it to the firms"
        " that can help. You can attach your rebate estimate to it.",
        "image": ("studio-stage", 1),
        "gallery": [],
        "is_sample": False,
    },
    {
        "slug": "faq",
        "topic": GuidePage.Topic.FAQ,
        "title_pl": "Najczęstsze pytania",
        "title_en": "Frequently asked questions",
        "summary_pl": "Odpowiedzi na pytania producentów (tekst przykładowy).",
        "summary_en": "Answers to producers' questions (sample text).",
        "body_pl": SAMPLE_PL
        + "## Czy potrzebuję lokalnego partnera?\n\nTu biuro klastra odpowie, kiedy zachęta wymaga lokalnej"
        " firmy usługowej.\n\n## W jakiej walucie liczony jest szacunek?\n\nW złotych (PLN); kwoty w euro są"
        " przeliczone po kursie ustalonym przez biuro klastra.",
        "body_en": SAMPLE_EN
        + "## Do I need a local partner?\n\nHere the cluster office will answer when a scheme requires a local"
        " service company.\n\n## In what currency is the estimate?\n\nIn złoty (PLN); the euro amounts are"
        " converted at the rate the cluster office sets.",
        "image": None,
        "gallery": [],
    },
]

SAMPLE_SOURCE = "Dane przykładowe, nie prawdziwy program / Sample data for the demo, not a real scheme"


def _schemes(today: dt.date) -> list[dict]:
    return [
        {
            "slug": "sample-national-cash-rebate",
            "name_pl": "Przykładowy krajowy zwrot gotówkowy (dane demonstracyjne)",
            "name_en": "Sample national cash rebate (demo figures)",
            "authority_pl": "Przykładowa instytucja krajowa",
            "authority_en": "A sample national institution",
            "summary_pl": "Przykład: zwrot części kwalifikowanych wydatków w kraju. Liczby są wymyślone.",
            "summary_en": "An example: part of the eligible local spend paid back. The figures are invented.",
            "url": "https://example.org/sample-national-cash-rebate",
            "rate_percent": Decimal("30"),
            "eligible_spend": [],
            "cap_per_project": Decimal("15000000"),
            "cap_per_applicant": Decimal("20000000"),
            "requires_local_service_company": True,
            "valid_from": None,
            "valid_until": None,
            "thresholds": {
                "feature": Decimal("4000000"),
                "series": Decimal("1500000"),
                "documentary": Decimal("1000000"),
                "animation": Decimal("1000000"),
            },
        },
        {
            "slug": "sample-regional-film-fund",
            "name_pl": "Przykładowy regionalny fundusz filmowy (dane demonstracyjne)",
            "name_en": "Sample regional film fund (demo figures)",
            "authority_pl": "Przykładowy samorząd regionu",
            "authority_en": "A sample regional authority",
            "summary_pl": "Przykład: wsparcie za wydatki w regionie poza płacami. Liczby są wymyślone.",
            "summary_en": "An example: support for spend in the region other than wages. The figures are invented.",
            "url": "https://example.org/sample-regional-film-fund",
            "rate_percent": Decimal("20"),
            "eligible_spend": [
                SpendCategory.EQUIPMENT,
                SpendCategory.LOCATIONS,
                SpendCategory.ART,
                SpendCategory.POST,
                SpendCategory.SERVICES,
                SpendCategory.STAY,
            ],
            "cap_per_project": Decimal("500000"),
            "cap_per_applicant": Decimal("800000"),
            "requires_local_service_company": False,
            "valid_from": today - dt.timedelta(days=90),
            "valid_until": today + dt.timedelta(days=270),
            "thresholds": {
                "feature": Decimal("500000"),
                "series": Decimal("500000"),
                "documentary": Decimal("100000"),
                "commercial": Decimal("200000"),
            },
        },
        {
            "slug": "sample-ended-programme",
            "name_pl": "Przykładowy zakończony program (dane demonstracyjne)",
            "name_en": "Sample programme that has ended (demo figures)",
            "authority_pl": "Przykładowa instytucja",
            "authority_en": "A sample institution",
            "summary_pl": "Przykład programu po terminie: szacunek go pomija.",
            "summary_en": "An example of a programme past its end date: the estimate leaves it out.",
            "url": "https://example.org/sample-ended-programme",
            "rate_percent": Decimal("25"),
            "eligible_spend": [],
            "cap_per_project": None,
            "cap_per_applicant": None,
            "requires_local_service_company": False,
            "valid_from": today - dt.timedelta(days=400),
            "valid_until": today - dt.timedelta(days=30),
            "thresholds": {"feature": Decimal("1000000")},
        },
    ]


def _load_pages() -> int:
    created = 0
    for position, data in enumerate(PAGES):
        if GuidePage.objects.filter(slug=data["slug"]).exists():
            continue
        fields = {k: v for k, v in data.items() if k not in {"image", "gallery", "is_sample"}}
        page = GuidePage(position=position * 10, is_sample=data.get("is_sample", True), **fields)
        if data["image"]:
            still = picture(*data["image"])
            page.image.save(f"demo-{still.filename}", ContentFile(still.read()), save=False)
            page.image_alt_pl, page.image_alt_en = still.caption_pl, still.caption_en
        page.full_clean()
        page.save()
        for index, scene in enumerate(data["gallery"]):
            still = picture(*scene)
            image = GuideImage(page=page, position=index, caption_pl=still.caption_pl, caption_en=still.caption_en)
            image.image.save(f"demo-{still.filename}", ContentFile(still.read()), save=False)
            image.save()
        created += 1
    return created


def _load_schemes(today: dt.date) -> int:
    service_company = list(ServiceCategory.objects.filter(slug__in=["line-production", "production-management"]))
    created = 0
    for position, data in enumerate(_schemes(today)):
        thresholds = data.pop("thresholds")
        scheme = IncentiveScheme.objects.filter(slug=data["slug"]).first()
        if scheme is not None:
            # Keep the open scheme open and the ended one ended, whatever today is.
            IncentiveScheme.objects.filter(pk=scheme.pk).update(
                valid_from=data["valid_from"], valid_until=data["valid_until"], last_checked=today
            )
            continue
        scheme = IncentiveScheme(
            position=position * 10, is_sample=True, source=SAMPLE_SOURCE, last_checked=today, **data
        )
        scheme.full_clean()
        scheme.save()
        SchemeThreshold.objects.bulk_create(
            SchemeThreshold(scheme=scheme, kind=kind, min_local_spend=amount) for kind, amount in thresholds.items()
        )
        if scheme.requires_local_service_company:
            scheme.service_company_services.set(service_company)
        created += 1
    return created


def load(*, stdout) -> None:
    today = timezone.localdate()
    pages = _load_pages()
    schemes = _load_schemes(today)
    EuroRate.objects.get_or_create(
        valid_from=dt.date(today.year, 1, 1),
        defaults={"pln_per_eur": Decimal("4.2500"), "source": "Sample rate for the demo"},
    )
    stdout.write(
        f"filming: {len(PAGES)} guide pages ({pages} new), {len(_schemes(today))} sample schemes ({schemes} new)"
    )
