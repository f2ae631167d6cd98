"""The crew taxonomy the portal starts with: departments and their roles, in Polish and
English, and the firms' service categories (by slug) each department matches. Loaded by
migration 0002; the coordinator edits it in the admin afterwards."""

# (slug, name_pl, name_en, [service slugs], [(role slug, name_pl, name_en), ...])
DEPARTMENTS = [
    ("direction", "Reżyseria", "Direction", ["cinematography"], [
        ("director", "Reżyser", "Director"),
        ("first-assistant-director", "Pierwszy asystent reżysera", "First assistant director"),
        ("script-supervisor", "Sekretarz planu", "Script supervisor"),
    ]),
    ("production", "Produkcja", "Production", ["line-production", "production-management", "location-services"], [
        ("line-producer", "Producent wykonawczy", "Line producer"),
        ("production-manager", "Kierownik produkcji", "Production manager"),
        ("location-manager", "Kierownik lokacji", "Location manager"),
        ("production-coordinator", "Koordynator produkcji", "Production coordinator"),
    ]),
    ("camera", "Zdjęcia", "Camera", ["camera-rental", "cinematography", "aerial"], [
        ("director-of-photography", "Operator obrazu", "Director of photography"),
        ("camera-operator", "Operator kamery", "Camera operator"),
        ("focus-puller", "Ostrzyciel", "Focus puller"),
        ("dit", "DIT", "DIT"),
        ("drone-pilot", "Pilot drona", "Drone pilot"),
    ]),
    ("lighting", "Oświetlenie", "Lighting", ["lighting"], [
        ("gaffer", "Mistrz oświetlenia", "Gaffer"),
        ("best-boy", "Zastępca mistrza oświetlenia", "Best boy"),
        ("electrician", "Oświetlacz", "Electrician"),
    ]),
    ("grip", "Grip", "Grip", ["grip"], [
        ("key-grip", "Główny grip", "Key grip"),
        ("dolly-grip", "Wózkarz", "Dolly grip"),
    ]),
    ("sound", "Dźwięk", "Sound", ["sound-post"], [
        ("sound-recordist", "Dźwiękowiec planowy", "Production sound mixer"),
        ("boom-operator", "Mikrofoniarz", "Boom operator"),
        ("sound-designer", "Projektant dźwięku", "Sound designer"),
    ]),
    ("art", "Scenografia", "Art department", ["set-design"], [
        ("production-designer", "Scenograf", "Production designer"),
        ("set-decorator", "Dekorator wnętrz", "Set decorator"),
        ("props-master", "Rekwizytor", "Props master"),
    ]),
    ("costume", "Kostiumy", "Costume", ["costume"], [
        ("costume-designer", "Kostiumograf", "Costume designer"),
        ("wardrobe-assistant", "Garderobiana", "Wardrobe assistant"),
    ]),
    ("make-up", "Charakteryzacja", "Make-up and hair", ["make-up"], [
        ("make-up-artist", "Charakteryzator", "Make-up artist"),
        ("hair-stylist", "Fryzjer", "Hair stylist"),
    ]),
    ("editing", "Montaż", "Editing", ["video-post", "colour-grading"], [
        ("editor", "Montażysta", "Editor"),
        ("colourist", "Kolorysta", "Colourist"),
    ]),
    ("vfx", "Efekty wizualne", "VFX", ["vfx", "animation"], [
        ("vfx-supervisor", "Kierownik efektów wizualnych", "VFX supervisor"),
        ("compositor", "Kompozytor obrazu (compositing)", "Compositor"),
        ("animator", "Animator", "Animator"),
    ]),
    ("music", "Muzyka", "Music", ["music"], [
        ("composer", "Kompozytor", "Composer"),
        ("music-supervisor", "Konsultant muzyczny", "Music supervisor"),
    ]),
    ("cast", "Obsada", "Cast", ["casting"], [
        ("actor", "Aktor", "Actor"),
        ("casting-director", "Reżyser obsady", "Casting director"),
        ("stunt-performer", "Kaskader", "Stunt performer"),
    ]),
]  # fmt: skip


def load(Department, Role, ServiceCategory) -> None:  # noqa: N803 - historical models from a migration
    for position, (slug, name_pl, name_en, services, roles) in enumerate(DEPARTMENTS):
        department, _created = Department.objects.update_or_create(
            slug=slug, defaults={"name": name_pl, "name_pl": name_pl, "name_en": name_en, "position": position}
        )
        department.services.add(*ServiceCategory.objects.filter(slug__in=services))
        for role_position, (role_slug, role_pl, role_en) in enumerate(roles):
            Role.objects.update_or_create(
                slug=role_slug,
                defaults={
                    "department": department,
                    "name": role_pl,
                    "name_pl": role_pl,
                    "name_en": role_en,
                    "position": role_position,
                },
            )
