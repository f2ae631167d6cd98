"""Demo cooperation between the demo firms (development only): requests of every kind
and state with answers and a question thread, firms' marks on the demo calls and
tenders, and a team on a production lead. Idempotent: requests are found again by
their firm and Polish title; the people are invented, with example.org addresses and
no password (only the demo accounts log in).
"""

from __future__ import annotations

import datetime as dt

from django.utils import timezone

from accounts.models import Membership, User
from members.models import Member, ServiceCategory
from news.models import Post
from productions.models import LeadResponse, ProductionLead

from .models import (
    CallParticipation,
    CooperationRequest,
    LeadTeamOptIn,
    RequestAnswer,
    RequestFollow,
    RequestMessage,
)

K = CooperationRequest.Kind
S = CooperationRequest.Status
DEMO_TENDER = "przetarg-obsluga-techniczna-forum"

# People of the demo firms other than the demo member's: (firm, email, name, language).
PEOPLE = [
    ("Sukiennice Sound", "anna@sukiennice-sound.example.org", "Anna Sukiennicka", "pl"),
    ("Wawelska Wypożyczalnia Kamer", "piotr@wawelska-wypozyczalnia-kamer.example.org", "Piotr Kamerzysta", "pl"),
    ("Planty Post House", "eva@planty-post-house.example.org", "Eva Montage", "en"),
    ("Podgórze Line Production", "tomasz@podgorze-line-production.example.org", "Tomasz Liniowy", "pl"),
    ("Ekipa Nowa Huta", "kasia@ekipa-nowa-huta.example.org", "Kasia Gripowa", "pl"),
    ("Hala Zdjęciowa Czyżyny", "marta@hala-zdjeciowa-czyzyny.example.org", "Marta Halowa", "en"),
    ("Smok Animation", "olek@smok-animation.example.org", "Olek Smoczy", "pl"),
    ("Dunajec Drone Films", "jan@dunajec-drone-films.example.org", "Jan Dronowy", "pl"),
]

# (firm, kind, status, days ago, services, call slug, title_pl, title_en, body_pl, body_en)
REQUESTS = [
    ("Sukiennice Sound", K.PARTNER, S.OPEN, 3, ["video-post", "lighting"], DEMO_TENDER,
     "Szukamy partnera od obrazu i światła do przetargu na forum",
     "Looking for a picture and lighting partner for the forum tender",
     "Zapewniamy nagłośnienie i realizację dźwięku. Szukamy firmy od oświetlenia sceny i rejestracji wideo, "
     "żeby złożyć wspólną ofertę.",
     "We cover sound. We look for a firm doing stage lighting and video recording to send a joint offer."),
    ("Kadr i Dźwięk Studio", K.EQUIPMENT, S.OPEN, 5, ["camera-rental"], None,
     "Drugi zestaw kamerowy na luty", "A second camera package for February",
     "Potrzebujemy drugiego zestawu kamerowego (korpus i komplet obiektywów) na 12 dni zdjęciowych w lutym.",
     "We need a second camera package (body and a set of lenses) for 12 shooting days in February."),
    ("Hala Zdjęciowa Czyżyny", K.CAPACITY, S.OPEN, 8, ["studios"], None,
     "Wolna hala B w marcu", "Stage B free in March",
     "Hala B (600 m², wysokość 9 m) jest wolna od 3 do 21 marca. Dla członków klastra korzystne warunki.",
     "Stage B (600 m², 9 m high) is free from 3 to 21 March, on good terms for cluster members."),
    ("Smok Animation", K.SUBCONTRACTOR, S.OPEN, 1, ["sound-post"], None,
     "Podwykonawca udźwiękowienia filmu animowanego", "A subcontractor for the sound of an animated short",
     "Szukamy studia do udźwiękowienia 12-minutowego filmu animowanego: efekty, postsynchrony, miks 5.1.",
     "We look for a studio to do the sound of a 12-minute animated short: effects, dubbing, a 5.1 mix."),
    ("Podgórze Line Production", K.CREW, S.MATCHED, 20, ["grip"], None,
     "Ekipa grip na 10 dni", "A grip crew for 10 days",
     "Szukamy doświadczonej ekipy grip na 10 dni zdjęciowych w Krakowie.",
     "We look for an experienced grip crew for 10 shooting days in Krakow."),
    ("Planty Post House", K.SPACE, S.CLOSED, 30, ["video-post"], None,
     "Pokój montażowy na dwa tygodnie", "An editing room for two weeks",
     "Potrzebowaliśmy dodatkowego pokoju montażowego na dwa tygodnie.",
     "We needed an extra editing room for two weeks."),
]  # fmt: skip

# (request title_pl, answering firm, note)
ANSWERS = [
    ("Drugi zestaw kamerowy na luty", "Wawelska Wypożyczalnia Kamer",
     "Mamy wolny zestaw z obiektywami stałoogniskowymi na cały luty."),
    ("Ekipa grip na 10 dni", "Ekipa Nowa Huta", "Nasza ekipa grip jest wolna w tym terminie."),
    ("Szukamy partnera od obrazu i światła do przetargu na forum", "Planty Post House",
     "We can record and stream the forum; lighting we would add with a partner."),
]  # fmt: skip

# (request title_pl, writer firm, text, replies: [(firm, text)])
THREADS = [
    ("Wolna hala B w marcu", "Kadr i Dźwięk Studio", "Czy hala ma zaplecze charakteryzatorskie?",
     [("Hala Zdjęciowa Czyżyny", "Yes: two make-up rooms and a wardrobe next to the stage.")]),
    ("Szukamy partnera od obrazu i światła do przetargu na forum", "Planty Post House",
     "Do you also need streaming, or only the recording?",
     [("Sukiennice Sound", "Transmisja też – zamawiający chce obu.")]),
]  # fmt: skip

