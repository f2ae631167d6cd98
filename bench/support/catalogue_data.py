"""A realistic catalogue of many members for the search and catalogue benchmarks.

Everything is written in bulk: the demo taxonomy (with its synonyms), members with Polish
and English texts drawn from film vocabulary, 3 to 7 services each (about five per
member, as a real cluster of that size has), credits and resources; then the search
documents in batches and the vocabulary, the way ``rebuild_search_index`` does.
Also the helpers both benchmarks share: a database of their own on the server of
``DATABASE_URL``, dropped at the end.
"""

from __future__ import annotations

import os
import random
import sys
import time
from pathlib import Path
from urllib.parse import urlsplit, urlunsplit

BASE_DIR = Path(__file__).resolve().parent.parent.parent
sys.path.insert(0, str(BASE_DIR))

WORDS_PL = (
    "Kadr Obraz Światło Dźwięk Montaż Plan Ujęcie Klaps Kamera Scena Reflektor Taśma Ekran Kino Film Studio "
    "Wawel Wisła Tatry Beskid Dunajec Rynek Planty Kopiec Smok Sukiennice Podgórze Kazimierz Nowa Huta"
).split()
WORDS_EN = "Frame Light Sound Cut Lens Grip Dolly Crane Stage Reel Pixel Colour Motion Story Drone Echo".split()
SUFFIX = ["Studio", "Film", "Production", "Group", "Rental", "Post", "Works", "Lab", "House", "Crew", "Media"]
CITIES = (
    ["Kraków"] * 8
    + ["Tarnów", "Nowy Sącz", "Oświęcim", "Zakopane", "Wieliczka", "Niepołomice", "Bochnia", "Wadowice"]
    + ["Gorlice", "Nowy Targ", "Myślenice", "Olkusz", "Chrzanów", "Łódź", "Warszawa", "Wrocław", "Katowice"]
)
PHRASES_PL = [
    "wypożyczamy kamery cyfrowe i obiektywy anamorficzne", "oświetlenie planu zdjęciowego z agregatem",
    "zdjęcia lotnicze z dronów z licencją", "scenografia i budowa dekoracji w hali", "postprodukcja dźwięku i miks",
    "korekcja barwna w standardzie HDR", "animacja poklatkowa i komputerowa", "efekty wizualne i kompozycja",
    "obsługa lokacji i pozwolenia na zdjęcia", "transport ekipy i sprzętu filmowego", "catering na planie",
    "charakteryzacja i kostiumy historyczne", "produkcja wykonawcza filmów fabularnych", "casting aktorów",
    "montaż filmów dokumentalnych", "muzyka oryginalna do filmów", "szkolenia dla operatorów kamer",
    "wózki, szyny i krany kamerowe", "studio z green screenem", "napisy i dubbing",
]  # fmt: skip
PHRASES_EN = [
    "camera and lens rental with anamorphic glass", "lighting crews and generators for any set",
    "licensed aerial drone filming", "set design and construction on our stages", "sound design and mixing",
    "colour grading in HDR", "stop-motion and CG animation", "visual effects and compositing",
    "location services and filming permits", "crew and equipment transport", "on-set catering",
    "make-up, hair and period costume", "line production for international features", "casting of actors",
    "editing of documentaries", "original film scores", "training for camera operators",
    "dollies, tracks and camera cranes", "green screen studio", "subtitles and dubbing",
]  # fmt: skip
TITLES = ["Cisza nad Rabą", "Zimowy szlak", "Ostatni tramwaj", "Sól ziemi", "Echo Tatr", "Most na Wiśle"]


def with_db(url: str, name: str) -> str:
    return urlunsplit(urlsplit(url)._replace(path=f"/{name}"))


def admin_sql(server_url: str, sql: str) -> None:
    import psycopg

    url = with_db(server_url, "postgres").replace("postgres://", "postgresql://", 1)
    with psycopg.connect(url, autocommit=True) as conn:
        conn.execute(sql)


