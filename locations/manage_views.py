"""A member firm keeps its own locations (reached from "My company").

Access in one place (``LocationManagerMixin``): anonymous users go to the login page;
a user with no active firm gets 403; a location of another firm is 404 (the address
reveals nothing); coordinators (staff) may open every location, as in the admin.
"""

from __future__ import annotations

from django.contrib import messages
from django.contrib.auth.mixins import LoginRequiredMixin
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.shortcuts import redirect
from django.utils.translation import gettext_lazy as _
from django.views.generic import TemplateView

from accounts.access import active_member_ids
from members.models import Member

from . import selectors, services
from .forms import LocationForm, LocationPhotoFormSet
from .models import Location


class LocationManagerMixin(LoginRequiredMixin):
    def dispatch(self, request, *args, **kwargs):
        if not request.user.is_authenticated:
            return self.handle_no_permission()
        self.member_ids = active_member_ids(request.user)
        if not self.member_ids and not request.user.is_staff:
            raise PermissionDenied("members only")
        return super().dispatch(request, *args, **kwargs)

    def firms(self) -> list[Member]:
        return list(Member.objects.filter(pk__in=self.member_ids).order_by("name"))


class MyLocationsView(LocationManagerMixin, TemplateView):
    template_name = "locations/my_locations.html"

    def get_context_data(self, **kwargs):
        return super().get_context_data(
            locations=selectors.locations_managed_by(self.member_ids), firms=self.firms(), **kwargs
        )


class LocationEditorMixin(LocationManagerMixin):
    template_name = "locations/location_form.html"

    def get_location(self) -> Location | None:
        return None

    def get_manager(self, location):
        return None

    def render(self, form, photos, status=200):
        return self.response_class(
            request=self.request,
            template=[self.template_name],
            context={"form": form, "photos": photos, "location": form.instance if form.instance.pk else None},
            status=status,
        )

    def get(self, request, *args, **kwargs):
        location = self.get_location()
        manager = self.get_manager(location)
        form = LocationForm(instance=location, manager=manager)
        return self.render(form, LocationPhotoFormSet(instance=location or Location()))

    def post(self, request, *args, **kwargs):
        location = self.get_location()
        manager = self.get_manager(location)
        form = LocationForm(request.POST, instance=location, manager=manager)
        photos = LocationPhotoFormSet(request.POST, request.FILES, instance=location or Location())
        if not (form.is_valid() and photos.is_valid()):
            return self.render(form, photos, status=400)
        saved = services.location_save(form=form, photos=photos)
        messages.success(request, _("The location is saved."))
        return redirect("locations:edit", slug=saved.slug)


class LocationCreateView(LocationEditorMixin, TemplateView):
    def get_manager(self, location):
        """The firm the new location belongs to: ?firm=<slug> among the user's, else the first."""
        firms = self.firms()
        if not firms:
            raise PermissionDenied("coordinators add cluster-managed locations in the admin")
        wanted = self.request.GET.get("firm") or self.request.POST.get("firm")
        return next((firm for firm in firms if firm.slug == wanted), firms[0])


class LocationEditView(LocationEditorMixin, TemplateView):
    def get_location(self) -> Location:
        location = Location.objects.select_related("manager").filter(slug=self.kwargs["slug"]).first()
        if location is None:
            raise Http404
        if not self.request.user.is_staff and location.manager_id not in self.member_ids:
            raise Http404  # another firm's location, or the cluster office's
        return location

    def get_manager(self, location):
        return location.manager
