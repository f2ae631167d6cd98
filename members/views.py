import hashlib

from django.conf import settings
from django.core.cache import cache
from django.core.exceptions import ValidationError
from django.core.paginator import InvalidPage
from django.http import Http404, HttpResponseRedirect, JsonResponse
from django.shortcuts import redirect
from django.template.loader import render_to_string
from django.urls import reverse
from django.utils.cache import patch_vary_headers
from django.utils.formats import date_format
from django.utils.functional import SimpleLazyObject
from django.utils.http import url_has_allowed_host_and_scheme
from django.utils.safestring import mark_safe
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _
from django.views import View
from django.views.generic import DetailView, TemplateView

from core.public_forms import PublicForm

from . import selectors, seo
from .filters import WINDOW
from .forms import InquiryForm, ShortlistInquiryForm
from .models import Inquiry, Member
from .services import inquiry_confirm_to_producer, inquiry_send
from .shortlist import (
    is_slug,
    parse_shared,
    remember_sent,
    sections,
    sent_slugs,
    sent_to_groups,
    shortlist_add,
    shortlist_remove,
    shortlist_slugs,
)

PAGE_SIZES = (24, 50, 100)
# The profile's and the shortlist's inquiries count together: one sender, one limit.
INQUIRY_FORM = PublicForm(
    scope="member-inquiry",
    fingerprint=lambda data: (sorted(data.get("members", [])), data["email"], data["message"]),
)


def _inquiry_fields(form) -> dict:
    data = form.cleaned_data
    fields = ("name", "email", "company", "message", "consent")
    return {key: data[key] for key in fields} | {"language": get_language()[:2]}


def _cards(members: list[Member | selectors.CardRow], shortlist: list[str], signature: str) -> list[str]:
    """Each member's rendered card, from the cache (one round trip for the page) until a
    member changes; a card differs only by language and whether it is on the shortlist.
    Only the members whose card is not cached have their card data loaded (one query,
    two when the page's members came from its cached rows)."""
    language = get_language()
    keys = [f"members:card:{language}:{signature}:{m.pk}:{int(m.slug in shortlist)}" for m in members]
    found = cache.get_many(keys)
    absent = [member for member, key in zip(members, keys, strict=True) if key not in found]
    loaded = {member.pk: member for member in selectors.load_card_data(absent)} if absent else {}
    cards, missing = [], {}
    for member, key in zip(members, keys, strict=True):
        card = found.get(key)
        if card is None:
            if member.pk not in loaded:
                continue  # gone since the page's rows were cached (its change renews them)
            card = missing[key] = render_to_string(
                "members/_member_card.html", {"member": loaded[member.pk], "shortlist": shortlist}
            )
        cards.append(mark_safe(card))  # noqa: S308 - our own template's output
    if missing:
        cache.set_many(missing, 60 * 60)
    return cards


def _filters_key(request, counts_signature: str) -> str:
    names = ("q", "sort", *selectors.FACETS, *WINDOW)
    shown = sorted((name, value) for name in names for value in request.GET.getlist(name))
    digest = hashlib.sha256(repr(shown).encode()).hexdigest()[:32]
    return f"members:filters-fragment:{get_language()}:{counts_signature}:{digest}"


def _filters_form(request, catalogue: selectors.CataloguePage, context: dict) -> tuple[str, list[str]]:
    """The filters' form with its counts, and the labels of the chosen options, built once
    per language, filter state and sort until a member changes: it is most of the page's
    template work, and the facets it shows need not be read at all when it is cached
    (read with the page's own entries: ``catalogue.cached``)."""
    key = _filters_key(request, catalogue.counts_signature)
    fragment = catalogue.cached.get(key)
    if fragment is None:
        html = render_to_string("members/_catalogue_filters.html", context, request=request)
        fragment = {"html": html, "labels": selectors.selected_filter_labels(catalogue.facets)}
        cache.set(key, fragment, 60 * 60)
    return mark_safe(fragment["html"]), fragment["labels"]  # noqa: S308 - our own template's output


def _map_context(params) -> dict:
    """The map view's state: ?view=map, and the map data of the same filters and search."""
    query = params.copy()
    for key in ("view", "page", "per_page", "sort"):
        query.pop(key, None)
    encoded = query.urlencode()
    url = reverse("members:map_data") + (f"?{encoded}" if encoded else "")
    return {
        "catalogue_view": "map" if params.get("view") == "map" else "list",
        "member_map_data_url": url,
        "map_tiles_url": settings.LOCATIONS_MAP_TILES_URL,
        "map_tiles_attribution": settings.LOCATIONS_MAP_ATTRIBUTION,
    }


