"""Forms of the cooperation area. Text is plain (rendered by ``text.render_plain_text``)."""

from __future__ import annotations

from django import forms
from django.conf import settings
from django.db.models import Q
from django.utils import formats, timezone, translation
from django.utils.translation import gettext_lazy as _

from members.models import ServiceCategory
from news.models import Post
from productions.models import ProductionLead

from .models import CallParticipation, CooperationPreference, CooperationRequest, RequestKind

LANGUAGE_NAMES = dict(settings.LANGUAGES)


class FirmChoiceMixin:
    """A ``member`` field offering the user's firms; hidden when there is only one."""

    def set_firms(self, firms) -> None:
        field = self.fields["member"]
        field.choices = [(f.pk, f.name) for f in firms]
        if len(firms) == 1:
            field.initial = firms[0].pk
            field.widget = forms.HiddenInput()
        self.firms = {f.pk: f for f in firms}

    def clean_member(self):
        value = self.cleaned_data["member"]
        return self.firms[value]


def _service_choices():
    # The services themselves; a top-level area only where it has no services under it.
    return (
        ServiceCategory.objects.filter(Q(parent__isnull=False) | Q(children__isnull=True))
        .select_related("parent")
        .distinct()
        .order_by("parent__position", "position", "slug")
    )


class CallChoiceField(forms.ModelChoiceField):
    def label_from_instance(self, obj):
        deadline = formats.date_format(timezone.localtime(obj.deadline), "DATE_FORMAT")
        return f"{obj.title} ({obj.get_category_display()}, {deadline})"


