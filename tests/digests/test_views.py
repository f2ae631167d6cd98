import datetime as dt

import pytest
from django.urls import reverse

from digests import services
from digests.content import unsubscribe_token, unsubscribe_url
from digests.models import DigestPreference, Frequency
from digests.selectors import recipients_for
from tests.factories.accounts import CoordinatorFactory, UserFactory
from tests.factories.digests import DigestPreferenceFactory, member_user

pytestmark = pytest.mark.django_db
PREFERENCES = "/en/account/digest/"


def test_preferences_anonymous_goes_to_login(client):
    response = client.get(PREFERENCES)

    assert response.status_code == 302
    assert response.url.startswith(reverse("account_login"))


def test_preferences_non_member_is_forbidden(client):
    client.force_login(UserFactory())

    assert client.get(PREFERENCES).status_code == 403


def test_preferences_member_sees_weekly_default_with_every_section(client):
    client.force_login(member_user())

    response = client.get(PREFERENCES)

    assert response.status_code == 200
    assert response.context["form"].initial == {
        "frequency": "weekly", "sections": ["leads", "news", "events", "calls", "members", "cooperation"],
    }  # fmt: skip
    assert response.content.decode().count("<h1") == 1
    assert "Your digest is written in English." in response.content.decode()


def test_preferences_member_saves_own_choice_only(client):
    user, other = member_user(), member_user()
    DigestPreferenceFactory(user=other, frequency=Frequency.MONTHLY)
    client.force_login(user)

    response = client.post(PREFERENCES, {"frequency": "daily", "sections": ["leads", "news"]})

    assert response.status_code == 302
    assert (user.digest_preference.frequency, user.digest_preference.sections) == ("daily", ["leads", "news"])
    assert DigestPreference.objects.get(user=other).frequency == "monthly"


def test_preferences_without_sections_keeps_input_and_shows_error(client):
    client.force_login(member_user())

    response = client.post(PREFERENCES, {"frequency": "daily"})

    assert response.status_code == 200
    assert response.context["form"].errors == {"sections": ["Choose at least one section, or turn the digest off."]}
    assert response.context["form"]["frequency"].value() == "daily"
    assert not DigestPreference.objects.exists()


def test_preferences_coordinator_can_open_the_page(client):
    client.force_login(CoordinatorFactory())

    assert client.get("/pl/account/digest/").status_code == 200


def test_unsubscribe_link_get_only_confirms(client):
    user = member_user()

    response = client.get(f"/en/digest/unsubscribe/{unsubscribe_token(user.pk)}/")

    assert response.status_code == 200
    assert "Stop sending the digest to the address this email came to?" in response.content.decode()
    assert user.email not in response.content.decode()
    assert not DigestPreference.objects.exists()


def test_unsubscribe_link_post_turns_digest_off_without_login(client):
    user = member_user()
    DigestPreferenceFactory(user=user, frequency=Frequency.DAILY, sections=["news"])

    response = client.post(f"/en/digest/unsubscribe/{unsubscribe_token(user.pk)}/")

    assert response.status_code == 200
    assert user.email not in response.content.decode()
    preference = DigestPreference.objects.get(user=user)
    assert (preference.frequency, preference.sections) == ("off", ["news"])


@pytest.mark.parametrize("method", ["get", "post"])
def test_unsubscribe_link_from_before_a_resubscription_is_refused(client, method):
    user = member_user()
    old_link = f"/en/digest/unsubscribe/{unsubscribe_token(user.pk)}/"
    client.post(old_link)
    client.force_login(user)
    client.post("/en/account/digest/", {"frequency": "weekly", "sections": ["news"]})
    client.logout()

    response = getattr(client, method)(old_link)

    assert response.status_code == 400
    assert "This link is not valid." in response.content.decode()
    assert DigestPreference.objects.get(user=user).frequency == "weekly"


def test_unsubscribe_link_after_a_resubscription_carries_the_new_version(client):
    user = member_user()
    services.unsubscribe(user=user)
    services.preference_update(user=user, frequency=Frequency.DAILY, sections=["news"])
    recipient = recipients_for([user.pk], until=dt.date(2030, 1, 1))[user.pk]
    token = unsubscribe_url(user.pk, "en", recipient.subscription_version).rsplit("/", 2)[-2]

    response = client.post(f"/en/digest/unsubscribe/{token}/")

    assert (recipient.subscription_version, response.status_code) == (1, 200)
    assert DigestPreference.objects.get(user=user).frequency == "off"


def test_unsubscribe_link_stays_valid_while_the_user_only_changes_sections(client):
    user = member_user()
    services.preference_update(user=user, frequency=Frequency.WEEKLY, sections=["news"])
    services.preference_update(user=user, frequency=Frequency.DAILY, sections=["events"])

    response = client.get(f"/en/digest/unsubscribe/{unsubscribe_token(user.pk)}/")

    assert response.status_code == 200


def test_list_unsubscribe_post_works_without_csrf_token(client):
    from django.test import Client

    user = member_user()
    strict = Client(enforce_csrf_checks=True)

    response = strict.post(
        f"/pl/digest/unsubscribe/{unsubscribe_token(user.pk)}/",
        data="List-Unsubscribe=One-Click",
        content_type="application/x-www-form-urlencoded",
    )

    assert response.status_code == 200
    assert DigestPreference.objects.get(user=user).frequency == "off"


@pytest.mark.parametrize("method", ["get", "post"])
def test_unsubscribe_tampered_token_is_refused(client, method):
    user, victim = member_user(), member_user()
    token = unsubscribe_token(user.pk)
    forged = f"{victim.pk}:{token.split(':', 1)[1]}"

    response = getattr(client, method)(f"/en/digest/unsubscribe/{forged}/")

    assert response.status_code == 400
    assert "This link is not valid." in response.content.decode()
    assert not DigestPreference.objects.exists()
