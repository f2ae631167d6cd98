"""Pictures for the demo data: stills, sets, studios and equipment (development only).

Drawn by ``bin/render-demo-pictures`` from shapes, gradients and noise (the project's
own work, no photograph of anyone). Each picture says which services it illustrates,
so the demo loaders can give a firm pictures of its own trade, and carries a caption in
both languages that doubles as its alt text.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

PICTURE_DIR = Path(__file__).resolve().parent


@dataclass(frozen=True)
class Picture:
    scene: str
    variant: int
    services: tuple[str, ...]
    caption_pl: str
    caption_en: str

    @property
    def filename(self) -> str:
        return f"{self.scene}-{self.variant}.webp"

    @property
    def path(self) -> Path:
        return PICTURE_DIR / self.filename

    def read(self) -> bytes:
        return self.path.read_bytes()


PICTURES = [
    Picture("tatra-dawn", 1, ("location-scouting", "location-services", "aerial"),
            "Świt nad Tatrami, lokacja plenerowa", "Dawn over the Tatras, an outdoor location"),
    Picture("tatra-dawn", 2, ("location-scouting", "cinematography"),
            "Pasma górskie w porannej mgle", "Mountain ridges in the morning mist"),
    Picture("valley-crew", 1, ("cinematography", "line-production", "production-management", "transport"),
            "Ekipa na planie o zachodzie słońca", "The crew on set at sunset"),
    Picture("valley-crew", 2, ("cinematography", "sound-post", "grip"),
            "Ujęcie z dźwiękowcem i kamerą na statywie", "A take with the boom operator and the camera on sticks"),
    Picture("misty-forest", 1, ("location-scouting", "location-services", "cinematography"),
            "Las we mgle, lokacja w Beskidach", "A misty forest location in the Beskids"),
    Picture("night-city", 1, ("cinematography", "lighting", "colour-grading"),
            "Nocne zdjęcia w mieście", "A night shoot in the city"),
    Picture("river-castle", 1, ("location-services", "location-scouting", "line-production", "film-education"),
            "Zamek nad rzeką o zmierzchu", "A castle over the river at dusk"),
    Picture("river-castle", 2, ("colour-grading", "video-post", "legal-financial"),
            "Kadr z filmu po korekcji barwnej", "A frame after colour grading"),
    Picture("studio-stage", 1, ("studios", "lighting", "set-design"),
            "Hala zdjęciowa z cykloramą", "A sound stage with a cyclorama"),
    Picture("studio-stage", 2, ("studios", "grip", "camera-rental"),
            "Przygotowanie światła w studiu", "Lighting the set in the studio"),
    Picture("green-screen", 1, ("studios", "vfx"),
            "Studio z zielonym tłem", "A green-screen studio"),
    Picture("camera", 1, ("camera-rental", "cinematography"),
            "Kamera filmowa z obiektywem", "A cinema camera with its lens"),
    Picture("camera", 2, ("camera-rental", "grip", "aerial"),
            "Kamera gotowa do wydania z wypożyczalni", "A camera package ready to leave the rental house"),
    Picture("lighting-truss", 1, ("lighting", "grip"),
            "Reflektory na kratownicy", "Lamps rigged on a truss"),
    Picture("lighting-truss", 2, ("lighting", "studios"),
            "Światło koncertowe na planie teledysku", "Stage lighting on a music-video set"),
    Picture("grading-suite", 1, ("colour-grading", "video-post", "vfx"),
            "Sala korekcji barwnej", "The colour-grading suite"),
    Picture("sound-desk", 1, ("sound-post", "music"),
            "Konsola w studiu postprodukcji dźwięku", "The desk in the sound post-production studio"),
    Picture("sound-desk", 2, ("sound-post", "music", "film-education"),
            "Miks dźwięku do filmu", "Mixing the sound of a film"),
    Picture("animation", 1, ("animation", "vfx"),
            "Kadr z filmu animowanego", "A frame from an animated film"),
    Picture("animation", 2, ("animation", "music"),
            "Tło do animacji wycinankowej", "A background for cut-out animation"),
    Picture("set-workshop", 1, ("set-design", "studios"),
            "Budowa dekoracji w pracowni", "Building a set in the workshop"),
    Picture("costume-rail", 1, ("costume", "make-up", "casting"),
            "Kostiumy przygotowane na dzień zdjęciowy", "Costumes ready for the shooting day"),
    Picture("salt-chamber", 1, ("location-services", "studios", "location-scouting"),
            "Podziemna komora jako lokacja", "An underground chamber as a location"),
    Picture("city-street", 1, ("location-services", "lighting", "transport"),
            "Ulica nocą po deszczu", "A street at night after the rain"),
    Picture("catering", 1, ("catering", "transport", "production-management"),
            "Baza cateringowa na planie plenerowym", "The catering base on an outdoor set"),
    Picture("drone-aerial", 1, ("aerial", "location-scouting"),
            "Zdjęcie z drona nad doliną", "A drone shot over the valley"),
]  # fmt: skip


def pictures_for(services, count: int, offset: int = 0) -> list[Picture]:
    """``count`` pictures that suit ``services`` (best match first), different ones for
    different ``offset`` so neighbouring firms do not all show the same still."""
    wanted = set(services)
    ranked = sorted(
        enumerate(PICTURES), key=lambda item: (-len(wanted & set(item[1].services)), (item[0] + offset) % len(PICTURES))
    )
    return [picture for _, picture in ranked[:count]]


def picture(scene: str, variant: int = 1) -> Picture:
    return next(p for p in PICTURES if p.scene == scene and p.variant == variant)
