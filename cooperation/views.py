"""Pages of the cooperation area, all for members only (anonymous visitors go to the
login, logged-in users without an active firm get 403): the requests board, a
request's page with its answers and threads, posting and editing, the actions on a
request, a firm's calls and tenders, teaming up on a lead, and the email settings."""

from __future__ import annotations

from functools import cached_property

from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model
from django.core import signing
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect, render
from django.urls import reverse, reverse_lazy
from django.utils import timezone, translation
from django.utils.decorators import method_decorator
from django.utils.translation import gettext as _
from django.views import View
from django.views.decorators.csrf import csrf_exempt
from django.views.generic import FormView, ListView, TemplateView

from accounts.access import MemberRequiredMixin
from core import ratelimit
from core.resubmission import Submission
from news.models import Post
from news.selectors import visible_posts
from productions import selectors as productions_selectors
from productions.models import ProductionLead

from . import emails, selectors, services
from .forms import (
    AnswerForm,
    CallMarkForm,
    FirmForm,
    HideForm,
    MessageForm,
    PreferenceForm,
    ReplyForm,
    ReportForm,
    RequestForm,
    StatusForm,
)
from .models import CallParticipation, CooperationRequest, RequestAnswer, RequestMessage

Status = CooperationRequest.Status


def _limited(request, scope: str, rate: str) -> bool:
    """True when the user is over their posting budget in this scope."""
    return not ratelimit.hit(request, scope, rate, key=f"user:{request.user.pk}")


class CooperationMixin(MemberRequiredMixin):
    @cached_property
    def firms(self):
        return selectors.user_firms(self.request.user)

    @cached_property
    def firm_ids(self) -> list[int]:
        return [f.pk for f in self.firms]

    @cached_property
    def moderator(self) -> bool:
        return selectors.can_moderate(self.request.user)

    def get_request_object(self) -> CooperationRequest:
        try:
            return selectors.request_for_page(user=self.request.user, pk=self.kwargs["pk"], firms=self.firms)
        except CooperationRequest.DoesNotExist as exc:
            raise Http404("no such request") from exc

    def require_firm(self):
        if not self.firms:
            raise PermissionDenied("only users of a member firm can do this")


# --- The board and a request's page ---------------------------------------------------


class RequestListView(CooperationMixin, ListView):
    template_name = "cooperation/request_list.html"
    context_object_name = "requests"
    paginate_by = 20

    def get_queryset(self):
        self.filterset = selectors.request_board(user=self.request.user, firms=self.firms, data=self.request.GET)
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(
            filter=self.filterset, query=query.urlencode(), firm_ids=self.firm_ids, today=timezone.localdate(), **kwargs
        )


