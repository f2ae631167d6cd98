"""DejaVu Sans, bundled so that PDFs and generated pictures can draw Polish letters without
any font installed on the machine (free licence, see LICENSE.txt)."""

from pathlib import Path

FONT_DIR = Path(__file__).resolve().parent
