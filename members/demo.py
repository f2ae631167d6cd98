"""Demo members (development only): the service taxonomy and 40+ fictional firms.

The taxonomy starts from the list in seed 003 (rental companies, line producers,
production managers, location services, stage design, animation, video and sound
post-production) and adds the other trades a production needs. The firms, their
people and their credits are invented; addresses are example.org. Idempotent: rows
are only created when missing, so a second run changes nothing (and writes no history).
"""

from __future__ import annotations

import io
import math
import random
from datetime import date
from decimal import Decimal

from django.core.files.base import ContentFile
from django.utils.text import slugify
from PIL import Image, ImageDraw, ImageFont, ImageOps

from accounts.demo import MEMBER_EMAIL
from accounts.models import Membership, User
from core.demo_pictures import pictures_for
from core.fonts import FONT_DIR
from core.search.text import fold

from . import gazetteer
from .models import Credit, GalleryImage, Member, MemberService, Resource, ServiceCategory
from .taxonomy import default_file, load_taxonomy

CITIES = [
    "Kraków", "Kraków", "Kraków", "Kraków", "Tarnów", "Nowy Sącz", "Oświęcim", "Zakopane", "Wieliczka",
    "Niepołomice", "Bochnia", "Wadowice", "Gorlice", "Nowy Targ", "Myślenice", "Olkusz", "Chrzanów",
]  # fmt: skip

# (name, kind, services, languages); all invented.
FIRMS = [
    ("Kadr i Dźwięk Studio", "company", ["camera-rental", "lighting", "sound-post"], ["pl", "en"]),
    ("Wawelska Wypożyczalnia Kamer", "company", ["camera-rental", "grip"], ["pl", "en", "de"]),
    ("Światłocień Lighting", "company", ["lighting", "grip"], ["pl", "en"]),
    ("Podgórze Line Production", "company", ["line-production", "production-management"], ["pl", "en", "fr"]),
    ("Tatry Location Services", "company", ["location-scouting", "location-services", "transport"], ["pl", "en", "sk"]),
    ("Hala Zdjęciowa Czyżyny", "company", ["studios", "set-design"], ["pl", "en"]),
    ("Dunajec Drone Films", "company", ["aerial", "cinematography"], ["pl", "en"]),
    ("Pracownia Scenograficzna Kazimierz", "company", ["set-design", "costume"], ["pl"]),
    ("Charakter Make-up Atelier", "company", ["make-up", "costume"], ["pl", "en", "it"]),
    ("Smok Animation", "company", ["animation", "vfx"], ["pl", "en"]),
    ("Krakowskie Efekty Wizualne", "company", ["vfx", "video-post"], ["pl", "en"]),
    ("Planty Post House", "company", ["video-post", "colour-grading"], ["pl", "en", "de"]),
    ("Sukiennice Sound", "company", ["sound-post", "music"], ["pl", "en"]),
    ("Barwa Colour Lab", "company", ["colour-grading"], ["en"]),
    ("Obsada Casting Agency", "company", ["casting"], ["pl", "en", "uk"]),
    ("Catering Na Planie", "company", ["catering"], ["pl"]),
    ("Filmowe Auta Małopolska", "company", ["transport"], ["pl", "en"]),
    ("Zdjęcia Beskidy", "company", ["cinematography", "camera-rental"], ["pl", "en"]),
    ("Ekipa Nowa Huta", "company", ["cinematography", "grip", "lighting"], ["pl", "en"]),
    ("Produkcja Pod Kopcem", "company", ["line-production", "location-services"], ["pl", "en", "es"]),
    ("Kancelaria Filmowa Rynek", "company", ["legal-financial"], ["pl", "en"]),
    ("Fundacja Kino Regionu", "ngo", ["film-education", "location-scouting"], ["pl", "en"]),
    ("Stowarzyszenie Młodego Kina", "ngo", ["film-education", "casting"], ["pl"]),
    ("Akademia Obrazu i Dźwięku", "university", ["film-education", "sound-post", "studios"], ["pl", "en"]),
    ("Regionalne Biuro Filmowe", "public", ["location-scouting", "location-services"], ["pl", "en", "de"]),
    ("Muzeum Techniki Filmowej", "public", ["location-services", "film-education"], ["pl", "en"]),
    ("Salt Mine Stages", "company", ["studios", "location-services"], ["en", "de"]),
    ("Poklatkowo Studio", "company", ["animation"], ["pl", "en", "fr"]),
    ("Rysownia Animacji", "company", ["animation", "music"], ["pl"]),
    ("Mikrofon Location Sound", "company", ["sound-post", "grip"], ["pl", "en"]),
    ("Orkiestra Ekranowa", "company", ["music"], ["pl", "en", "it"]),
    ("Góralski Transport Filmowy", "company", ["transport", "catering"], ["pl", "sk"]),
    ("Wisła Camera Crew", "company", ["cinematography", "aerial"], ["pl", "en"]),
    ("Kostiumeria Sceniczna", "company", ["costume"], ["pl", "en"]),
    ("Producenci Bocheńscy", "company", ["line-production", "production-management", "casting"], ["pl", "en"]),
    ("Szlak Lokacji", "company", ["location-scouting"], ["pl", "en", "cs"]),
    ("Montażownia Tarnowska", "company", ["video-post"], ["pl"]),
    ("Greenscreen Niepołomice", "company", ["studios", "vfx"], ["pl", "en"]),
    ("Studio Lektorskie Wadowice", "company", ["sound-post"], ["pl", "en", "uk"]),
    ("Rekwizytornia Pod Wawelem", "company", ["set-design"], ["pl", "en"]),
    ("Grip Masters Myślenice", "company", ["grip", "camera-rental"], ["pl", "en"]),
    ("Księgowość dla Kina", "company", ["legal-financial", "production-management"], ["pl"]),
    ("Festiwalowe Światła", "company", ["lighting", "transport"], ["pl", "en"]),
    ("Lens & Light Gorlice", "company", ["camera-rental", "lighting"], ["en", "pl"]),
]

