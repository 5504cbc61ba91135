"""Glossary linking: the first mention of each glossary term in body text links to the term.

Done when a page renders, never by rewriting what editors saved. The labels of one locale
(term titles plus the in-house variants written in that language) are kept in Django's cache
under a version token that changes whenever the glossary changes (see `bump_version`, called
from resources/signals.py), so a warm cache costs a page no query and an edit shows at once.
"""

import re
import uuid
from dataclasses import dataclass

from django.core.cache import cache
from django.utils.html import escape

from bs4 import BeautifulSoup, NavigableString

from hub.base.i18n import real_translations
from hub.base.memo import public

VERSION_KEY = "glossary:version"
CACHE_TIMEOUT = 60 * 60 * 24

# Text inside these elements is never linked: links cannot nest, headings stay plain, and
# code, form controls and the like are literal.
SKIP_ELEMENTS = frozenset(
    {
        "a",
        "h1",
        "h2",
        "h3",
        "h4",
        "h5",
        "h6",
        "code",
        "pre",
        "kbd",
        "samp",
        "script",
        "style",
        "textarea",
        "button",
        "label",
        "select",
        "option",
        "svg",
        "math",
        "title",
    }
)


@dataclass(frozen=True)
class Entry:
    """What a label links to."""

    page_id: int
    title: str
    url: str
    definition: str


class Matcher:
    """A compiled, case-insensitive pattern over every label of one locale, longest first."""

    def __init__(self, labels):
        self.entries = {_normalise(label): entry for label, entry in labels}
        alternatives = sorted(self.entries, key=len, reverse=True)
        body = "|".join(r"\s+".join(re.escape(word) for word in label.split()) for label in alternatives)
        # Unicode word boundaries: \w matches letters of every script in a str pattern.
        self.pattern = re.compile(rf"(?<!\w)(?:{body})(?!\w)", re.IGNORECASE) if alternatives else None

    def __bool__(self):
        return self.pattern is not None

    def lookup(self, text):
        return self.entries.get(_normalise(text))


def _normalise(label):
    return " ".join(label.split()).casefold()


def current_version():
    version = cache.get(VERSION_KEY)
    if version is None:
        version = uuid.uuid4().hex
        if not cache.add(VERSION_KEY, version, None):
            version = cache.get(VERSION_KEY, version)
    return version


def bump_version():
    """Forget every cached glossary artefact (matchers, crosswalk rows): the glossary changed."""
    cache.set(VERSION_KEY, uuid.uuid4().hex, None)


def glossary_labels(language_code, request=None):
    """[(label, Entry)] for the live terms of one locale: titles, then variants in that language.

    A variant belongs to a term whatever locale's page it was entered on; it links to the
    term's translation in `language_code`, and nowhere when the term has none.
    """
    from .models import GlossaryTermPage, GlossaryVariant

    terms = real_translations(public(GlossaryTermPage.objects.live()).filter(locale__language_code=language_code)).only(
        "id", "title", "url_path", "path", "depth", "short_definition", "translation_key", "locale_id"
    )
    by_key = {}
    labels = []
    for term in terms:
        entry = Entry(term.pk, term.title, term.get_url(request) or "", term.short_definition)
        by_key[term.translation_key] = entry
        labels.append((term.title, entry))
    if not by_key:
        return labels
    variants = GlossaryVariant.objects.filter(
        language=language_code, page__live=True, page__translation_key__in=list(by_key)
    ).values_list("label", "page__translation_key")
    taken = {_normalise(label) for label, _ in labels}
    for label, key in variants:
        if _normalise(label) not in taken:
            taken.add(_normalise(label))
            labels.append((label, by_key[key]))
    return labels


_compiled = {}


def cached(name, compute, refresh=False):
    """`compute()` kept in Django's cache until the glossary next changes."""
    key = f"glossary:{name}:{current_version()}"
    value = None if refresh else cache.get(key)
    if value is None:
        value = compute()
        cache.set(key, value, CACHE_TIMEOUT)
    return value


def matcher_for(language_code, request=None):
    """The locale's Matcher: labels from Django's cache, the compiled pattern kept per process."""
    key = f"{current_version()}:{language_code}"
    compiled = _compiled.get(key)
    if compiled is not None:
        return compiled
    labels = cached(f"labels:{language_code}", lambda: glossary_labels(language_code, request))
    compiled = Matcher(labels)
    if len(_compiled) > 32:
        _compiled.clear()
    _compiled[key] = compiled
    return compiled


def link_terms(html, matcher, exclude_page_id=None):
    """`html` with the first mention of each term linked, with a tooltip carrying its definition.

    One link per term: once a term is linked (by its title or any variant), later mentions stay
    plain text. Text inside links, headings and code is left alone.
    """
    if not matcher or not html or not matcher.pattern.search(html):
        return html
    soup = BeautifulSoup(html, "html.parser")
    linked = set() if exclude_page_id is None else {exclude_page_id}
    for node in list(soup.find_all(string=True)):
        if type(node) is not NavigableString or any(parent.name in SKIP_ELEMENTS for parent in node.parents):
            continue
        text = str(node)
        pieces, position = [], 0
        for match in matcher.pattern.finditer(text):
            entry = matcher.lookup(match.group(0))
            if entry is None or entry.page_id in linked or not entry.url:
                continue
            linked.add(entry.page_id)
            pieces += [escape(text[position : match.start()]), _reference(match.group(0), entry)]
            position = match.end()
        if pieces:
            pieces.append(escape(text[position:]))
            node.replace_with(*BeautifulSoup("".join(pieces), "html.parser").contents)
    return str(soup)


def _reference(text, entry):
    """The link and its tooltip, as HTML: both texts escaped here, the rest is fixed markup."""
    tip_id = f"glossary-tip-{entry.page_id}"
    return (
        f'<span class="glossary-ref"><a class="glossary-ref__link" href="{escape(entry.url)}" '
        f'aria-describedby="{tip_id}">{escape(text)}</a>'
        f'<span class="glossary-ref__tip" role="tooltip" id="{tip_id}">{escape(entry.definition)}</span></span>'
    )


def warm(locale):
    """Fill the cache for one locale: its link labels and its members' "how we say it" rows."""
    from .crosswalk import how_we_say_it_by_member

    code = locale.language_code
    cached(f"labels:{code}", lambda: glossary_labels(code), refresh=True)
    cached(f"how-we-say-it:{locale.pk}", lambda: how_we_say_it_by_member(locale), refresh=True)
