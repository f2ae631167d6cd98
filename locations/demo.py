"""Demo locations (development only): the location taxonomy and 32 invented locations
across Małopolska's municipalities, a few managed by demo members. Idempotent: found
again by slug. The places are real towns, but every location, contact and note here is
invented; the pictures are the portal's drawn demo pictures (``core.demo_pictures``).
"""

from decimal import Decimal

from django.core.files.base import ContentFile

from core.demo_pictures import picture
from members.models import Member

from .models import Location, LocationCategory, LocationPhoto
from .services import location_refresh_search

# (slug, name_pl, name_en, [(slug, name_pl, name_en)])
TAXONOMY = [
    ("architecture", "Architektura", "Architecture", [
        ("castle", "Zamek", "Castle"), ("palace", "Pałac", "Palace"), ("church", "Kościół", "Church"),
        ("industrial", "Obiekt przemysłowy", "Industrial"), ("communist-housing", "Blokowisko z PRL",
         "Communist-era housing"), ("modern", "Architektura współczesna", "Modern"),
    ]),
    ("landscape", "Krajobraz", "Landscape", [
        ("mountains", "Góry", "Mountains"), ("river", "Rzeka", "River"), ("forest", "Las", "Forest"),
        ("lake", "Jezioro", "Lake"), ("salt-mine", "Kopalnia soli", "Salt mine"),
    ]),
    ("interiors", "Wnętrza", "Interiors", [
        ("apartment", "Mieszkanie", "Apartment"), ("office", "Biuro", "Office"), ("hospital", "Szpital", "Hospital"),
        ("school", "Szkoła", "School"), ("bar", "Bar", "Bar"),
    ]),
    ("urban", "Miasto", "Urban", [
        ("street", "Ulica", "Street"), ("square", "Plac", "Square"), ("market", "Targ", "Market"),
    ]),
]  # fmt: skip

