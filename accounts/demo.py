"""Demo accounts (development only): the coordinator and one member user."""

from allauth.account.models import EmailAddress

from .models import MembershipApplication, User

DEMO_PASSWORD = "cluster-demo"  # noqa: S105 - published demo password, refused in production
COORDINATOR_EMAIL = "coordinator@example.org"
MEMBER_EMAIL = "member@example.org"


def ensure_user(*, email: str, name: str, staff: bool, language: str = "pl") -> User:
    user, created = User.objects.get_or_create(
        email=email,
        defaults={"name": name, "is_staff": staff, "is_superuser": staff, "preferred_language": language},
    )
    if created:
        user.set_password(DEMO_PASSWORD)
        user.save(update_fields=["password"])
    EmailAddress.objects.update_or_create(user=user, email=email, defaults={"verified": True, "primary": True})
    return user


def load(*, stdout) -> None:
    ensure_user(email=COORDINATOR_EMAIL, name="Anna Koordynator", staff=True)
    ensure_user(email=MEMBER_EMAIL, name="Marek Członek", staff=False, language="en")
    # One application waiting for review, so the coordinator can try approve / reject.
    MembershipApplication.objects.get_or_create(
        contact_email="applicant@example.org",
        defaults={
            "company_name": "Nowa Fala Sound",
            "city": "Tarnów",
            "website": "https://nowa-fala.example.org",
            "year_founded": 2019,
            "description": "Studio dźwięku: nagrania postsynchronów, montaż i zgranie dźwięku do filmów krótkich.",
            "contact_name": "Ola Nowak",
            "language": "pl",
            **dict.fromkeys(MembershipApplication.REQUIREMENT_FIELDS, True),
        },
    )
    stdout.write("accounts: coordinator@example.org and member@example.org (password cluster-demo)")