def use_own_database(prefix: str) -> tuple[str, str]:
    """Create ``<prefix>_<pid>`` and point this process (and its children) at it."""
    server_url = os.environ.get("DATABASE_URL", "postgres://postgres@127.0.0.1:5432/cluster_portal")
    name = f"{prefix}_{os.getpid()}"
    admin_sql(server_url, f'CREATE DATABASE "{name}"')
    os.environ["DATABASE_URL"] = with_db(server_url, name)
    return server_url, name


def drop_database(server_url: str, name: str) -> None:
    admin_sql(server_url, f'DROP DATABASE IF EXISTS "{name}" WITH (FORCE)')


def build(members: int, *, start: int = 0, seed: int = 7, log=print) -> dict:
    """Write ``members`` members (numbered from ``start``) with their parts."""
    from django.utils.text import slugify

    from core.search import registry, vocabulary
    from core.search.text import fold
    from members import demo
    from members.models import Credit, Member, MemberService, Resource, ServiceCategory
    from members.services import members_refresh_search

    started = time.monotonic()
    rng = random.Random(seed + start)
    demo.ensure_taxonomy()
    services = list(ServiceCategory.objects.filter(parent__isnull=False))
    rows = []
    for n in range(start, start + members):
        name = f"{rng.choice(WORDS_PL + WORDS_EN)} {rng.choice(WORDS_PL + WORDS_EN)} {rng.choice(SUFFIX)} {n}"
        picked = rng.sample(range(len(PHRASES_PL)), 3)
        rows.append(
            Member(
                name=name,
                slug=slugify(fold(name))[:190],
                city=rng.choice(CITIES),
                kind=rng.choice(["company"] * 8 + ["ngo", "public", "university"]),
                tagline_pl=PHRASES_PL[picked[0]].capitalize(),
                tagline_en=PHRASES_EN[picked[0]].capitalize(),
                description_pl=". ".join(PHRASES_PL[i].capitalize() for i in picked) + ".",
                description_en=". ".join(PHRASES_EN[i].capitalize() for i in picked) + ".",
                email=f"office{n}@example.org",
                website=f"https://firm{n}.example.org",
                languages=rng.sample(["pl", "en", "de", "fr", "uk", "cs"], rng.randint(1, 3)),
                is_public=rng.random() > 0.02,
                status="active" if rng.random() > 0.02 else "suspended",
            )
        )
    created = Member.objects.bulk_create(rows, batch_size=2000)
    member_services = [
        MemberService(member=member, category=category, description_pl="", description_en="")
        for member in created
        for category in rng.sample(services, rng.randint(3, 7))
    ]
    MemberService.objects.bulk_create(member_services, batch_size=5000)
    Credit.objects.bulk_create(
        (
            Credit(
                member=member,
                title=rng.choice(TITLES),
                year=rng.randint(2010, 2026),
                role_pl="zdjęcia",
                role_en="camera",
            )
            for member in created
            for _ in range(2)
        ),
        batch_size=5000,
    )
    Resource.objects.bulk_create(
        (
            Resource(member=member, name_pl="Kamera ARRI Alexa", name_en="ARRI Alexa camera", quantity=2)
            for member in created
        ),
        batch_size=5000,
    )
    log(f"  {members} members, {len(member_services)} services written in {time.monotonic() - started:.0f} s")
    members_refresh_search(member_ids=None)
    size = vocabulary.rebuild([qs for provider in registry.providers() for qs in provider.documents()])
    settle()
    log(f"  search documents and a vocabulary of {size} forms in {time.monotonic() - started:.0f} s")
    return {"members": members, "services": len(member_services), "vocabulary": size}


def settle() -> None:
    """VACUUM ANALYZE the freshly written tables: the catalogue as autovacuum keeps it in
    production (statistics current, the rows rewritten by the search refresh reclaimed),
    not as a bulk load leaves it for the first minute."""
    from django.db import connection

    with connection.cursor() as cursor:
        for table in (
            "members_member",
            "members_memberservice",
            "members_credit",
            "members_resource",
            "core_searchterm",
        ):
            cursor.execute(f"VACUUM ANALYZE {table}")  # a fixed list of our own tables
