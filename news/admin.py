"""The coordinator's newsroom.

The Markdown preview is a small staff-only POST endpoint (`admin:news_post_preview`,
CSRF-protected like every admin POST) that returns the sanitised HTML of the text it
is sent; `static/news/admin-preview.js` adds a "Preview" button under each body field
and shows the answer. The preview therefore is exactly what the site will show,
rendered by the same code (`news.rendering.render_markdown`). After saving, the
stored rendering is also shown read-only.
"""

from django.contrib import admin
from django.http import JsonResponse
from django.urls import path
from django.utils.html import format_html
from django.utils.safestring import mark_safe
from django.utils.translation import gettext_lazy as _
from django.views.decorators.http import require_POST
from modeltranslation.admin import TranslationAdmin

from .models import Post
from .rendering import render_markdown

PREVIEW_MAX_CHARS = 100_000


@admin.register(Post)
class PostAdmin(TranslationAdmin):
    list_display = ["title", "category", "visibility", "published_at", "deadline", "status_label"]
    list_filter = ["category", "visibility", "published_at"]
    search_fields = ["title_pl", "title_en", "summary_pl", "summary_en", "slug"]
    date_hierarchy = "published_at"
    prepopulated_fields = {"slug": ("title_pl",)}
    filter_horizontal = ["related_members", "related_productions"]
    readonly_fields = ["rendered_body", "created_at", "updated_at"]
    fieldsets = [
        (None, {"fields": ["title", "slug", "category", "visibility", "published_at", "deadline"]}),
        (_("Text"), {"fields": ["summary", "body", "rendered_body"]}),
        (_("Lead image"), {"fields": ["image", "image_alt"]}),
        (_("Related"), {"fields": ["author", "related_members", "related_productions"]}),
        (_("History"), {"fields": ["created_at", "updated_at"], "classes": ["collapse"]}),
    ]

    class Media:
        js = ["news/admin-preview.js"]
        css = {"all": ["news/admin-preview.css"]}

    def formfield_for_dbfield(self, db_field, request, **kwargs):
        field = super().formfield_for_dbfield(db_field, request, **kwargs)
        if db_field.name.startswith("body_") and field is not None:
            field.widget.attrs["data-preview-label"] = _("Preview")
        return field

    def get_queryset(self, request):
        return super().get_queryset(request).select_related("author")

    def get_changeform_initial_data(self, request):
        return {**super().get_changeform_initial_data(request), "author": request.user.pk}

    def get_urls(self):
        preview = self.admin_site.admin_view(require_POST(self.preview_view))
        return [path("preview/", preview, name="news_post_preview"), *super().get_urls()]

    def preview_view(self, request):
        if not self.has_change_permission(request) and not self.has_add_permission(request):
            return JsonResponse({"error": "forbidden"}, status=403)
        text = request.POST.get("body", "")[:PREVIEW_MAX_CHARS]
        return JsonResponse({"html": render_markdown(text)})

    @admin.display(description=_("status"))
    def status_label(self, obj):
        if obj.is_scheduled:
            return _("Scheduled")
        if obj.is_call:
            return _("Open") if obj.is_open() else _("Closed")
        return _("Published")

    @admin.display(description=_("rendered body (as saved)"))
    def rendered_body(self, obj):
        if not obj.pk:
            return _("Shown after saving. Use the Preview button under the body to see it now.")
        # body_html is sanitised by nh3 on save (news/rendering.py).
        return format_html('<div class="news-preview">{}</div>', mark_safe(obj.body_html))  # noqa: S308
