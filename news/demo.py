"""Demo news (development only): posts of every category, some for members only, one
scheduled, funding calls and tenders with open and past deadlines.

What the posts say about the cluster itself comes from the seeds (founded in February
2015 by ten firms at the Krakow Technology Park, which coordinates it; what it does).
The programmes, tenders and member stories are invented and say so. Posts are created
only when missing; the time-relative fields (publication times, deadlines) are moved
on every run so that the demo always has open and closed calls and one scheduled post.
"""

from __future__ import annotations

import datetime as dt
from dataclasses import dataclass
from zoneinfo import ZoneInfo

from django.core.files.base import ContentFile
from django.utils import timezone

from accounts.demo import COORDINATOR_EMAIL
from accounts.models import User
from core.demo_pictures import picture
from members.models import Member
from productions.models import ProductionLead

from .models import Post

WARSAW = ZoneInfo("Europe/Warsaw")  # the demo is the Krakow cluster, whatever TIME_ZONE says
C = Post.Category
PUBLIC, MEMBERS = Post.Visibility.PUBLIC, Post.Visibility.MEMBERS


@dataclass
class DemoPost:
    slug: str
    category: str
    title_pl: str
    title_en: str
    summary_pl: str
    summary_en: str
    body_pl: str
    body_en: str
    published: dt.datetime | dt.timedelta  # a fixed time, or an offset from now
    visibility: str = PUBLIC
    deadline: dt.timedelta | None = None  # offset from now
    related_members: int = 0  # how many demo members the post mentions
    related_productions: int = 0  # how many published demo leads the post mentions
    image: str | None = None  # a scene of core/demo_pictures