TITLES = [
    "Cisza nad Rabą", "Zimowy szlak", "Ostatni tramwaj", "Sól ziemi", "Dom pod lipami", "Krótka noc w Tarnowie",
    "Granica mgły", "Echo Tatr", "Nowa Huta 1956", "Smoczy ogień", "Lato w Bochni", "Czerwony parasol",
    "Pracownia", "Między piętrami", "Most na Wiśle", "Dziewczyna z Kazimierza",
]  # fmt: skip
ROLES = {
    "camera-rental": ("dostawa kamer i optyki", "camera and lens package"),
    "lighting": ("oświetlenie planu", "lighting equipment and crew"),
    "grip": ("sprzęt grip", "grip equipment"),
    "line-production": ("produkcja wykonawcza w Polsce", "line production in Poland"),
    "production-management": ("kierownictwo produkcji", "production management"),
    "casting": ("casting ról drugoplanowych", "supporting cast casting"),
    "catering": ("catering na planie", "on-set catering"),
    "transport": ("transport ekipy i sprzętu", "crew and equipment transport"),
    "location-scouting": ("wyszukiwanie lokacji", "location scouting"),
    "location-services": ("obsługa lokacji i pozwolenia", "location services and permits"),
    "studios": ("hala zdjęciowa", "stage rental"),
    "cinematography": ("zdjęcia", "cinematography"),
    "aerial": ("zdjęcia lotnicze", "aerial photography"),
    "set-design": ("scenografia", "set design and construction"),
    "costume": ("kostiumy", "costume"),
    "make-up": ("charakteryzacja", "make-up and hair"),
    "animation": ("animacja", "animation"),
    "vfx": ("efekty wizualne", "visual effects"),
    "video-post": ("montaż i postprodukcja obrazu", "editing and picture post-production"),
    "colour-grading": ("korekcja barwna", "colour grading"),
    "sound-post": ("postprodukcja dźwięku", "sound post-production"),
    "music": ("muzyka oryginalna", "original score"),
    "legal-financial": ("obsługa prawna i finansowa", "legal and financial services"),
    "film-education": ("warsztaty dla ekipy", "crew workshops"),
}
KIND_WORDS = {
    "company": ("Firma", "A company"),
    "ngo": ("Organizacja pozarządowa", "A non-profit organisation"),
    "public": ("Instytucja publiczna", "A public institution"),
    "university": ("Uczelnia", "A university"),
}
PALETTE = [(122, 31, 43), (31, 78, 122), (40, 110, 70), (150, 80, 10), (90, 50, 120), (20, 100, 110), (40, 40, 48)]


def slugify_pl(text: str) -> str:
    return slugify(fold(text))


def ensure_taxonomy() -> dict[str, ServiceCategory]:
    """The shipped taxonomy (members/data/taxonomy.json); categories the coordinator
    edited are left as they are."""
    return load_taxonomy(default_file(), only_new=True).categories


