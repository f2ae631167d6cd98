"""The one way a form that strangers can post is handled.

Every public form (a company's inquiry, the shortlist inquiry, the production inquiry,
"Join the cluster", an event's guest registration) goes through :func:`handle`, which
applies the same four checks in the same order and answers the same way:

1. **honeypot** — the hidden field is filled in: the answer a person gets after sending
   (``succeeded``), nothing stored, nothing counted; a bot learns nothing.
2. **validation** — the form again with the messages next to the fields, input kept, 400.
3. **resubmission guard** — the same content posted again within the window (a double
   click, a reloaded page): the answer a person gets after sending, sent once.
4. **rate limit** — per client address (``PUBLIC_FORM_RATE``): the form again with its
   input and a message, 429. Only valid, new submissions are counted, so a visitor who
   mistypes an address does not use up the limit.

Then ``submit(form)`` does the work. When it refuses with a ``ValidationError`` (an event
already full, a company no longer listed) the message is shown on the form (400) and
neither the claim nor the rate limit's count is kept, as for any invalid post.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from django import forms
from django.http import HttpResponse
from django.utils.translation import gettext_lazy as _

from . import ratelimit
from .resubmission import Submission

RATE_LIMITED = _("You have sent several messages from your address in a short time. Please try again later.")


@dataclass(frozen=True)
class PublicForm:
    """What differs between public forms: the counter's name, what makes two posts the same
    submission, and how long a repeat is recognised."""

    scope: str
    fingerprint: Callable[[dict], Iterable]
    window: int = 10 * 60
    rate: str | None = None  # settings.PUBLIC_FORM_RATE when not given

    def handle(
        self,
        request,
        form: forms.Form,
        *,
        submit: Callable[[forms.Form], object],
        succeeded: Callable[[], HttpResponse],
        invalid: Callable[[forms.Form, int], HttpResponse],
        about: Iterable = (),
    ) -> HttpResponse:
        """Run the checks in order and answer; ``invalid(form, status)`` renders the form again.

        ``about`` names what the form is sent to when the URL says it (a company, an event),
        so that the same message to two companies is two submissions.
        """
        if honeypot_filled(form):
            return succeeded()
        if not form.is_valid():
            return invalid(form, 400)
        submission = Submission(self.scope, *about, *self.fingerprint(form.cleaned_data), window=self.window)
        if not submission.claim():
            return succeeded()
        if not ratelimit.hit(request, self.scope, self.rate):
            submission.release()
            form.add_error(None, RATE_LIMITED)
            return invalid(form, 429)
        try:
            submit(form)
        except forms.ValidationError as refusal:
            submission.release()
            ratelimit.give_back(request, self.scope)
            form.add_error(None, refusal)
            return invalid(form, 400)
        except BaseException:
            submission.release()  # an error: the sender may try again at once
            raise
        return succeeded()


def honeypot_filled(form: forms.Form) -> bool:
    """Looked at in the posted data, before validation, so a bot's post costs no query."""
    field = "website_url"
    if field not in form.fields:
        return False
    return bool(form.data.get(form.add_prefix(field), "").strip())
