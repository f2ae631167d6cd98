"""Certificates of attendance (PDF, reportlab) for trainings and workshops.

reportlab's built-in fonts cannot draw Polish letters, so the DejaVu Sans files are
bundled in ``core/fonts`` (free licence, see LICENSE.txt there): nothing has to be
installed on the server for a certificate to show "Małgorzata Żółć" correctly.
"""

from __future__ import annotations

import io

from django.conf import settings
from django.utils import formats, timezone, translation
from django.utils.translation import gettext as _
from reportlab.lib.colors import HexColor
from reportlab.lib.pagesizes import A4, landscape
from reportlab.pdfbase import pdfmetrics
from reportlab.pdfbase.ttfonts import TTFont
from reportlab.pdfgen import canvas

from core.fonts import FONT_DIR

from .models import Registration

REGULAR, BOLD = "DejaVuSans", "DejaVuSans-Bold"


def _register_fonts() -> None:
    if REGULAR not in pdfmetrics.getRegisteredFontNames():
        pdfmetrics.registerFont(TTFont(REGULAR, str(FONT_DIR / "DejaVuSans.ttf")))
        pdfmetrics.registerFont(TTFont(BOLD, str(FONT_DIR / "DejaVuSans-Bold.ttf")))


def _dates(event) -> str:
    start, end = timezone.localtime(event.starts_at), timezone.localtime(event.ends_at)
    if start.date() == end.date():
        return formats.date_format(start, "j E Y")
    return f"{formats.date_format(start, 'j E Y')} – {formats.date_format(end, 'j E Y')}"


def _wrap(text: str, font: str, size: int, width: float) -> list[str]:
    lines, line = [], ""
    for word in text.split():
        candidate = f"{line} {word}".strip()
        if pdfmetrics.stringWidth(candidate, font, size) <= width or not line:
            line = candidate
        else:
            lines.append(line)
            line = word
    return [*lines, line] if line else lines


def certificate_pdf(registration: Registration, *, language: str) -> bytes:
    _register_fonts()
    event = registration.event
    buffer = io.BytesIO()
    width, height = landscape(A4)
    with translation.override(language):
        cluster = settings.CLUSTER_NAME_EN if language == "en" else settings.CLUSTER_NAME
        pdf = canvas.Canvas(buffer, pagesize=(width, height))
        pdf.setTitle(_("Certificate of attendance"))
        pdf.setAuthor(cluster)
        pdf.setStrokeColor(HexColor("#7a1f2b"))
        pdf.setLineWidth(3)
        pdf.rect(30, 30, width - 60, height - 60)
        pdf.setFillColor(HexColor("#7a1f2b"))
        pdf.setFont(BOLD, 16)
        pdf.drawCentredString(width / 2, height - 90, cluster)
        pdf.setFillColor(HexColor("#1d1d1f"))
        pdf.setFont(BOLD, 34)
        pdf.drawCentredString(width / 2, height - 160, _("Certificate of attendance"))
        pdf.setFont(REGULAR, 16)
        pdf.drawCentredString(width / 2, height - 215, _("This is to certify that"))
        pdf.setFont(BOLD, 26)
        pdf.drawCentredString(width / 2, height - 260, registration.name)
        pdf.setFont(REGULAR, 16)
        pdf.drawCentredString(
            width / 2, height - 305, _("attended the %(kind)s") % {"kind": event.get_kind_display().lower()}
        )
        y = height - 345
        for line in _wrap(f"„{event.title}”", BOLD, 20, width - 160):
            pdf.setFont(BOLD, 20)
            pdf.drawCentredString(width / 2, y, line)
            y -= 28
        pdf.setFont(REGULAR, 14)
        place = f", {event.venue}" if event.venue else ""
        pdf.drawCentredString(width / 2, y - 10, f"{_dates(event)}{place}")
        if event.organiser:
            pdf.drawCentredString(width / 2, y - 34, _("Organised by %(organiser)s") % {"organiser": event.organiser})
        pdf.setFont(REGULAR, 10)
        pdf.setFillColor(HexColor("#5b5b66"))
        pdf.drawString(50, 50, _("Certificate no. %(number)s") % {"number": f"{event.pk}/{registration.pk}"})
        pdf.showPage()
        pdf.save()
    return buffer.getvalue()