def _mark(draw: ImageDraw.ImageDraw, shape: int, box: tuple[int, int, int, int], colour, letter: str, font) -> None:
    """A logo's sign: an aperture, a film frame, a disc or a slate, with the firm's letter."""
    x0, y0, x1, y1 = box
    cx, cy, r = (x0 + x1) / 2, (y0 + y1) / 2, (x1 - x0) / 2
    if shape == 0:  # aperture: a ring of blades
        draw.ellipse(box, fill=colour)
        for k in range(6):
            angle = math.radians(k * 60)
            draw.line(
                [(cx + r * 0.3 * math.cos(angle), cy + r * 0.3 * math.sin(angle)),
                 (cx + r * math.cos(angle + 0.9), cy + r * math.sin(angle + 0.9))],
                fill=(255, 255, 255), width=max(2, int(r / 10)),
            )  # fmt: skip
        return
    if shape == 1:  # film frame with perforations
        draw.rounded_rectangle(box, radius=r / 5, fill=colour)
        for k in range(4):
            y = y0 + r * 0.2 + k * r * 0.47
            for x in (x0 + r * 0.1, x1 - r * 0.28):
                draw.rectangle([x, y, x + r * 0.18, y + r * 0.22], fill=(255, 255, 255))
    elif shape == 2:  # disc
        draw.ellipse(box, fill=colour)
    else:  # clapper slate
        draw.rectangle([x0, y0 + r * 0.5, x1, y1], fill=colour)
        draw.polygon([(x0, y0 + r * 0.42), (x1, y0 + r * 0.1), (x1, y0 + r * 0.36), (x0, y0 + r * 0.68)], fill=colour)
    draw.text((cx, cy + (r * 0.2 if shape == 3 else 0)), letter, fill=(255, 255, 255), font=font, anchor="mm")


