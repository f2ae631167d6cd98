from datetime import timedelta

import factory
from allauth.account.models import EmailAddress
from django.utils import timezone

from accounts.models import Invitation, Membership, MembershipApplication, User

PASSWORD = "correct-horse-battery"


class UserFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = User
        skip_postgeneration_save = True

    email = factory.Sequence(lambda n: f"user{n}@example.org")
    name = factory.Faker("name")
    preferred_language = "en"
    password = factory.django.Password(PASSWORD)

    @factory.post_generation
    def verified(obj, create, extracted, **kwargs):  # noqa: N805 - factory_boy's signature
        if create and extracted is not False:
            EmailAddress.objects.create(user=obj, email=obj.email, verified=True, primary=True)


class CoordinatorFactory(UserFactory):
    is_staff = True
    is_superuser = True


class MembershipFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = Membership

    user = factory.SubFactory(UserFactory)
    member = factory.SubFactory("tests.factories.members.MemberFactory")
    role = Membership.Role.ADMIN


class InvitationFactory(factory.django.DjangoModelFactory):
    """A pending invitation, valid for 14 days from now. Build its link with
    ``accounts.tokens.make_token(invitation_id=inv.pk, key=inv.key)``."""

    class Meta:
        model = Invitation

    email = factory.Sequence(lambda n: f"invitee{n}@example.org")
    member = factory.SubFactory("tests.factories.members.MemberFactory")
    role = Membership.Role.EDITOR
    language = "en"
    key = factory.Faker("pystr", min_chars=32, max_chars=32)
    sent_at = factory.LazyFunction(timezone.now)
    expires_at = factory.LazyAttribute(lambda o: o.sent_at + timedelta(days=14))


class MembershipApplicationFactory(factory.django.DjangoModelFactory):
    class Meta:
        model = MembershipApplication

    company_name = factory.Sequence(lambda n: f"Applicant Films {n}")
    city = "Kraków"
    description = "We rent cameras and lights."
    contact_name = "Ada Applicant"
    contact_email = factory.Sequence(lambda n: f"applicant{n}@example.org")
    language = "en"
    operates_two_years = True
    has_portfolio = True
    has_website = True
    has_price_list = True
    has_insurance = True
    signed_declaration = True