# (slug, name_pl, name_en, municipality, lat, lon, setting, categories, picture scene, managed by)
# "managed by": an index into the demo members managing locations, or None (the office).
LOCATIONS = [
    ("zamek-nad-dunajcem", "Zamek nad Dunajcem", "Castle above the Dunajec", "Niedzica",
     "49.4197", "20.3197", "both", ["castle", "river"], "river-castle", None),
    ("palac-w-dolinie", "Pałac w dolinie", "Palace in the valley", "Zator",
     "49.9960", "19.4380", "both", ["palace"], "river-castle", 0),
    ("drewniany-kosciol", "Drewniany kościół", "Wooden church", "Dębno",
     "49.4590", "20.1900", "both", ["church"], "misty-forest", None),
    ("komora-solna", "Komora solna", "Salt chamber", "Wieliczka",
     "49.9830", "20.0550", "indoor", ["salt-mine"], "salt-chamber", None),
    ("stara-kopalnia-bochnia", "Stara kopalnia", "Old mine galleries", "Bochnia",
     "49.9690", "20.4300", "indoor", ["salt-mine", "industrial"], "salt-chamber", 1),
    ("hala-fabryczna", "Hala fabryczna", "Factory hall", "Kraków",
     "50.0480", "19.9600", "indoor", ["industrial"], "studio-stage", 0),
    ("osiedle-z-wielkiej-plyty", "Osiedle z wielkiej płyty", "Concrete housing estate", "Kraków",
     "50.0720", "20.0380", "outdoor", ["communist-housing", "street"], "night-city", None),
    ("szklany-biurowiec", "Szklany biurowiec", "Glass office tower", "Kraków",
     "50.0680", "19.9450", "both", ["modern", "office"], "night-city", 2),
    ("rynek-o-swicie", "Rynek o świcie", "Market square at dawn", "Tarnów",
     "50.0125", "20.9880", "outdoor", ["square"], "city-street", None),
    ("kamienica-z-podworkiem", "Kamienica z podwórkiem", "Tenement with a courtyard", "Kraków",
     "50.0510", "19.9440", "both", ["apartment", "street"], "city-street", 0),
    ("hala-targowa", "Hala targowa", "Market hall", "Nowy Sącz",
     "49.6240", "20.6970", "indoor", ["market"], "city-street", None),
    ("dolina-pod-szczytami", "Dolina pod szczytami", "Valley below the peaks", "Zakopane",
     "49.2700", "19.9800", "outdoor", ["mountains"], "tatra-dawn", None),
    ("polana-w-gorcach", "Polana w Gorcach", "Glade in the Gorce", "Nowy Targ",
     "49.5300", "20.1300", "outdoor", ["mountains", "forest"], "valley-crew", 1),
    ("przelom-rzeki", "Przełom rzeki", "River gorge", "Szczawnica",
     "49.4230", "20.4500", "outdoor", ["river", "mountains"], "tatra-dawn", None),
    ("jezioro-zaporowe", "Jezioro zaporowe", "Reservoir lake", "Czchów",
     "49.8300", "20.6700", "outdoor", ["lake"], "misty-forest", None),
    ("jezioro-w-gorach", "Jezioro w górach", "Mountain lake", "Czorsztyn",
     "49.4400", "20.3100", "outdoor", ["lake", "mountains"], "tatra-dawn", 2),
    ("puszcza-niepolomicka", "Leśna droga", "Forest road", "Niepołomice",
     "50.0600", "20.3300", "outdoor", ["forest"], "misty-forest", None),
    ("skaly-w-jurze", "Skały w jurze", "Limestone rocks", "Skała",
     "50.2100", "19.8300", "outdoor", ["forest", "mountains"], "misty-forest", None),
    ("dawny-szpital", "Dawny szpital", "Former hospital", "Chrzanów",
     "50.1400", "19.4000", "indoor", ["hospital"], "set-workshop", None),
    ("szkola-z-lat-trzydziestych", "Szkoła z lat trzydziestych", "School from the 1930s", "Wadowice",
     "49.8830", "19.4930", "indoor", ["school"], "set-workshop", 1),
    ("bar-mleczny", "Bar mleczny", "Milk bar", "Kraków",
     "50.0640", "19.9400", "indoor", ["bar"], "catering", 0),
    ("piwnica-jazzowa", "Piwnica z muzyką", "Music cellar", "Kraków",
     "50.0600", "19.9360", "indoor", ["bar"], "lighting-truss", 2),
    ("uzdrowiskowy-deptak", "Uzdrowiskowy deptak", "Spa promenade", "Krynica-Zdrój",
     "49.4200", "20.9600", "outdoor", ["street", "palace"], "city-street", None),
    ("stary-dworzec", "Stary dworzec", "Old railway station", "Oświęcim",
     "50.0300", "19.2100", "both", ["industrial"], "night-city", None),
    ("klasztor-na-wzgorzu", "Klasztor na wzgórzu", "Hilltop monastery", "Kalwaria Zebrzydowska",
     "49.8650", "19.6770", "both", ["church"], "misty-forest", None),
    ("miasteczko-na-wzgorzu", "Miasteczko na wzgórzu", "Hilltop village", "Lanckorona",
     "49.8460", "19.7160", "outdoor", ["street", "square"], "city-street", None),
    ("ruiny-zamku", "Ruiny zamku", "Castle ruins", "Ojców",
     "50.2100", "19.8290", "outdoor", ["castle", "forest"], "river-castle", None),
    ("biurowiec-z-lat-70", "Biurowiec z lat 70.", "1970s office block", "Olkusz",
     "50.2800", "19.5600", "indoor", ["office", "communist-housing"], "set-workshop", None),
    ("pole-lawendy", "Łąki nad Wisłą", "Meadows by the Vistula", "Szczucin",
     "50.3100", "21.0700", "outdoor", ["river"], "valley-crew", None),
    ("dwor-w-miechowie", "Dwór z parkiem", "Manor with a park", "Miechów",
     "50.3570", "20.0280", "both", ["palace", "forest"], "river-castle", None),
    ("rynek-w-gorlicach", "Rynek i uliczki", "Square and lanes", "Gorlice",
     "49.6550", "21.1600", "outdoor", ["square", "street"], "city-street", None),
    ("stacja-narciarska", "Stok narciarski", "Ski slope", "Bukowina Tatrzańska",
     "49.3440", "20.1070", "outdoor", ["mountains"], "tatra-dawn", 1),
    ("nowoczesna-biblioteka", "Nowoczesna biblioteka", "Modern library", "Myślenice",
     "49.8340", "19.9380", "indoor", ["modern", "school"], "studio-stage", None),
]  # fmt: skip


