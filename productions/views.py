"""Pages of the productions area: the members' leads, one-click answers from the alert
email, the public production inquiry and the public showcase."""

from django.contrib import messages
from django.contrib.syndication.views import Feed
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import get_object_or_404, redirect
from django.template.response import TemplateResponse
from django.urls import reverse, reverse_lazy
from django.utils import translation
from django.utils.translation import gettext as _
from django.utils.translation import gettext_lazy
from django.views import View
from django.views.generic import DetailView, FormView, ListView, TemplateView, UpdateView

from accounts.access import MemberRequiredMixin, active_member_ids
from core.public_forms import PublicForm
from members.models import Member

from . import selectors, services
from .forms import InterestForm, LeadAlertPreferenceForm, ProductionInquiryForm, WithdrawForm
from .models import LeadAlertPreference, LeadResponse, ProductionLead

# The same inquiry posted again within half an hour (a double click, a reload) is the one received.
INQUIRY_FORM = PublicForm(
    scope="production-inquiry",
    fingerprint=lambda data: (data["email"], data["project_title"], data["message"]),
    window=30 * 60,
)


def _user_firms(user):

    return list(Member.objects.filter(pk__in=active_member_ids(user)).order_by("name"))


class LeadListView(MemberRequiredMixin, ListView):
    """Members' lead list. Anonymous visitors (the layout's "Productions" link is
    public) get a page that explains the service, links to the login, the production
    inquiry and the showcase, and shows no lead."""

    template_name = "productions/lead_list.html"
    context_object_name = "leads"
    paginate_by = 20

    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return TemplateResponse(request, "productions/members_only.html")
        return super().dispatch(request, *args, **kwargs)

    def get_queryset(self):
        self.filterset = selectors.lead_list(user=self.request.user, filter_data=self.request.GET or None)
        return self.filterset.qs

    def get_context_data(self, **kwargs):
        query = self.request.GET.copy()
        query.pop("page", None)
        return super().get_context_data(filter=self.filterset, query=query.urlencode(), **kwargs)


class LeadDetailView(MemberRequiredMixin, DetailView):
    template_name = "productions/lead_detail.html"
    context_object_name = "lead"

    def get_object(self, queryset=None):
        try:
            return selectors.lead_detail(user=self.request.user, pk=self.kwargs["pk"])
        except ProductionLead.DoesNotExist as exc:
            raise Http404 from exc

    def get_context_data(self, failed_form=None, **kwargs):
        """``failed_form``: an interest form whose note was refused, shown again in its
        firm's row with the error and the note as typed."""
        firms = _user_firms(self.request.user)
        responses = selectors.firm_responses(lead=self.object, member_ids=[f.pk for f in firms])
        rows = []
        for firm in firms:
            response = responses.get(firm.pk)
            row = {"member": firm, "response": response, "note": response.note if response else "", "errors": []}
            if failed_form is not None and failed_form.cleaned_data.get("member") == firm.pk:
                row.update(note=failed_form.data.get("note", ""), errors=failed_form.errors.get("note", []))
            rows.append(row)
        return super().get_context_data(
            firm_rows=rows, library_locations=selectors.lead_library_locations(lead=self.object), **kwargs
        )


class LeadInterestView(MemberRequiredMixin, View):
    """POST only: mark the firm interested (again) with a note. Idempotent."""

    form_class = InterestForm
    http_method_names = ["post"]

    def post(self, request, pk):
        # Only published leads are answered (a coordinator who also works for a firm
        # sees drafts, but its firm must not answer one before members see it).
        lead = get_object_or_404(selectors.leads_visible_to(request.user).filter(published_at__isnull=False), pk=pk)
        firms = _user_firms(request.user)
        form = self.form_class(request.POST, members=firms)
        if not form.is_valid():
            if "member" in form.errors:
                raise PermissionDenied("not your firm")
            return self.show_again(form)
        member = next(f for f in firms if f.pk == form.cleaned_data["member"])
        self.act(lead=lead, member=member, form=form)
        return redirect(lead)

    def show_again(self, form):
        """The lead page again, with the refused note as typed and the error next to it."""
        page = LeadDetailView()
        page.setup(self.request, pk=self.kwargs["pk"])
        page.object = page.get_object()
        return page.render_to_response(page.get_context_data(object=page.object, failed_form=form))

    def act(self, *, lead, member, form):
        services.lead_respond(
            lead=lead,
            member=member,
            user=self.request.user,
            status=LeadResponse.Status.INTERESTED,
            note=form.cleaned_data["note"],
        )
        messages.success(self.request, _("%(firm)s is marked as interested.") % {"firm": member.name})