class MemberListView(TemplateView):
    """The public catalogue; with the X-Catalogue-Partial header only its results region."""

    template_name = "members/member_list.html"

    def per_page(self) -> int:
        per_page = self.request.GET.get("per_page", "")
        return int(per_page) if per_page.isdigit() and int(per_page) in PAGE_SIZES else PAGE_SIZES[0]

    def render_to_response(self, context, **response_kwargs):
        response = super().render_to_response(context, **response_kwargs)
        patch_vary_headers(response, ["X-Catalogue-Partial"])  # caches must keep both forms apart
        return response

    def get_template_names(self):
        if self.request.headers.get("X-Catalogue-Partial"):
            return ["members/_catalogue.html"]
        return [self.template_name]

    def get_context_data(self, **kwargs):
        params = self.request.GET
        try:
            catalogue = selectors.catalogue_page(
                params,
                page_number=params.get("page"),
                per_page=self.per_page(),
                also=lambda counts_signature: [_filters_key(self.request, counts_signature)],
            )
        except InvalidPage:
            raise Http404("no such page of the catalogue") from None
        search = catalogue.search
        shortlist = shortlist_slugs(self.request)
        context = super().get_context_data(
            filterset=catalogue.filterset,
            facets=SimpleLazyObject(lambda: catalogue.facets),  # read only if the filters are rendered
            query=params.get("q", ""),
            search=search,
            suggestions=selectors.empty_search_suggestions(search) if search and not catalogue.members else [],
            shortlist=shortlist,
            is_filtered=any(params.get(key) for key in ("q", *selectors.FACETS, *WINDOW)),
            members=catalogue.members,
            member_cards=_cards(catalogue.members, shortlist, catalogue.signature),
            page_obj=catalogue.page,
            paginator=catalogue.paginator,
            is_paginated=catalogue.paginator.num_pages > 1,
            **kwargs,
        )
        context.update(_map_context(params))
        context["filters_form"], labels = _filters_form(self.request, catalogue, context)
        window = catalogue.filterset.window
        if window:
            dates = {"start": date_format(window[0], "DATE_FORMAT"), "end": date_format(window[1], "DATE_FORMAT")}
            labels = [*labels, _("Available %(start)s – %(end)s") % dates]
        context["selected_labels"] = labels
        context["active_filters"] = len(labels) + (1 if context["query"] else 0)
        context["catalogue_head"] = seo.catalogue_head(self.request, catalogue.page.number)
        return context


class MemberMapDataView(View):
    """The catalogue's filtered firms as GeoJSON, public fields only (members.selectors.map_data)."""

    def get(self, request, *args, **kwargs):
        return JsonResponse(selectors.map_data(request.GET))


class PublicMemberMixin:
    def get_member(self):
        try:
            return selectors.public_member_profile(self.kwargs["slug"])
        except Member.DoesNotExist:
            raise Http404("no such public member") from None


class MemberPreviewMixin(PublicMemberMixin):
    """Coordinators (staff) may preview a hidden, suspended or former member's profile."""

    def get_member(self):
        if not self.request.user.is_staff:
            return super().get_member()
        try:
            return selectors.member_profile_preview(self.kwargs["slug"])
        except Member.DoesNotExist:
            raise Http404("no such member") from None


