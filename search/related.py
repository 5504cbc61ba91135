"""Related content: the pages that share the most with a page, ranked in one query over the search facets.

Every search document carries `related` facet rows, one per thing its page can share with
another: `method:<translation key>`, `theme:<key>`, `country:KE`, `sdg:5`, `org:<key of the member
page>` and `term:<key of the glossary term>`, each followed by the page's language (`|fr`); written
by `keys()` when the document is synced, so they follow publishing, unpublishing, moves, deletion
and view restrictions as the document does. Translation keys, not slugs or ids, so a French page
and an English one share a key when they share a record; the language lets a ranking read only
the rows of the languages it may show.

`related_pages(page)` ranks the other documents by the summed weight of the keys they share with
the page (`WEIGHTS`), then the newest page first (the highest page id, a stable key), and keeps the
first `LIMIT`, in one query (see its docstring for how it stays cheap at 10,000 pages).
Candidates are documents of the page's locale, and default-locale documents
whose page has no document in that locale (shown with a language badge); never the page itself
or one of its translations. Drafts, private pages and aliases have no document, so they are never
candidates; a page without a document (a private page, a preview) shows no "Related".
"""

import re
import weakref
from dataclasses import dataclass

from django.db.models import Case, IntegerField, OuterRef, Q, Subquery, Sum, Value, When
from django.db.models.functions import Concat, Left, Length

from events.models import EventPage
from hub.base.memo import default_locale, locale_by_id, page_locale, restricted_pages
from hub.catalogue.models import CatalogueEntryPage
from members.models import ChapterPage, MemberPage
from resources.linking import matcher_for
from resources.models import GlossaryTermPage, PaperPage

from .labels import TYPE_LABELS
from .models import SearchDocument, SearchFacet

FACET = "related"
LIMIT = 5
# How many of the best-ranked documents, in any language, the section chooses its items from.
CANDIDATES = 60

# What a shared key is worth: a method says most about what a page is for, a country or an SDG least.
WEIGHTS = {"method": 3, "term": 2, "theme": 2, "org": 2, "sdg": 1, "country": 1}

WORD = re.compile(r"\w+")
_by_words = weakref.WeakKeyDictionary()


def _record_keys(prefix, manager):
    return [f"{prefix}:{record.translation_key}" for record in manager.all()]


def _terms_by_words(matcher):
    """({label words: term translation key}, most words in a label) for one glossary Matcher,
    kept as long as the matcher (until the glossary changes): words, not the matcher's regular
    expression, which takes 100 ms over a long paper with a large glossary."""
    found = _by_words.get(matcher)
    if found is None:
        ids = {entry.page_id for entry in matcher.entries.values()}
        keys = dict(GlossaryTermPage.objects.filter(pk__in=ids).values_list("pk", "translation_key"))
        by_words = {}
        for label, entry in matcher.entries.items():
            words = tuple(WORD.findall(label))
            if words and entry.page_id in keys:
                by_words.setdefault(words, keys[entry.page_id])
        found = _by_words[matcher] = (by_words, max(map(len, by_words), default=0))
    return found


def _mentioned_terms(page, text):
    """Keys of the glossary terms named in `text`, in the page's language (resources.linking's labels)."""
    matcher = matcher_for(page_locale(page).language_code)
    if not matcher or not text:
        return []
    by_words, longest = _terms_by_words(matcher)
    words = WORD.findall(text.casefold())
    keys = set()
    for start in range(len(words)):
        for end in range(start + 1, min(start + longest, len(words)) + 1):
            key = by_words.get(tuple(words[start:end]))
            if key is not None:
                keys.add(key)
    return [f"term:{key}" for key in keys]


def keys(page, countries=()):
    """The related keys of one specific page: what it can share with other pages.

    Glossary terms count when the title or summary names them (what the page is about), not
    every passing mention in a long body: those make every paper share dozens of terms with
    most others, which ranks nothing and makes the ranking query read most of the index.
    """
    found = [f"country:{code}" for code in countries]
    if isinstance(page, CatalogueEntryPage):
        record = page.record
        if record is not None:
            found.append(f"{page.record_field}:{record.translation_key}")
    for prefix, name in (("theme", "themes"), ("method", "methods")):
        if hasattr(page, name):
            found += _record_keys(prefix, getattr(page, name))
    if hasattr(page, "sdgs"):
        found += [f"sdg:{sdg.number}" for sdg in page.sdgs.all()]
    for name in ("organisations", "organisers", "lead_organisations"):
        if hasattr(page, name):
            found += _record_keys("org", getattr(page, name))
    if isinstance(page, MemberPage):
        found.append(f"org:{page.translation_key}")
    if isinstance(page, GlossaryTermPage):
        found.append(f"term:{page.translation_key}")
        found += _record_keys("term", page.related_terms)
        found += [f"org:{v.organisation.translation_key}" for v in page.variant_list if v.organisation]
    else:
        found += _mentioned_terms(page, f"{page.title}\n{page.summary_text() or ''}")
    # The page's language after the key, so that a ranking reads only the rows of the languages it can show.
    language = page_locale(page).language_code
    return sorted({f"{key}|{language}" for key in found})