class RequestDetailView(CooperationMixin, TemplateView):
    """The request, the answers the reader may read, the threads, and the forms that
    apply to the reader. A refused form comes back here with its errors and the text as
    typed (``forms``)."""

    template_name = "cooperation/request_detail.html"

    def get(self, request, *args, **kwargs):
        return self.render_page(self.get_request_object())

    def render_page(self, obj: CooperationRequest, *, forms: dict | None = None, status: int = 200):
        forms = forms or {}
        own = selectors.is_own(obj, self.firms)
        answers = selectors.answers_for(request=obj, user=self.request.user, firm_ids=self.firm_ids)
        helper_firms = [f for f in self.firms if f.pk != obj.member_id]
        my_answers = {a.member_id: a for a in answers if a.member_id in self.firm_ids}
        answer_form = forms.get("answer")
        if answer_form is None and helper_firms:
            first = helper_firms[0]
            note = my_answers[first.pk].note if first.pk in my_answers else ""
            answer_form = AnswerForm(firms=helper_firms, initial={"member": first.pk, "note": note})
        threads = selectors.thread(request=obj, user=self.request.user, firm_ids=self.firm_ids)
        failed_reply, reply_to = forms.get("reply"), str(forms.get("reply_to") or "")
        for item in threads:
            if failed_reply is not None and reply_to == str(item.question.pk):
                item.form = failed_reply
            else:
                item.form = ReplyForm(
                    firms=self.firms, auto_id=f"id_reply{item.question.pk}_%s", initial={"parent": item.question.pk}
                )
        language = translation.get_language()
        context = {
            "req": obj,
            "can_write": bool(self.firms) or self.moderator,
            "translated": bool(getattr(obj, f"title_{language}", None)),
            "own": own,
            "moderator": self.moderator,
            "answers": answers,
            "answer_total": obj.answer_count,
            "my_answers": list(my_answers.values()),
            "answer_form": answer_form,
            "threads": threads,
            "message_form": forms.get("message") or MessageForm(firms=self.firms),
            "status_form": forms.get("status") or StatusForm(answers=[a for a in answers if not a.is_hidden]),
            "report_form": forms.get("report") or ReportForm(),
            "hide_form": forms.get("hide") or HideForm(),
            "hide_kind": forms.get("hide_kind"),
            "hide_item": forms.get("hide_item"),
            "past_deadline": obj.is_past_deadline(),
        }
        return self.render_to_response(self.get_context_data(**context), status=status)


class RequestCreateView(CooperationMixin, FormView):
    template_name = "cooperation/request_form.html"
    form_class = RequestForm

    def get(self, request, *args, **kwargs):
        if not self.firms:  # the cluster office reads the board but posts for no firm
            return render(request, "cooperation/no_firm.html", status=403)
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.require_firm()
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["firms"] = self.firms
        return kwargs

    def get_initial(self):
        initial = super().get_initial()
        for name in ("call", "lead"):
            value = self.request.GET.get(name, "")
            if value.isdigit():
                initial[name] = int(value)
        if "call" in initial:
            initial["kind"] = CooperationRequest.Kind.PARTNER
        return initial

    def form_valid(self, form):
        texts = form.texts()
        submission = Submission("cooperation-request", self.request.user.pk, texts)
        with submission.claimed() as first:
            if not first:  # the same request sent again (a double click): posted once
                messages.info(self.request, _("This request was already posted."))
                return redirect("cooperation:list")
            if _limited(self.request, "cooperation-request", settings.COOPERATION_REQUEST_RATE):
                submission.release()
                form.add_error(None, _("You have posted many requests in a short time. Please try again later."))
                return self.render_to_response(self.get_context_data(form=form), status=429)
            obj = services.request_create(
                member=form.cleaned_data["member"],
                user=self.request.user,
                fields=form.fields_for_model(),
                texts=texts,
                services=form.cleaned_data["services"],
                language=form.language(),
            )
        messages.success(self.request, _("Your request is posted. Members can answer it now."))
        return redirect(obj)


class RequestUpdateView(CooperationMixin, FormView):
    template_name = "cooperation/request_form.html"
    form_class = RequestForm

    @cached_property
    def object(self):
        obj = self.get_request_object()
        if not selectors.is_own(obj, self.firms):
            raise PermissionDenied("not your firm's request")
        return obj

    def get(self, request, *args, **kwargs):
        self.object  # noqa: B018 - checks access before the form is built
        return super().get(request, *args, **kwargs)

    def post(self, request, *args, **kwargs):
        self.object  # noqa: B018 - checks access before the form is read
        return super().post(request, *args, **kwargs)

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        own_firm = [f for f in self.firms if f.pk == self.object.member_id]
        kwargs.update(firms=own_firm, instance=self.object)
        return kwargs

    def get_context_data(self, **kwargs):
        return super().get_context_data(req=self.object, **kwargs)

    def form_valid(self, form):
        services.request_update(
            request=self.object,
            fields=form.fields_for_model(),
            texts=form.texts(),
            services=form.cleaned_data["services"],
            language=form.language(),
        )
        messages.success(self.request, _("Your changes are saved."))
        return redirect(self.object)


