from django.contrib.auth.views import redirect_to_login
from django.core.exceptions import PermissionDenied
from django.http import Http404
from django.utils.html import strip_tags
from django.utils.text import Truncator
from django.views.generic import DetailView, ListView, TemplateView

from accounts.access import is_cluster_member
from core.context_processors import portal
from core.images import thumbnail_url

from . import selectors
from .models import Post


def post_description(post: Post) -> str:
    return post.summary or Truncator(strip_tags(post.body_html)).words(40)


class PostListView(ListView):
    template_name = "news/post_list.html"
    context_object_name = "posts"
    paginate_by = 10

    def get_queryset(self):
        posts, self.filter = selectors.post_list(self.request.user, self.request.GET)
        return posts

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["filter"] = self.filter
        context["current_category"] = self.filter.form.cleaned_data.get("category") if self.filter.is_valid() else ""
        context["categories"] = Post.Category.choices
        return context


class PostDetailView(DetailView):
    """Scheduled and unknown posts are 404; a members-only post sends anonymous readers
    to log in and refuses logged-in non-members, so its content never reaches them."""

    template_name = "news/post_detail.html"
    context_object_name = "post"

    def get(self, request, *args, **kwargs):
        post = selectors.post_for_reader(kwargs["slug"])
        if post is None:
            raise Http404("no such post")
        if post.is_members_only and not is_cluster_member(request.user):
            if not request.user.is_authenticated:
                return redirect_to_login(request.get_full_path())
            raise PermissionDenied("members only")
        self.object = post
        return self.render_to_response(self.get_context_data(object=post))

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        post = self.object
        image_url = thumbnail_url(post.image, 1200, 630, crop=True)
        context["description"] = post_description(post)
        context["og_image"] = self.request.build_absolute_uri(image_url) if image_url else ""
        context["canonical_url"] = self.request.build_absolute_uri(post.get_absolute_url())
        context["json_ld"] = self._json_ld(post, context)
        context["related_productions"] = selectors.related_productions(post, self.request.user)
        return context

    def _json_ld(self, post: Post, context) -> dict:
        data = {
            "@context": "https://schema.org",
            "@type": "NewsArticle",
            "headline": post.title[:110],
            "description": context["description"],
            "datePublished": post.published_at.isoformat(),
            "dateModified": max(post.updated_at, post.published_at).isoformat(),
            "mainEntityOfPage": context["canonical_url"],
            "inLanguage": self.request.LANGUAGE_CODE,
            "publisher": {"@type": "Organization", "name": portal(self.request)["cluster_name"]},
        }
        if post.author and post.author.name:  # get_full_name() would fall back to the email
            data["author"] = {"@type": "Person", "name": post.author.name}
        if context["og_image"]:
            data["image"] = [context["og_image"]]
        return data


class CallListView(TemplateView):
    """Funding calls and tenders: open ones with their deadlines nearest first, closed ones marked."""

    template_name = "news/call_list.html"

    def get_context_data(self, **kwargs):
        context = super().get_context_data(**kwargs)
        context["board"] = selectors.call_board(self.request.user)
        return context