def logo(name: str, colour: tuple[int, int, int], index: int, size=(480, 300)) -> bytes:
    """A demo logo: a sign in the firm's colour beside its name set as a word mark."""
    width, height = size
    # Drawn on a wide canvas, then trimmed and fitted, so long names are never cut.
    image = Image.new("RGB", (width * 3, height), (255, 255, 255))
    draw = ImageDraw.Draw(image)
    # Pillow's own default font has no Polish letters (Ś, Ł); the bundled DejaVu Sans has.
    bold = ImageFont.truetype(str(FONT_DIR / "DejaVuSans-Bold.ttf"), size=height // 5)
    light = ImageFont.truetype(str(FONT_DIR / "DejaVuSans.ttf"), size=height // 11)
    mark = height // 2
    _mark(draw, index % 4, (30, (height - mark) // 2, 30 + mark, (height + mark) // 2), colour, name[0], bold)
    words = name.split()
    first, rest = words[0], " ".join(words[1:])
    text_x = 30 + mark + 24
    draw.text((text_x, height / 2 - 4), first, fill=(28, 28, 32), font=bold, anchor="ls")
    if rest:
        lines, line = [], ""
        for word in rest.split():
            candidate = f"{line} {word}".strip()
            if draw.textlength(candidate.upper(), font=light) > max(width, draw.textlength(first, font=bold)) and line:
                lines.append(line)
                line = word
            else:
                line = candidate
        lines.append(line)
        for k, text in enumerate(lines[:2]):
            draw.text(
                (text_x + 2, height / 2 + 14 + k * (height // 9)), text.upper(), fill=colour, font=light, anchor="lt"
            )
    # Trim to the drawing, with a margin, so logos of short and long names sit alike.
    box = ImageOps.invert(image).getbbox() or (0, 0, width, height)
    image = image.crop((max(0, box[0] - 24), max(0, box[1] - 24), box[2] + 24, min(height, box[3] + 24)))
    canvas = Image.new("RGB", size, (255, 255, 255))
    image = ImageOps.contain(image, (width - 20, height - 20))
    canvas.paste(image, ((width - image.width) // 2, (height - image.height) // 2))
    buffer = io.BytesIO()
    canvas.save(buffer, "PNG", optimize=True)
    return buffer.getvalue()


def place(member: Member, index: int) -> None:
    """The firm's town from the gazetteer, moved by up to about 2 km so that firms of one
    town do not share a single marker."""
    town = gazetteer.town_named(member.city)
    if town is None:
        return
    rng = random.Random(f"position-{index}")  # noqa: S311 - deterministic demo content, not security
    step = Decimal("0.00001")
    member.latitude = (town.latitude + Decimal(rng.uniform(-0.018, 0.018))).quantize(step)
    member.longitude = (town.longitude + Decimal(rng.uniform(-0.028, 0.028))).quantize(step)


def ensure_member(index: int, name: str, kind: str, services: list[str], languages, categories) -> Member:
    rng = random.Random(index)  # noqa: S311 - deterministic demo content, not security
    slug = slugify_pl(name)
    member = Member.objects.filter(slug=slug).first()
    if member is not None:
        if member.latitude is None:  # a demo database loaded before firms had a position
            place(member, index)
            member.save(update_fields=["latitude", "longitude"])
        return member
    city = CITIES[index % len(CITIES)]
    names_pl = ", ".join(categories[s].name_pl.lower() for s in services)
    names_en = ", ".join(categories[s].name_en.lower() for s in services)
    kind_pl, kind_en = KIND_WORDS[kind]
    member = Member(
        name=name,
        slug=slug,
        kind=kind,
        city=city,
        # The card and the profile show the city already; the tagline says what the firm does.
        tagline_pl=f"{categories[services[0]].name_pl} dla filmu, telewizji i reklamy",
        tagline_en=f"{categories[services[0]].name_en} for film, television and commercials",
        description_pl=(
            f"{kind_pl} z miejscowości {city} działająca w Krakowskim Klastrze Filmowym. "
            f"Oferujemy: {names_pl}. Pracujemy przy filmach fabularnych, serialach, dokumentach i reklamach."
        ),
        # Every fifth firm has written its profile in Polish only: the English page says so.
        description_en=""
        if index % 5 == 4
        else (
            f"{kind_en} based in {city}, a member of the Krakow Film Cluster. "
            f"We offer: {names_en}. We work on feature films, series, documentaries and commercials."
        ),
        address=f"ul. Filmowa {index + 1}",
        postal_code=f"3{index % 4}-{100 + index:03d}",
        website=f"https://{slug}.example.org",
        email=f"biuro@{slug}.example.org",
        phone=f"+48 12 555 {index:02d} {(index * 7) % 100:02d}",
        year_founded=1990 + rng.randrange(34),
        size_band=rng.choice(["1-9", "1-9", "10-49", "50-249"]),
        languages=list(languages),
        member_since=date(2015 + rng.randrange(11), rng.randrange(1, 13), 1),
    )
    place(member, index)
    colour = PALETTE[index % len(PALETTE)]
    member.logo.save(f"{slug}.png", ContentFile(logo(name, colour, index)), save=False)
    member.save()
    for slug_ in services:
        MemberService.objects.create(
            member=member,
            category=categories[slug_],
            description_pl=f"{categories[slug_].name_pl} dla produkcji krajowych i zagranicznych",
            description_en=f"{categories[slug_].name_en} for Polish and international productions",
        )
    for n in range(2):
        role_pl, role_en = ROLES[services[n % len(services)]]
        Credit.objects.create(
            member=member,
            title=TITLES[(index * 3 + n * 5) % len(TITLES)],
            year=2016 + (index + n * 3) % 10,
            kind=rng.choice([k for k, _ in Credit.Kind.choices]),
            role_pl=role_pl,
            role_en=role_en,
        )
    Resource.objects.create(
        member=member,
        name_pl=categories[services[0]].name_pl,
        name_en=categories[services[0]].name_en,
        quantity=rng.randrange(1, 20),
        details_pl="dostępne od ręki",
        details_en="available at short notice",
    )
    for position, still in enumerate(pictures_for(services, 3 if index % 3 else 4, offset=index)):
        gallery = GalleryImage(
            member=member, position=position, caption_pl=still.caption_pl, caption_en=still.caption_en
        )
        gallery.image.save(f"{slug}-{still.filename}", ContentFile(still.read()), save=False)
        gallery.save()
    return member


def load(*, stdout) -> None:

    categories = ensure_taxonomy()
    members = [
        ensure_member(index, name, kind, services, languages, categories)
        for index, (name, kind, services, languages) in enumerate(FIRMS)
    ]
    # Two members the public never sees: one that left, one not yet published.
    former = ensure_member(len(FIRMS), "Dawne Studio Filmowe", "company", ["video-post"], ["pl"], categories)
    hidden = ensure_member(len(FIRMS) + 1, "Studio w Przygotowaniu", "company", ["animation"], ["pl"], categories)
    Member.objects.filter(pk=former.pk).update(status=Member.Status.FORMER)
    Member.objects.filter(pk=hidden.pk).update(is_public=False)
    user = User.objects.filter(email=MEMBER_EMAIL).first()
    if user is not None:
        Membership.objects.get_or_create(user=user, member=members[0], defaults={"role": Membership.Role.ADMIN})
    stdout.write(f"members: {len(members)} public demo members, {len(categories)} service categories")