# (call slug, firm, status, looks for partners)
CALL_MARKS = [
    (DEMO_TENDER, "Sukiennice Sound", CallParticipation.Status.APPLYING, True),
    (DEMO_TENDER, "Kadr i Dźwięk Studio", CallParticipation.Status.INTERESTED, False),
    ("przetarg-scenografia-zakonczony", "Pracownia Scenograficzna Kazimierz", CallParticipation.Status.WON, False),
    ("przetarg-scenografia-zakonczony", "Hala Zdjęciowa Czyżyny", CallParticipation.Status.LOST, False),
]

TEAM_LEAD = "Sól ziemi"
TEAM = [("Kadr i Dźwięk Studio", False), ("Sukiennice Sound", True), ("Dunajec Drone Films", True)]


def _people(firms: dict[str, Member]) -> dict[str, User]:
    users = {}
    for firm_name, email, name, language in PEOPLE:
        firm = firms.get(firm_name)
        if firm is None:
            continue
        user = User.objects.filter(email=email).first()
        if user is None:
            user = User(email=email, name=name, preferred_language=language)
            user.set_unusable_password()
            user.save()
        Membership.objects.get_or_create(user=user, member=firm, defaults={"role": Membership.Role.EDITOR})
        users[firm_name] = user
    member_user = User.objects.filter(email="member@example.org").first()
    if member_user is not None:
        users["Kadr i Dźwięk Studio"] = member_user
    return users


def load(*, stdout) -> None:
    firms = {m.name: m for m in Member.objects.filter(name__in={row[0] for row in PEOPLE} | {
        "Kadr i Dźwięk Studio", "Pracownia Scenograficzna Kazimierz"})}  # fmt: skip
    if "Kadr i Dźwięk Studio" not in firms:
        stdout.write("cooperation: no demo firms, nothing to do")
        return
    users = _people(firms)
    calls = {p.slug: p for p in Post.objects.calls()}
    categories = {c.slug: c for c in ServiceCategory.objects.all()}
    now = timezone.now()
    requests = {}
    for firm_name, kind, status, days, slugs, call_slug, title_pl, title_en, body_pl, body_en in REQUESTS:
        firm = firms.get(firm_name)
        if firm is None:
            continue
        request = CooperationRequest.objects.filter(member=firm, title_pl=title_pl).first()
        if request is None:
            request = CooperationRequest.objects.create(
                member=firm,
                posted_by=users.get(firm_name),
                kind=kind,
                language="pl",
                title_pl=title_pl,
                title_en=title_en,
                body_pl=body_pl,
                body_en=body_en,
                call=calls.get(call_slug) if call_slug else None,
                created_at=now - dt.timedelta(days=days),
                respond_by=timezone.localdate() + dt.timedelta(days=21) if status == S.OPEN else None,
                alerted_at=now - dt.timedelta(days=days),
            )
            request.services.set([categories[s] for s in slugs if s in categories])
            if users.get(firm_name):
                RequestFollow.objects.get_or_create(request=request, user=users[firm_name])
        requests[title_pl] = request
    for title_pl, firm_name, note in ANSWERS:
        if title_pl in requests and firm_name in firms:
            RequestAnswer.objects.get_or_create(
                request=requests[title_pl],
                member=firms[firm_name],
                defaults={"posted_by": users.get(firm_name), "note": note},
            )
    matched = requests.get("Ekipa grip na 10 dni")
    if matched is not None and "Ekipa Nowa Huta" in firms:
        CooperationRequest.objects.filter(pk=matched.pk).update(status=S.MATCHED, closed_at=now - dt.timedelta(days=15))
        matched.matched_members.set([firms["Ekipa Nowa Huta"]])
    closed = requests.get("Pokój montażowy na dwa tygodnie")
    if closed is not None:
        CooperationRequest.objects.filter(pk=closed.pk).update(status=S.CLOSED, closed_at=now - dt.timedelta(days=25))
    for title_pl, firm_name, text, replies in THREADS:
        request = requests.get(title_pl)
        if request is None or RequestMessage.objects.filter(request=request).exists():
            continue
        asked = now - dt.timedelta(days=1, hours=4)
        question = RequestMessage.objects.create(
            request=request, member=firms.get(firm_name), written_by=users.get(firm_name), body=text, created_at=asked
        )
        for index, (reply_firm, reply) in enumerate(replies, start=1):
            RequestMessage.objects.create(
                request=request,
                parent=question,
                member=firms.get(reply_firm),
                written_by=users.get(reply_firm),
                body=reply,
                created_at=asked + dt.timedelta(hours=2 * index),
            )
    for call_slug, firm_name, status, seeks in CALL_MARKS:
        if call_slug in calls and firm_name in firms:
            CallParticipation.objects.get_or_create(
                call=calls[call_slug],
                member=firms[firm_name],
                defaults={"status": status, "seeks_partners": seeks, "updated_by": users.get(firm_name)},
            )
    lead = ProductionLead.objects.filter(title_pl=TEAM_LEAD).first()
    if lead is not None:
        for firm_name, opted_in in TEAM:
            if firm_name not in firms:
                continue
            LeadResponse.objects.get_or_create(
                lead=lead, member=firms[firm_name], defaults={"user": users.get(firm_name)}
            )
            if opted_in:
                LeadTeamOptIn.objects.get_or_create(
                    lead=lead, member=firms[firm_name], defaults={"user": users.get(firm_name)}
                )
    stdout.write(f"cooperation: {len(requests)} demo requests, {len(CALL_MARKS)} marks on calls, a lead team")