POSTS = [
    DemoPost(
        slug="powstal-krakowski-klaster-filmowy",
        category=C.CLUSTER,
        title_pl="Powstał Krakowski Klaster Filmowy",
        title_en="The Krakow Film Cluster is founded",
        summary_pl="Dziesięć firm podpisało w Krakowskim Parku Technologicznym porozumienie o utworzeniu klastra.",
        summary_en="Ten firms signed the agreement founding the cluster at the Krakow Technology Park.",
        body_pl=(
            "W lutym 2015 roku w siedzibie **Krakowskiego Parku Technologicznego** powołano Krakowski Klaster "
            "Filmowy. Porozumienie podpisało dziesięć firm.\n\n"
            "## Cele klastra\n\n"
            "- integracja środowiska filmowego i wspólne działania na rzecz kinematografii,\n"
            "- rozwój rynku filmowego, telewizyjnego i multimedialnego Małopolski,\n"
            "- jedna wspólna oferta zasobów wszystkich członków dla producentów z Polski i z zagranicy.\n\n"
            "Klaster nie ma osobowości prawnej: jest platformą wspólnych działań swoich członków."
        ),
        body_en=(
            "In February 2015 the Krakow Film Cluster was founded at the **Krakow Technology Park**. "
            "Ten firms signed the agreement.\n\n"
            "## What the cluster is for\n\n"
            "- bringing the film community together and acting jointly for cinema,\n"
            "- growing the film, television and multimedia market of Małopolska,\n"
            "- one joint offer of all members' resources for producers from Poland and abroad.\n\n"
            "The cluster is not a legal entity: it is a platform for its members' joint work."
        ),
        published=dt.datetime(2015, 2, 16, 10, 0, tzinfo=WARSAW),
        image="river-castle",
    ),
    DemoPost(
        slug="portal-klastra-dziala",
        category=C.CLUSTER,
        title_pl="Portal klastra: wspólna oferta i wymiana informacji",
        title_en="The cluster portal: one joint offer and a place to share information",
        summary_pl="Katalog członków, informacje o produkcjach, szkolenia i nabory w jednym miejscu.",
        summary_en="The members' catalogue, production news, trainings and funding calls in one place.",
        body_pl=(
            "Portal jest platformą współpracy branżowej i wymiany informacji między członkami klastra.\n\n"
            "Producenci znajdą tu **katalog członków** z usługami: wypożyczalnie, producentów wykonawczych, "
            "kierowników produkcji, obsługę lokacji, scenografię, animację oraz postprodukcję obrazu i dźwięku."
        ),
        body_en=(
            "The portal is a platform for cooperation and information exchange between the cluster's members.\n\n"
            "Producers will find the **members' catalogue** with their services: rental houses, line producers, "
            "production managers, location services, stage design, animation, video and sound post-production."
        ),
        published=dt.timedelta(days=-3),
        image="camera",
    ),
    DemoPost(
        slug="nowa-sala-miksu-u-czlonka",
        category=C.MEMBER,
        image="sound-desk",
        title_pl="Nowa sala miksu dźwięku u członka klastra",
        title_en="A new sound mixing room at a member studio",
        summary_pl="(Wiadomość przykładowa) Jeden z członków otwiera salę do miksu w formacie immersyjnym.",
        summary_en="(Demo story) One of the members opens a room for immersive sound mixing.",
        body_pl=(
            "Wiadomość przykładowa o fikcyjnej firmie z danych demonstracyjnych.\n\nSala przyjmuje pierwsze projekty."
        ),
        body_en="A demo story about a fictional firm of the demo data.\n\nThe room takes its first projects.",
        published=dt.timedelta(days=-6),
        related_members=2,
    ),
    DemoPost(
        slug="nabor-promocja-zagraniczna",
        category=C.FUNDING_CALL,
        title_pl="Nabór: wsparcie promocji zagranicznej firm filmowych (przykład)",
        title_en="Call: support for the international promotion of film firms (example)",
        summary_pl="Przykładowy program dotacji na udział w targach i rynkach filmowych za granicą.",
        summary_en="An example grant programme for taking part in film markets abroad.",
        body_pl=(
            "To przykładowy nabór z danych demonstracyjnych.\n\n"
            "## Kto może wziąć udział\n\nMikro, małe i średnie firmy z regionu.\n\n"
            "## Jak się zgłosić\n\nWniosek składa się elektronicznie; koordynator klastra pomaga go przygotować."
        ),
        body_en=(
            "This is an example call from the demo data.\n\n"
            "## Who can apply\n\nMicro, small and medium firms from the region.\n\n"
            "## How to apply\n\nApplications are filed online; the cluster office helps to prepare them."
        ),
        published=dt.timedelta(days=-10),
        deadline=dt.timedelta(days=21, hours=6),
    ),
    DemoPost(
        slug="nabor-szkolenia-kadr",
        category=C.FUNDING_CALL,
        title_pl="Nabór dla członków: dofinansowanie szkoleń kadr (przykład)",
        title_en="Members' call: co-funding of staff training (example)",
        summary_pl="Przykładowy nabór tylko dla członków, z bliskim terminem.",
        summary_en="An example call for members only, with a near deadline.",
        body_pl="Przykładowy nabór: koszty szkoleń pracowników członków klastra.",
        body_en="An example call: training costs of the members' staff.",
        published=dt.timedelta(days=-4),
        visibility=MEMBERS,
        deadline=dt.timedelta(days=6),
    ),
    DemoPost(
        slug="nabor-koprodukcje-zakonczony",
        category=C.FUNDING_CALL,
        title_pl="Nabór: rozwój koprodukcji międzynarodowych (przykład, zakończony)",
        title_en="Call: developing international co-productions (example, closed)",
        summary_pl="Przykładowy nabór, którego termin już minął.",
        summary_en="An example call whose deadline has passed.",
        body_pl="Termin składania wniosków minął.",
        body_en="The application deadline has passed.",
        published=dt.timedelta(days=-60),
        deadline=dt.timedelta(days=-20),
    ),
    DemoPost(
        slug="przetarg-obsluga-techniczna-forum",
        category=C.TENDER,
        title_pl="Przetarg: obsługa techniczna dorocznego forum (przykład)",
        title_en="Tender: technical services for the annual forum (example)",
        summary_pl="Przykładowy przetarg na nagłośnienie, oświetlenie i rejestrację wideo.",
        summary_en="An example tender for sound, lighting and video recording.",
        body_pl="Zakres: nagłośnienie, oświetlenie sceny, rejestracja i transmisja wideo.",
        body_en="Scope: sound, stage lighting, video recording and streaming.",
        published=dt.timedelta(days=-8),
        deadline=dt.timedelta(days=35),
    ),
    DemoPost(
        slug="przetarg-scenografia-zakonczony",
        category=C.TENDER,
        title_pl="Przetarg: scenografia wystawy (przykład, zakończony)",
        title_en="Tender: set design for an exhibition (example, closed)",
        summary_pl="Przykładowy przetarg dla członków, już rozstrzygnięty.",
        summary_en="An example tender for members, already decided.",
        body_pl="Przetarg jest zamknięty.",
        body_en="The tender is closed.",
        published=dt.timedelta(days=-40),
        visibility=MEMBERS,
        deadline=dt.timedelta(days=-5),
    ),
    DemoPost(
        slug="status-krajowego-klastra-kluczowego",
        category=C.INDUSTRY,
        image="tatra-dawn",
        title_pl="Co daje status Krajowego Klastra Kluczowego",
        title_en="What the National Key Cluster status brings",
        summary_pl="Status przyznawany w otwartym konkursie daje preferencje w programach wsparcia.",
        summary_en="The status, awarded in an open competition, gives preferences in support programmes.",
        body_pl=(
            "Krajowe Klastry Kluczowe są wybierane w otwartym konkursie. Kryteria obejmują m.in. strukturę "
            "organizacyjną, strategię, zarządzanie klastrem, innowacyjność, współpracę i internacjonalizację.\n\n"
            "Status przyznaje się na **3 lata**; daje on premię w konkursach na projekty B+R i wsparcie "
            "internacjonalizacji członków klastra."
        ),
        body_en=(
            "National Key Clusters are chosen in an open competition. The criteria include the organisation, "
            "strategy and management of the cluster, innovation, cooperation and internationalisation.\n\n"
            "The status is granted for **3 years**; it brings a bonus in R&D competitions and support for the "
            "internationalisation of the cluster's members."
        ),
        published=dt.timedelta(days=-14),
    ),
    DemoPost(
        slug="informacja-prasowa-wspolna-oferta",
        category=C.PRESS,
        image="valley-crew",
        title_pl="Informacja prasowa: wspólna oferta dla producentów z zagranicy",
        title_en="Press release: one joint offer for producers from abroad",
        summary_pl="Klaster przedstawia zasoby swoich członków producentom z Polski i z zagranicy.",
        summary_en="The cluster presents its members' resources to producers from Poland and abroad.",
        body_pl="Klaster promuje region jako atrakcyjny filmowo dla producentów zagranicznych i z innych regionów.",
        body_en="The cluster promotes the region as attractive for filming to producers from abroad and elsewhere.",
        published=dt.timedelta(days=-20),
    ),
    DemoPost(
        slug="spotkanie-czlonkow-podsumowanie",
        category=C.CLUSTER,
        title_pl="Podsumowanie spotkania członków",
        title_en="Members' meeting: the summary",
        summary_pl="Tylko dla członków: ustalenia ze spotkania i plan szkoleń.",
        summary_en="For members only: what the meeting agreed and the training plan.",
        body_pl="Ustalenia:\n\n1. plan szkoleń i warsztatów,\n2. udział we wspólnych przetargach.",
        body_en="Agreed:\n\n1. the plan of trainings and workshops,\n2. joining tenders together.",
        published=dt.timedelta(days=-2),
        visibility=MEMBERS,
        related_productions=2,
    ),
    DemoPost(
        slug="zapowiedz-dorocznego-forum",
        category=C.CLUSTER,
        title_pl="Zapowiedź dorocznego forum klastra",
        title_en="Coming up: the cluster's annual forum",
        summary_pl="Wiadomość zaplanowana: pojawi się na portalu za kilka dni.",
        summary_en="A scheduled post: it appears on the portal in a few days.",
        body_pl="Program forum opublikujemy wkrótce.",
        body_en="We will publish the programme of the forum soon.",
        published=dt.timedelta(days=5),
    ),
]