class RequestForm(FirmChoiceMixin, forms.Form):
    """A request in one language or both: each language is a title with its text."""

    member = forms.TypedChoiceField(label=_("On behalf of"), coerce=int)
    kind = forms.ChoiceField(label=_("What your firm needs or offers"), choices=RequestKind.choices)
    services = forms.ModelMultipleChoiceField(
        label=_("Services"),
        queryset=ServiceCategory.objects.none(),
        required=False,
        widget=forms.CheckboxSelectMultiple,
        help_text=_("Firms offering these services can be told at once."),
    )
    starts_on = forms.DateField(label=_("From"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    ends_on = forms.DateField(label=_("Until"), required=False, widget=forms.DateInput(attrs={"type": "date"}))
    respond_by = forms.DateField(
        label=_("Answers wanted by"), required=False, widget=forms.DateInput(attrs={"type": "date"})
    )
    call = CallChoiceField(label=_("About a funding call or tender"), queryset=Post.objects.none(), required=False)
    lead = forms.ModelChoiceField(
        label=_("About a production lead"), queryset=ProductionLead.objects.none(), required=False
    )

    def __init__(self, *args, firms, instance: CooperationRequest | None = None, **kwargs):
        self.instance = instance
        super().__init__(*args, **kwargs)
        self.set_firms(firms)
        self.fields["services"].queryset = _service_choices()
        now = timezone.now()
        calls = Q(published_at__lte=now, category__in=Post.CALL_CATEGORIES, deadline__gte=now)
        leads = Q(published_at__isnull=False) & ~Q(
            status__in=[ProductionLead.Status.WRAPPED, ProductionLead.Status.CANCELLED]
        )
        if instance is not None:  # what the request links to stays choosable
            calls |= Q(pk=instance.call_id)
            leads |= Q(pk=instance.lead_id)
        self.fields["call"].queryset = Post.objects.filter(calls).order_by("deadline", "pk")
        self.fields["lead"].queryset = ProductionLead.objects.filter(leads).order_by("title_pl", "pk")
        current = translation.get_language() or settings.LANGUAGE_CODE
        self.languages = sorted(LANGUAGE_NAMES, key=lambda code: code != current)
        for code in self.languages:
            name = LANGUAGE_NAMES[code]
            self.fields[f"title_{code}"] = forms.CharField(
                label=_("Title (%(language)s)") % {"language": name}, max_length=200, required=False
            )
            self.fields[f"body_{code}"] = forms.CharField(
                label=_("Text (%(language)s)") % {"language": name},
                max_length=5000,
                required=False,
                widget=forms.Textarea(attrs={"rows": 8}),
                help_text=_("Plain text; web addresses become links."),
            )
        if instance is not None:
            self.initial.update(
                member=instance.member_id,
                kind=instance.kind,
                services=list(instance.services.all()),
                starts_on=instance.starts_on,
                ends_on=instance.ends_on,
                respond_by=instance.respond_by,
                call=instance.call_id,
                lead=instance.lead_id,
                **{f"title_{c}": getattr(instance, f"title_{c}") for c in LANGUAGE_NAMES},
                **{f"body_{c}": getattr(instance, f"body_{c}") for c in LANGUAGE_NAMES},
            )

    def text_fields(self):
        """The title and text fields, the reader's language first (for the template)."""
        return [(LANGUAGE_NAMES[c], self[f"title_{c}"], self[f"body_{c}"]) for c in self.languages]

    def clean(self):
        data = super().clean()
        written = []
        for code in self.languages:
            if f"title_{code}" in self.errors or f"body_{code}" in self.errors:
                continue
            title, body = (data.get(f"title_{code}") or "").strip(), (data.get(f"body_{code}") or "").strip()
            if title and not body:
                self.add_error(f"body_{code}", _("Write the text that goes with this title."))
            elif body and not title:
                self.add_error(f"title_{code}", _("Give this text a title."))
            elif title and body:
                written.append(code)
        if not written and not any(f.startswith(("title_", "body_")) for f in self.errors):
            self.add_error(f"title_{self.languages[0]}", _("Write a title and a text in at least one language."))
        self.written_languages = written
        start, end = data.get("starts_on"), data.get("ends_on")
        if start and end and end < start:
            self.add_error("ends_on", _("The end cannot come before the start."))
        respond_by = data.get("respond_by")
        if (
            respond_by
            and respond_by < timezone.localdate()
            and (self.instance is None or respond_by != self.instance.respond_by)
        ):
            self.add_error("respond_by", _("This date has passed."))
        return data

    def texts(self) -> dict:
        return {
            code: {
                "title": self.cleaned_data[f"title_{code}"].strip(),
                "body": self.cleaned_data[f"body_{code}"].strip(),
            }
            for code in self.written_languages
        }

    def language(self) -> str:
        return self.written_languages[0]

    def fields_for_model(self) -> dict:
        return {
            name: self.cleaned_data[name] for name in ("kind", "starts_on", "ends_on", "respond_by", "call", "lead")
        }


class AnswerForm(FirmChoiceMixin, forms.Form):
    member = forms.TypedChoiceField(label=_("Answer for"), coerce=int)
    note = forms.CharField(
        label=_("How your firm can help"),
        max_length=1000,
        widget=forms.Textarea(attrs={"rows": 4}),
        help_text=_("Only the requesting firm and the cluster office read it."),
    )

    def __init__(self, *args, firms, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_firms(firms)


class MessageForm(forms.Form):
    body = forms.CharField(label=_("Your question"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3}))
    parent = forms.IntegerField(required=False, widget=forms.HiddenInput())
    member = forms.TypedChoiceField(label=_("Write for"), coerce=int, required=False)

    def __init__(self, *args, firms, **kwargs):
        super().__init__(*args, **kwargs)
        self.firms = {f.pk: f for f in firms}
        field = self.fields["member"]
        field.choices = [(f.pk, f.name) for f in firms]
        if len(firms) <= 1:
            field.widget = forms.HiddenInput()
            field.initial = firms[0].pk if firms else None

    def clean_member(self):
        value = self.cleaned_data.get("member")
        if value in (None, ""):
            return next(iter(self.firms.values()), None)
        if value not in self.firms:
            raise forms.ValidationError(_("Choose one of your firms."))
        return self.firms[value]


class ReplyForm(MessageForm):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["body"].label = _("Your reply")


class StatusForm(forms.Form):
    status = forms.ChoiceField(choices=CooperationRequest.Status.choices, widget=forms.HiddenInput())
    matched = forms.TypedMultipleChoiceField(
        label=_("Matched with"), coerce=int, required=False, widget=forms.CheckboxSelectMultiple
    )

    def __init__(self, *args, answers=(), **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["matched"].choices = [(a.member_id, a.member.name) for a in answers]


class ReportForm(forms.Form):
    reason = forms.CharField(
        label=_("What is wrong with this request?"), max_length=1000, widget=forms.Textarea(attrs={"rows": 3})
    )


class HideForm(forms.Form):
    reason = forms.CharField(
        label=_("Reason (the author is told)"), max_length=1000, widget=forms.Textarea(attrs={"rows": 2})
    )


class CallMarkForm(FirmChoiceMixin, forms.Form):
    member = forms.TypedChoiceField(label=_("Firm"), coerce=int)
    status = forms.ChoiceField(label=_("Where your firm stands"), choices=CallParticipation.Status.choices)
    seeks_partners = forms.BooleanField(label=_("We are looking for partners (other members see this)"), required=False)

    def __init__(self, *args, firms, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_firms(firms)


class FirmForm(FirmChoiceMixin, forms.Form):
    member = forms.TypedChoiceField(label=_("Firm"), coerce=int)

    def __init__(self, *args, firms, **kwargs):
        super().__init__(*args, **kwargs)
        self.set_firms(firms)


class PreferenceForm(forms.ModelForm):
    class Meta:
        model = CooperationPreference
        fields = ["instant_request_alerts", "reply_notifications", "call_reminders"]


class JointOfferForm(forms.Form):
    to = forms.EmailField(label=_("Producer's email"), max_length=254)
    language = forms.ChoiceField(label=_("Language of the email"), choices=settings.LANGUAGES)
    team_name = forms.CharField(
        label=_("Name of the team"),
        max_length=120,
        required=False,
        help_text=_("Optional, e.g. “Krakow Post Alliance”; the email always lists the firms."),
    )
