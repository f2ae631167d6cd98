import django_filters
from django.utils.translation import gettext_lazy as _

from .models import Post


class PostFilter(django_filters.FilterSet):
    """The list's category filter; an unknown category is ignored, not an error page."""

    category = django_filters.ChoiceFilter(
        label=_("Category"), choices=Post.Category.choices, empty_label=_("All categories")
    )

    class Meta:
        model = Post
        fields = ["category"]
