"""The demo cluster's branding: the Krakow Film Cluster's own facts, from the seeds.

The colours are those of static/core/portal.css, so the demo looks as designed; a new
cluster sets its own in the admin (Branding)."""

from .models import Branding

KRAKOW = {
    "name_pl": "Krakowski Klaster Filmowy",
    "name_en": "Krakow Film Cluster",
    "about_pl": "Założony w lutym 2015 r., koordynowany przez Krakowski Park Technologiczny.",
    "about_en": "Founded in February 2015 and coordinated by the Krakow Technology Park.",
    "description_pl": (
        "Jedna wspólna oferta firm filmowych, organizacji i twórców regionu dla produkcji z Polski i z zagranicy."
    ),
    "description_en": (
        "One joint offer of the region's film companies, organisations and artists, "
        "for productions from Poland and abroad."
    ),
    "primary_colour": "#7a1f2b",
    "primary_contrast_colour": "#ffffff",
    "accent_colour": "#c9a227",
}


def load(*, stdout) -> None:
    # Only the first time: what the coordinator changed since is kept.
    _branding, created = Branding.objects.get_or_create(pk=1, defaults=KRAKOW)
    stdout.write("Branding: created." if created else "Branding: kept as edited.")