class MemberDetailView(MemberPreviewMixin, DetailView):
    """A company profile with the form to send it an inquiry."""

    template_name = "members/member_detail.html"
    context_object_name = "member"

    def get_object(self, queryset=None):
        return self.get_member()

    def get_context_data(self, **kwargs):
        member = self.object
        kwargs.setdefault("form", InquiryForm())
        return super().get_context_data(
            meta_description=seo.member_meta_description(member),
            og_image=seo.member_image_url(member, self.request),
            json_ld=seo.organization_json_ld(member, self.request),
            in_shortlist=member.slug in shortlist_slugs(self.request),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        self.object = member = PublicMemberMixin.get_member(self)  # only public members receive inquiries
        return INQUIRY_FORM.handle(
            request,
            InquiryForm(request.POST),
            submit=lambda form: inquiry_send(members=[member], source=Inquiry.Source.PROFILE, **_inquiry_fields(form)),
            succeeded=lambda: redirect("members:inquiry_sent", slug=member.slug),
            invalid=lambda form, status: self.render_to_response(self.get_context_data(form=form), status=status),
            about=[member.pk],
        )


class InquirySentView(PublicMemberMixin, TemplateView):
    template_name = "members/inquiry_sent.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(member=self.get_member(), **kwargs)


class ShortlistView(TemplateView):
    """The shortlist from the session, or a shared one from ?members=slug,slug."""

    template_name = "members/shortlist.html"

    def get_slugs(self) -> tuple[list[str], bool]:
        if self.request.method == "POST":  # a form sent back with errors: the list it was sent to
            return parse_shared(self.request.POST.get("members", "")), "members" in self.request.GET
        shared = self.request.GET.get("members")
        if shared is not None:
            return parse_shared(shared), True
        return shortlist_slugs(self.request), False

    def other_sections(self) -> list[dict]:
        """The shortlist's other sections (locations…), from the posted form, a shared
        link or the session, as the members are."""
        source = self.request.POST if self.request.method == "POST" else self.request.GET
        shared_link = self.request.method != "POST" and "members" in self.request.GET
        found = []
        for section in sections():
            items = section.items(self.request, source.get(section.key, "" if shared_link else None))
            found.append({"section": section, "items": items, "slugs": ",".join(item.slug for item in items)})
        return found

    def get_context_data(self, **kwargs):
        slugs, shared = self.get_slugs()
        members = selectors.public_members_by_slugs(slugs)
        member_slugs = ",".join(m.slug for m in members)
        others = kwargs.pop("others", None) or self.other_sections()
        kwargs.setdefault("form", ShortlistInquiryForm(initial={"members": member_slugs}))
        share_path = f"{reverse('members:shortlist')}?members={member_slugs}"
        for other in others:
            if other["slugs"]:
                share_path += f"&{other['section'].key}={other['slugs']}"
        return super().get_context_data(
            members=members,
            other_sections=others,
            other_items=sum(len(other["items"]) for other in others),
            shared=shared,
            share_url=self.request.build_absolute_uri(share_path),
            shortlist=shortlist_slugs(self.request),
            **kwargs,
        )

    def post(self, request, *args, **kwargs):
        others = [other for other in self.other_sections() if other["items"]]
        return INQUIRY_FORM.handle(
            request,
            ShortlistInquiryForm(request.POST, has_other_items=bool(others)),
            submit=lambda form: self.send(form, others),
            succeeded=lambda: redirect("members:shortlist_sent"),
            invalid=lambda form, status: self.render_to_response(
                self.get_context_data(form=form, others=others), status=status
            ),
            # An inquiry about other locations (or people) is not a repeat of the one just sent.
            about=[f"{other['section'].key}:{other['slugs']}" for other in others],
        )

    def send(self, form, others=()):
        members = selectors.public_members_by_slugs(form.cleaned_data["members"])
        if not members and not others:
            raise ValidationError(_("None of these companies can be contacted any more."))
        inquiry = inquiry_send(members=members, source=Inquiry.Source.SHORTLIST, **_inquiry_fields(form))
        for other in others:
            other["section"].send(inquiry=inquiry, items=other["items"])
        groups = sent_to_groups(members, [(other["section"], other["items"]) for other in others])
        inquiry_confirm_to_producer(inquiry=inquiry, groups=groups)
        remember_sent(
            self.request,
            member_slugs=[m.slug for m in members],
            others={other["section"].key: [item.slug for item in other["items"]] for other in others},
        )


class ShortlistSentView(TemplateView):
    """Thanks, and what the inquiry went to (kept in the session by ``send``)."""

    template_name = "members/shortlist_sent.html"

    def get_context_data(self, **kwargs):
        sent = sent_slugs(self.request)
        members = selectors.public_members_by_slugs(sent.get("members", []))
        others = [
            (section, section.items(self.request, ",".join(sent[section.key])))
            for section in sections()
            if sent.get(section.key)
        ]
        return super().get_context_data(
            coordinator_email=settings.COORDINATOR_EMAIL, sent_to=sent_to_groups(members, others), **kwargs
        )


class ShortlistToggleView(View):
    """Add a public member to the shortlist, or remove one; then back where the user was."""

    http_method_names = ["post"]

    def post(self, request, *args, **kwargs):
        # The catalogue's cards send add=<slug> or remove=<slug>; a profile sends member + action.
        if request.POST.get("add") or request.POST.get("remove"):
            slug = request.POST.get("add") or request.POST.get("remove")
            action = "add" if request.POST.get("add") else "remove"
        else:
            slug, action = request.POST.get("member", ""), request.POST.get("action")
        if action == "remove":
            shortlist_remove(request, slug)
        elif is_slug(slug) and selectors.public_members().filter(slug=slug).exists():
            shortlist_add(request, slug)
        else:
            raise Http404("no such public member")
        target = request.POST.get("next", "")
        if not url_has_allowed_host_and_scheme(target, {request.get_host()}, require_https=request.is_secure()):
            target = reverse("members:shortlist")
        return HttpResponseRedirect(target)