# --- Actions on a request (POST only) -------------------------------------------------


class RequestActionView(CooperationMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        self.obj = self.get_request_object()
        return self.act()

    def page(self, *, status: int = 200, **forms):
        page = RequestDetailView()
        page.setup(self.request, pk=self.obj.pk)
        page.firms, page.firm_ids, page.moderator = self.firms, self.firm_ids, self.moderator
        return page.render_page(self.obj, forms=forms, status=status)

    def act(self):  # pragma: no cover - every action overrides it
        raise NotImplementedError


class RequestStatusView(RequestActionView):
    """The requesting firm marks its request matched (with whom), closed, or open again."""

    def act(self):
        if not selectors.is_own(self.obj, self.firms):
            raise PermissionDenied("not your firm's request")
        answers = selectors.answers_for(request=self.obj, user=self.request.user, firm_ids=self.firm_ids)
        form = StatusForm(self.request.POST, answers=[a for a in answers if not a.is_hidden])
        if not form.is_valid():
            return self.page(status_form=form)
        status = form.cleaned_data["status"]
        services.request_set_status(
            request=self.obj, user=self.request.user, status=status, matched_member_ids=form.cleaned_data["matched"]
        )
        text = {
            Status.MATCHED: _("The request is marked as matched."),
            Status.CLOSED: _("The request is closed."),
            Status.OPEN: _("The request is open again."),
        }[status]
        messages.success(self.request, text)
        return redirect(self.obj)


class AnswerView(RequestActionView):
    """ "We can help", for one of the user's firms other than the requesting one."""

    def act(self):
        helper_firms = [f for f in self.firms if f.pk != self.obj.member_id]
        if not helper_firms:
            raise PermissionDenied("no firm of yours can answer this request")
        form = AnswerForm(self.request.POST, firms=helper_firms)
        if not form.is_valid():
            if "member" in form.errors:
                raise PermissionDenied("not your firm")
            return self.page(answer=form)
        if not self.obj.is_open or self.obj.is_past_deadline():
            messages.error(self.request, _("This request no longer takes answers."))
            return redirect(self.obj)
        if _limited(self.request, "cooperation-message", settings.COOPERATION_MESSAGE_RATE):
            form.add_error(None, _("You have written a lot in a short time. Please try again later."))
            return self.page(answer=form, status=429)
        member = form.cleaned_data["member"]
        _answer, created = services.answer_submit(
            request=self.obj, member=member, user=self.request.user, note=form.cleaned_data["note"]
        )
        if created:
            messages.success(self.request, _("%(firm)s offered its help.") % {"firm": member.name})
        else:
            messages.success(self.request, _("The answer of %(firm)s is updated.") % {"firm": member.name})
        return redirect(self.obj)


class AnswerWithdrawView(RequestActionView):
    def act(self):
        form = FirmForm(self.request.POST, firms=[f for f in self.firms if f.pk != self.obj.member_id])
        if not form.is_valid():
            raise PermissionDenied("not your firm")
        services.answer_withdraw(request=self.obj, member=form.cleaned_data["member"])
        messages.success(self.request, _("Your firm's answer is withdrawn."))
        return redirect(self.obj)


class MessageCreateView(RequestActionView):
    """A question, or a reply in a question's thread (``parent``)."""

    def act(self):
        if not self.firms and not self.moderator:
            raise PermissionDenied("only users of a member firm or the cluster office write here")
        parent = None
        if self.request.POST.get("parent"):
            form = ReplyForm(self.request.POST, firms=self.firms)
        else:
            form = MessageForm(self.request.POST, firms=self.firms)
        if not form.is_valid():
            return self._again(form)
        if form.cleaned_data["parent"]:
            parent = RequestMessage.objects.filter(request=self.obj, pk=form.cleaned_data["parent"]).first()
            if parent is None:
                raise Http404("no such question")
        member = None if (self.moderator and not self.firms) else form.cleaned_data["member"]
        submission = Submission("cooperation-message", self.request.user.pk, self.obj.pk, form.cleaned_data["body"])
        with submission.claimed() as first:
            if not first:
                return redirect(self.obj)
            if _limited(self.request, "cooperation-message", settings.COOPERATION_MESSAGE_RATE):
                submission.release()
                form.add_error(None, _("You have written a lot in a short time. Please try again later."))
                return self._again(form, status=429)
            message = services.message_post(
                request=self.obj, user=self.request.user, member=member, body=form.cleaned_data["body"], parent=parent
            )
        messages.success(self.request, _("Your message is posted."))
        return redirect(self.obj.get_absolute_url() + f"#message-{message.pk}")

    def _again(self, form, status: int = 200):
        if isinstance(form, ReplyForm):
            return self.page(reply=form, reply_to=form.data.get("parent"), status=status)
        return self.page(message=form, status=status)


class FollowView(RequestActionView):
    def act(self):
        if self.request.POST.get("follow") == "0":
            services.unfollow(request=self.obj, user=self.request.user)
            messages.success(self.request, _("You no longer follow this request."))
        else:
            services.follow(request=self.obj, user=self.request.user)
            messages.success(self.request, _("You follow this request: new questions and replies come by email."))
        return redirect(self.obj)


class ReportView(RequestActionView):
    def act(self):
        form = ReportForm(self.request.POST)
        if not form.is_valid():
            return self.page(report=form)
        if _limited(self.request, "cooperation-message", settings.COOPERATION_MESSAGE_RATE):
            form.add_error(None, _("You have written a lot in a short time. Please try again later."))
            return self.page(report=form, status=429)
        services.report_submit(request=self.obj, user=self.request.user, reason=form.cleaned_data["reason"])
        messages.success(self.request, _("Thank you. The cluster office will look at this request."))
        return redirect(self.obj)


# --- Moderation -----------------------------------------------------------------------


class ModerationView(RequestActionView):
    """The coordinator hides (with a reason) or restores a request, an answer or a message."""

    models = {"request": CooperationRequest, "answer": RequestAnswer, "message": RequestMessage}

    def post(self, request, pk, kind, item):
        if not selectors.can_moderate(request.user):
            raise PermissionDenied("moderators only")
        self.obj = self.get_request_object()
        model = self.models.get(kind)
        if model is None:
            raise Http404("nothing to moderate")
        target = self.obj if model is CooperationRequest else get_object_or_404(model, pk=item, request=self.obj)
        if request.POST.get("restore"):
            services.restore(obj=target, user=request.user)
            messages.success(request, _("It is shown again."))
            return redirect(self.obj)
        form = HideForm(request.POST)
        if not form.is_valid():
            return self.page(hide=form, hide_kind=kind, hide_item=target.pk)
        services.hide(obj=target, user=request.user, reason=form.cleaned_data["reason"])
        messages.success(request, _("It is hidden, and its author is told why."))
        return redirect(self.obj)


# --- Calls and tenders ----------------------------------------------------------------


def _member_call(pk: int, user) -> Post:
    """A published call or tender the member may read."""
    return get_object_or_404(visible_posts(user).calls(), pk=pk)


class CallMarkView(CooperationMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        call = _member_call(pk, request.user)
        self.require_firm()
        form = CallMarkForm(request.POST, firms=self.firms)
        if not form.is_valid():
            if "member" in form.errors:
                raise PermissionDenied("not your firm")
            messages.error(request, _("Please choose where your firm stands."))
            return redirect(call)
        member = form.cleaned_data["member"]
        services.call_mark(
            call=call,
            member=member,
            user=request.user,
            status=form.cleaned_data["status"],
            seeks_partners=form.cleaned_data["seeks_partners"],
        )
        messages.success(request, _("Saved for %(firm)s.") % {"firm": member.name})
        return redirect(call.get_absolute_url() + "#cooperation")


class CallUnmarkView(CooperationMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk):
        call = _member_call(pk, request.user)
        self.require_firm()
        form = FirmForm(request.POST, firms=self.firms)
        if not form.is_valid():
            raise PermissionDenied("not your firm")
        services.call_unmark(call=call, member=form.cleaned_data["member"])
        messages.success(request, _("The call is no longer on your firm's list; no more reminders."))
        return redirect(call.get_absolute_url() + "#cooperation")


class MyCallsView(CooperationMixin, TemplateView):
    """The calls and tenders the user's firms marked, nearest deadline first."""

    template_name = "cooperation/my_calls.html"

    def get_context_data(self, **kwargs):
        rows = (
            CallParticipation.objects.filter(member_id__in=self.firm_ids)
            .select_related("call", "member")
            .order_by("call__deadline", "member__name")
        )
        return super().get_context_data(participations=rows, **kwargs)


# --- Teams on production leads --------------------------------------------------------


class TeamView(CooperationMixin, View):
    http_method_names = ["post"]

    def post(self, request, pk, action):
        if action not in ("join", "leave"):
            raise Http404("no such action")
        try:
            lead = productions_selectors.leads_visible_to(request.user).get(pk=pk, published_at__isnull=False)
        except ProductionLead.DoesNotExist as exc:
            raise Http404("no such lead") from exc
        self.require_firm()
        form = FirmForm(request.POST, firms=self.firms)
        if not form.is_valid():
            raise PermissionDenied("not your firm")
        member = form.cleaned_data["member"]
        if action == "join":
            try:
                services.team_join(lead=lead, member=member, user=request.user)
            except services.NotAllowed:
                messages.error(request, _("A team needs your firm and at least one other firm interested."))
            else:
                messages.success(
                    request, _("%(firm)s is shown to the other firms of the team.") % {"firm": member.name}
                )
        else:
            services.team_leave(lead=lead, member=member)
            messages.success(request, _("%(firm)s left the team.") % {"firm": member.name})
        return redirect(lead.get_absolute_url() + "#team")


# --- Email settings -------------------------------------------------------------------


class PreferenceView(CooperationMixin, FormView):
    template_name = "cooperation/preference_form.html"
    form_class = PreferenceForm
    success_url = reverse_lazy("cooperation:preferences")

    def get_form_kwargs(self):
        kwargs = super().get_form_kwargs()
        kwargs["instance"] = selectors.preference_for(self.request.user)
        return kwargs

    def form_valid(self, form):
        services.preference_update(user=self.request.user, **form.cleaned_data)
        messages.success(self.request, _("Your cooperation email settings are saved."))
        return super().form_valid(form)


@method_decorator(csrf_exempt, name="dispatch")
class UnsubscribeView(View):
    """One-click unsubscribe from one kind of cooperation email, by the signed token
    alone. GET asks (link scanners must not unsubscribe anyone), POST turns it off; the
    POST is CSRF-exempt because mail clients send it (RFC 8058)."""

    template_name = "cooperation/unsubscribe.html"

    def _read(self, token):
        try:
            user_id, kind = emails.read_unsubscribe_token(token)
            return get_user_model().objects.get(pk=user_id), kind
        except (signing.BadSignature, get_user_model().DoesNotExist):
            return None, None

    def get(self, request, token):
        user, kind = self._read(token)
        if user is None:
            return render(request, "cooperation/unsubscribe_invalid.html", status=400)
        return render(request, self.template_name, {"token": token, "kind": kind, "done": False})

    def post(self, request, token):
        user, kind = self._read(token)
        if user is None:
            return render(request, "cooperation/unsubscribe_invalid.html", status=400)
        services.unsubscribe(user=user, kind=kind)
        context = {"token": token, "kind": kind, "done": True, "settings_url": reverse("cooperation:preferences")}
        return render(request, self.template_name, context)