class LeadWithdrawView(LeadInterestView):
    """GET asks "Withdraw the answer?" on a page of its own (works without JavaScript,
    and a stray click withdraws nothing); the POST withdraws and tells the office."""

    form_class = WithdrawForm
    http_method_names = ["get", "post"]

    def get(self, request, pk):
        lead = get_object_or_404(selectors.leads_visible_to(request.user).filter(published_at__isnull=False), pk=pk)
        firms = _user_firms(request.user)
        form = self.form_class(request.GET, members=firms)
        if not form.is_valid():
            raise PermissionDenied("not your firm")
        member = next(f for f in firms if f.pk == form.cleaned_data["member"])
        response = lead.responses.filter(member=member).first()
        context = {"lead": lead, "member": member, "response": response}
        return TemplateResponse(request, "productions/withdraw_confirm.html", context)

    def act(self, *, lead, member, form):
        try:
            services.lead_withdraw(lead=lead, member=member, user=self.request.user)
        except services.AnswerLocked:
            messages.error(
                self.request,
                _("The cluster office has recorded a contract with %(firm)s; please ask the office to change it.")
                % {"firm": member.name},
            )
        else:
            messages.success(self.request, _("%(firm)s's answer is withdrawn.") % {"firm": member.name})


class LeadAnswerView(TemplateView):
    """A one-click answer from the alert email, recorded without logging in.

    GET only shows what will be recorded, with a button: mail scanners and link
    previews follow GET links, and must not answer for the firm. The POST records it.
    """

    template_name = "productions/answer_confirm.html"

    def dispatch(self, request, *args, **kwargs):
        try:
            self.answer = services.read_answer_token(kwargs["token"])
        except services.InvalidAnswer:
            return self.render_to_response({"invalid": True}, status=400)
        return super().dispatch(request, *args, **kwargs)

    def get_context_data(self, **kwargs):
        label = LeadResponse.Status(self.answer["answer"]).label
        return super().get_context_data(answer_label=label, **self.answer, **kwargs)

    def post(self, request, *args, **kwargs):
        response, _became = services.lead_respond(
            lead=self.answer["lead"],
            member=self.answer["member"],
            user=self.answer["user"],
            status=self.answer["answer"],
            channel=LeadResponse.Channel.EMAIL,
        )
        return self.render_to_response(self.get_context_data(recorded=response))


class LeadAlertPreferenceView(MemberRequiredMixin, UpdateView):
    form_class = LeadAlertPreferenceForm
    template_name = "productions/alert_preference_form.html"
    success_url = reverse_lazy("productions:alerts")

    def get_object(self, queryset=None):
        return LeadAlertPreference.objects.get_or_create(user=self.request.user)[0]

    def form_valid(self, form):
        messages.success(self.request, _("Your lead alert setting is saved."))
        return super().form_valid(form)


class InquiryCreateView(FormView):
    form_class = ProductionInquiryForm
    template_name = "productions/inquiry_form.html"
    success_url = reverse_lazy("productions:inquiry_thanks")

    def post(self, request, *args, **kwargs):
        return INQUIRY_FORM.handle(
            request,
            self.get_form(),
            submit=lambda form: services.inquiry_submit(form=form, language=translation.get_language()),
            succeeded=lambda: redirect(self.get_success_url()),
            invalid=lambda form, status: self.render_to_response(self.get_context_data(form=form), status=status),
        )


class InquiryThanksView(TemplateView):
    template_name = "productions/inquiry_thanks.html"


class ShowcaseListView(ListView):
    template_name = "productions/showcase_list.html"
    context_object_name = "productions"
    paginate_by = 24

    def get_queryset(self):
        return selectors.showcase()


class ShowcaseDetailView(DetailView):
    template_name = "productions/showcase_detail.html"
    context_object_name = "production"

    def get_queryset(self):
        return selectors.showcase()

    def get_context_data(self, **kwargs):
        credits = list(selectors.credits_for_showcase(self.object))
        credited = {credit.member_id for credit in credits}
        # A firm with a credit for the production is listed once, with its role.
        others = [r.member for r in self.object.public_participants if r.member_id not in credited]
        return super().get_context_data(credits=credits, participants=others, **kwargs)


class ShowcaseFeed(Feed):
    """RSS of the public showcase: wrapped productions marked public, nothing else.

    Like the showcase pages it says only what the issue of a public showcase allows: the
    title, the kind and the year. The lead's description was written for members (it may
    speak of budgets and contacts) and is never shown publicly."""

    title = gettext_lazy("Productions made with cluster members")
    description = gettext_lazy("Wrapped productions made with the cluster's member companies.")

    def link(self):
        return reverse("productions:showcase")

    def items(self):
        return selectors.showcase()[:30]

    def item_title(self, item):
        return item.title

    def item_description(self, item):
        year = f" · {item.year}" if item.year else ""
        return f"{item.get_kind_display()}{year}"

    def item_link(self, item):
        return reverse("productions:showcase_detail", kwargs={"pk": item.pk})
