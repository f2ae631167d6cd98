#!/usr/bin/env python
"""Django's command-line utility for administrative tasks."""

import os
import sys


def main() -> None:
    os.environ.setdefault("DJANGO_SETTINGS_MODULE", "cluster_portal.settings")
    # After DJANGO_SETTINGS_MODULE is set: both read the settings when imported.
    from django.core.management import execute_from_command_line  # noqa: PLC0415

    from cluster_portal.startup import require_services_for_command  # noqa: PLC0415

    require_services_for_command(sys.argv)
    execute_from_command_line(sys.argv)


if __name__ == "__main__":
    main()