def _weight():
    return Case(
        *(When(value__startswith=f"{prefix}:", then=Value(weight)) for prefix, weight in WEIGHTS.items()),
        default=Value(1),
        output_field=IntegerField(),
    )


def _own_keys(page):
    """The rows to rank by: those with its document's keys in its language and, for a page not in
    the default language, in the default language (pages not translated yet). A method or theme
    page also has its record's key."""
    language, default = page_locale(page).language_code, default_locale().language_code
    own = SearchFacet.objects.filter(document_id=page.pk, facet=FACET)
    shared = Q(value__in=own.values("value"))
    if language != default:
        # "theme:…|fr" becomes "theme:…|en".
        swapped = Concat(Left("value", Length("value") - len(language)), Value(default))
        shared |= Q(value__in=own.annotate(swapped=swapped).values("swapped"))
    if isinstance(page, CatalogueEntryPage) and page.record is not None:
        key = f"{page.record_field}:{page.record.translation_key}|"
        shared |= Q(value__in=[key + language, key + default])
    return shared


def _in_locale(page):
    """Documents in the page's locale, or in the default locale when not translated into it."""
    locale, default = page_locale(page), default_locale()
    if locale.pk == default.pk:
        return Q(locale_id=locale.pk)
    translated = SearchDocument.objects.filter(locale_id=locale.pk).values("page__translation_key")
    return Q(locale_id=locale.pk) | (Q(locale_id=default.pk) & ~Q(page__translation_key__in=translated))


def _private():
    """Belt and braces: a restricted page has no document, but a stale one must not show either."""
    q = Q()
    for path, depth in restricted_pages():
        q |= Q(page__path__startswith=path, page__depth__gte=depth)
    return q if q else Q(pk__in=[])


@dataclass(frozen=True)
class RelatedItem:
    title: str
    url: str
    summary: str
    type: str
    locale: object
    score: int

    @property
    def type_label(self):
        return TYPE_LABELS.get(self.type, self.type)


def related_pages(page, limit=LIMIT):
    """The `limit` live, public pages sharing the most with `page`, best first, in one query.

    The inner query ranks every document by the keys it shares, reading only the `(facet, value,
    document)` index, and keeps the first `CANDIDATES`; the outer one keeps those in the page's
    language, reads the first `limit` and sums their shared keys again (a correlated subquery on
    the same index). Joining each facet row to its document and page to test the language instead
    took seconds at 10,000 pages. Other languages' versions of the best pages fall out after the
    ranking. The rows read are those of the page's language and the default one (`_own_keys`), so
    at most two documents stand for one page among the `CANDIDATES` (a page and its translation),
    which leaves enough for `limit`.
    """
    shared = _own_keys(page)
    ranked = (
        SearchFacet.objects.filter(shared, facet=FACET)
        .exclude(document_id=page.pk)
        .values("document_id")
        .annotate(score=Sum(_weight()))
        .order_by("-score", "-document_id")
        .values("document_id")[:CANDIDATES]
    )
    score = (
        SearchFacet.objects.filter(shared, facet=FACET, document_id=OuterRef("pk"))
        .values("document_id")
        .annotate(score=Sum(_weight()))
        .values("score")
    )
    documents = (
        SearchDocument.objects.filter(_in_locale(page), pk__in=ranked, page__live=True)
        .exclude(page__translation_key=page.translation_key)
        .exclude(_private())
        .only("page_id", "title", "url", "summary", "type", "locale_id")
        .annotate(score=Subquery(score, output_field=IntegerField()))
        .order_by("-score", "-page_id")[:limit]
    )
    return [
        RelatedItem(
            title=document.title,
            url=document.url,
            summary=document.summary,
            type=document.type,
            locale=locale_by_id(document.locale_id),
            score=document.score,
        )
        for document in documents
    ]


# The page types that show "Related".
SHOWN_ON = (PaperPage, EventPage, GlossaryTermPage, MemberPage, ChapterPage, CatalogueEntryPage)