def _end_of_day(moment: dt.datetime) -> dt.datetime:
    """Deadlines fall at 23:59 Warsaw time, as real calls do."""
    return moment.astimezone(WARSAW).replace(hour=23, minute=59, second=0, microsecond=0)


def _time(value, now):
    return value if isinstance(value, dt.datetime) else now + value


def load(*, stdout) -> None:

    author = User.objects.filter(email=COORDINATOR_EMAIL).first()

    members = list(Member.objects.filter(status=Member.Status.ACTIVE, is_public=True).order_by("pk")[:2])
    leads = list(ProductionLead.objects.filter(published_at__isnull=False).order_by("pk")[:2])
    now = timezone.now().replace(second=0, microsecond=0)
    created = 0
    for demo in POSTS:
        published_at = _time(demo.published, now)
        deadline = _end_of_day(now + demo.deadline) if demo.deadline is not None else None
        post = Post.objects.filter(slug=demo.slug).first()
        if post is None:
            post = Post(
                slug=demo.slug,
                category=demo.category,
                visibility=demo.visibility,
                title_pl=demo.title_pl,
                title_en=demo.title_en,
                summary_pl=demo.summary_pl,
                summary_en=demo.summary_en,
                body_pl=demo.body_pl,
                body_en=demo.body_en,
                published_at=published_at,
                deadline=deadline,
                author=author,
            )
            if demo.image:
                still = picture(demo.image)
                post.image.save(f"demo-{still.filename}", ContentFile(still.read()), save=False)
                post.image_alt_pl, post.image_alt_en = still.caption_pl, still.caption_en
            post.full_clean()
            post.save()
            post.related_members.set(members[: demo.related_members])
            post.related_productions.set(leads[: demo.related_productions])
            created += 1
        else:
            # Keep the demo's open, closed and scheduled posts where they belong in time.
            Post.objects.filter(pk=post.pk).update(published_at=published_at, deadline=deadline)
    stdout.write(f"news: {len(POSTS)} demo posts ({created} new)")