def ensure_taxonomy() -> dict[str, LocationCategory]:
    found = {}
    for top_position, (slug, name_pl, name_en, children) in enumerate(TAXONOMY):
        parent, _ = LocationCategory.objects.update_or_create(
            slug=slug, defaults={"name_pl": name_pl, "name_en": name_en, "position": top_position * 10}
        )
        found[slug] = parent
        for position, (child_slug, child_pl, child_en) in enumerate(children):
            found[child_slug], _ = LocationCategory.objects.update_or_create(
                slug=child_slug,
                defaults={"name_pl": child_pl, "name_en": child_en, "parent": parent, "position": position},
            )
    return found


def _managers() -> list[Member]:
    """The demo member user's firm first, then firms offering location services."""
    firms = list(Member.objects.filter(slug="kadr-i-dzwiek-studio"))
    firms += list(
        Member.objects.filter(status="active", is_public=True, services__category__slug="location-services")
        .exclude(slug="kadr-i-dzwiek-studio")
        .order_by("name")
        .distinct()[:2]
    )
    return firms


def load(*, stdout) -> None:
    categories = ensure_taxonomy()
    managers = _managers()
    created = 0
    for index, (slug, name_pl, name_en, town, lat, lon, setting, kinds, scene, managed) in enumerate(LOCATIONS):
        manager = managers[managed] if managed is not None and managed < len(managers) else None
        location, was_created = Location.objects.get_or_create(
            slug=slug,
            defaults={
                "name_pl": name_pl,
                "name_en": name_en,
                "municipality": town,
                "latitude": Decimal(lat),
                "longitude": Decimal(lon),
                "setting": setting,
                "manager": manager,
                "description_pl": f"{name_pl} w gminie {town}: lokacja wymyślona na potrzeby wersji demonstracyjnej.",
                "description_en": f"{name_en} in {town}: a location invented for the demo.",
                "access_notes_pl": "Parking dla 6 pojazdów, przyłącze 32 A, sala na bazę.",
                "access_notes_en": "Parking for 6 vehicles, 32 A power, a room for the base camp.",
                "permits_pl": "Zgoda zarządcy obiektu; zajęcie pasa drogowego: urząd gminy.",
                "permits_en": "The owner's consent; road closures: the municipal office.",
                "seasonal_notes_pl": "Najlepsze światło od maja do września.",
                "seasonal_notes_en": "Best light from May to September.",
                "address": f"ul. Przykładowa {index + 1}, {town}",
                "contact_name": "Anna Przykład",
                "contact_email": f"lokacje+{slug}@example.org",
                "contact_phone": f"+48 12 000 {index:02d} {index:02d}",
                "show_exact_position": index % 5 == 0,
            },
        )
        if was_created:
            created += 1
            location.categories.set([categories[kind] for kind in kinds])
            shown = picture(scene)
            photo = LocationPhoto(location=location, alt_text_pl=shown.caption_pl, alt_text_en=shown.caption_en)
            photo.image.save(f"{slug}.webp", ContentFile(shown.read()), save=False)
            photo.save()
            location_refresh_search(location_id=location.pk)
    stdout.write(f"locations: {len(LOCATIONS)} demo locations ({created} new), {len(categories)} categories")
