"""Validation that is the same everywhere (core.validators): NIP and REGON checksums,
credit years, shooting dates; on the public join form and in the admin alike."""

import datetime as dt
import re

import pytest
from django.conf import settings
from django.core.exceptions import ValidationError
from django.utils import timezone, translation

from core.validators import validate_nip, validate_regon, validate_year
from productions.models import ProductionInquiry, ProductionLead
from tests.factories.accounts import CoordinatorFactory
from tests.factories.members import CreditFactory, MemberFactory


@pytest.mark.parametrize("value", ["1234563218", "123-456-32-18", "PL 123 456 32 18"])
def test_nip_with_its_checksum_passes(value):
    validate_nip(value)


@pytest.mark.parametrize(("value", "code"), [("1234563219", "nip_checksum"), ("12345", "nip_format")])
def test_nip_with_a_wrong_digit_or_length_fails(value, code):
    with pytest.raises(ValidationError) as error:
        validate_nip(value)

    assert error.value.code == code


@pytest.mark.parametrize("value", ["123456785", "12345678512347"])
def test_regon_of_nine_and_fourteen_digits_with_checksum_passes(value):
    validate_regon(value)


@pytest.mark.parametrize("value", ["123456786", "12345678512348", "1234567"])
def test_regon_with_a_wrong_digit_or_length_fails(value):
    with pytest.raises(ValidationError):
        validate_regon(value)


def test_credit_years_run_from_1900_to_next_year():
    next_year = timezone.localdate().year + 1
    validate_year(1900)
    validate_year(next_year)
    for bad in (1899, next_year + 1):
        with pytest.raises(ValidationError):
            validate_year(bad)


@pytest.mark.django_db
def test_credit_year_out_of_range_is_refused_by_full_clean():
    credit = CreditFactory.build(member=MemberFactory(), year=1850)

    with pytest.raises(ValidationError) as error:
        credit.full_clean()

    assert list(error.value.message_dict) == ["year"]


@pytest.mark.django_db
@pytest.mark.parametrize("model", [ProductionLead, ProductionInquiry])
def test_shoot_ending_before_it_starts_is_refused_by_the_model(model):
    instance = model(shooting_start=dt.date(2027, 5, 10), shooting_end=dt.date(2027, 5, 1))

    with pytest.raises(ValidationError) as error:
        instance.clean()

    with translation.override("en"):
        assert error.value.message_dict == {"shooting_end": ["The shoot cannot end before it starts."]}


@pytest.mark.django_db
def test_admin_lead_form_refuses_a_shoot_ending_before_it_starts(client):
    client.force_login(CoordinatorFactory())
    client.cookies[settings.LANGUAGE_COOKIE_NAME] = "en"
    form = client.get("/admin/productions/productionlead/add/").context["adminform"].form
    data = {name: field.initial or "" for name, field in form.fields.items() if field.initial is not None}
    data |= {
        "title_en": "Night Train",
        "title_pl": "Nocny pociąg",
        "kind": "feature",
        "status": "confirmed",
        "shooting_start": "2027-05-10",
        "shooting_end": "2027-05-01",
    }

    response = client.post("/admin/productions/productionlead/add/", data)

    assert response.status_code == 200
    assert "The shoot cannot end before it starts." in response.content.decode()
    assert ProductionLead.objects.count() == 0


@pytest.mark.django_db
def test_join_form_shows_a_bad_nip_next_to_the_field_and_keeps_the_input(client):
    data = {
        "company_name": "Nowa Scena",
        "kind": "company",
        "city": "Tarnów",
        "tax_id": "123-456-32-19",
        "year_founded": "2019",
        "description": "Sound design and mixing.",
        "contact_name": "Nina Nowak",
        "contact_email": "nina@nowa-scena.example.org",
        "operates_two_years": "on",
        "has_portfolio": "on",
        "has_website": "on",
        "has_price_list": "on",
        "has_insurance": "on",
        "signed_declaration": "on",
    }

    response = client.post("/en/join/", data)

    assert response.status_code == 400  # the public forms answer a refused form with 400
    assert response.context["form"].errors["tax_id"] == ["This NIP is not valid: please check its digits."]
    assert re.search(r'name="tax_id"[^>]*value="123-456-32-19"', response.content.decode())
