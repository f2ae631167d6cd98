"""What the desk shows on the home page: a few of the public "cluster in numbers"
figures (the same cached figures as the numbers page)."""

from __future__ import annotations

from core import home

from .selectors import cached_cluster_numbers


def numbers() -> dict:
    figures = cached_cluster_numbers()
    return {
        "members": figures["active_members"],
        "productions": sum(n for _year, n in figures["productions_per_year"]),
        "events": figures["events_held"],
        "people_trained": figures["people_trained"],
    }


def register() -> None:
    # Nothing invalidates these: like the numbers page they may be ten minutes behind.
    home.register("numbers", template="desk/_home_numbers.html", build=numbers, order=10)
