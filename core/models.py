"""What the portal's shared machinery stores: the search vocabulary."""

from django.contrib.postgres.fields import ArrayField
from django.db import models
from django.utils.translation import gettext_lazy as _


class SearchTerm(models.Model):
    """A folded word form and the search keys it stands for (core.search.vocabulary).

    Every word of an indexed document is here with its keys, and so is every other
    inflected form of its Polish lemmas, so "zdjeciach" typed without diacritics finds
    the key "zdjecie". ``frequency`` counts the documents that contain the form itself
    (0 for a form only generated from a lemma); typo corrections prefer frequent words.
    """

    term = models.CharField(_("word"), max_length=60, primary_key=True)
    keys = ArrayField(models.CharField(max_length=60), verbose_name=_("search keys"), default=list)
    frequency = models.PositiveIntegerField(_("documents"), default=0)

    class Meta:
        verbose_name = _("search term")
        verbose_name_plural = _("search terms")
        indexes = [
            # Typo corrections read only the words that occur in documents.
            models.Index(fields=["term"], name="core_searchterm_in_documents", condition=models.Q(frequency__gt=0)),
        ]

    def __str__(self) -> str:
        return self.term
