from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core import signing
from django.shortcuts import render
from django.urls import reverse_lazy
from django.utils.decorators import method_decorator
from django.utils.translation import gettext_lazy as _
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import FormView, View

from accounts.access import MemberRequiredMixin

from . import services
from .content import read_unsubscribe_token
from .forms import DigestPreferenceForm
from .models import Frequency
from .selectors import preference_for


class DigestPreferenceUpdateView(MemberRequiredMixin, FormView):
    template_name = "digests/preference_form.html"
    form_class = DigestPreferenceForm
    success_url = reverse_lazy("digests:preferences")

    def get_initial(self):
        preference = preference_for(self.request.user)
        return {"frequency": preference.frequency, "sections": list(preference.sections)}

    def form_valid(self, form):
        services.preference_update(
            user=self.request.user, frequency=form.cleaned_data["frequency"], sections=form.cleaned_data["sections"]
        )
        messages.success(self.request, _("Your digest settings are saved."))
        return super().form_valid(form)


@method_decorator(csrf_exempt, name="dispatch")
class DigestUnsubscribeView(View):
    """One-click unsubscribe, authenticated by the signed token alone (no login).

    GET shows a confirmation page (link scanners must not unsubscribe anyone); POST
    turns the digest off. The POST is CSRF-exempt because mail clients send it on the
    user's behalf (RFC 8058, ``List-Unsubscribe-Post``); the token is the credential.
    The page never shows the address: a forwarded digest's link must not reveal whose it is.
    """

    template_name = "digests/unsubscribe.html"

    def _user(self, token):
        """The token's user, or None when it is forged or from before a re-subscription."""
        try:
            user_id, version = read_unsubscribe_token(token)
            user = get_user_model().objects.select_related("digest_preference").get(pk=user_id)
        except (signing.BadSignature, get_user_model().DoesNotExist):
            return None
        if preference_for(user).subscription_version != version:
            return None
        return user

    def get(self, request, token):
        user = self._user(token)
        if user is None:
            return render(request, "digests/unsubscribe_invalid.html", status=400)
        return render(request, self.template_name, {"token": token, "done": False})

    def post(self, request, token):
        user = self._user(token)
        if user is None:
            return render(request, "digests/unsubscribe_invalid.html", status=400)
        services.unsubscribe(user=user)
        return render(request, self.template_name, {"token": token, "done": True, "off": Frequency.OFF})
