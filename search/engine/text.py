"""Excerpts with the query's words marked, and the in-house names a query matched."""

import html
import re

from .base import WORD


def highlight(text, query, length=240):
    """An HTML-safe excerpt of `text` around the first query term, with the terms in <mark>."""
    terms = [html.escape(term) for term in query.split() if len(term) > 1] if query else []
    pattern = re.compile(r"\b(" + "|".join(map(re.escape, terms)) + ")", re.IGNORECASE) if terms else None
    escaped = html.escape(text)
    start = 0
    if pattern and (found := pattern.search(escaped)):
        start = escaped.rfind(" ", 0, max(0, found.start() - length // 3)) + 1
    excerpt = escaped[start : start + length]
    if start + length < len(escaped):
        # Never cut an entity or a word in half.
        excerpt = excerpt[: excerpt.rfind(" ")] if " " in excerpt else excerpt
        excerpt += " …"
    if start > 0:
        excerpt = "… " + excerpt
    return pattern.sub(r"<mark>\1</mark>", excerpt) if pattern else excerpt


def snippet(document, query):
    """The highlighted excerpt of the first of summary, text and variants that mentions the query."""
    words = [word.casefold() for word in WORD.findall(query) if len(word) > 1]
    for text in (document.summary, document.text, document.variants):
        if text and any(word in text.casefold() for word in words):
            return highlight(text, query)
    return highlight(document.summary or document.text, query)


def also_called(document, query):
    """The in-house variants of a glossary term that the query mentions: [{"label", "by"}]."""
    words = {word.casefold() for word in WORD.findall(query) if len(word) > 1}
    if document.type != "term" or not words:
        return []
    return [
        {"label": label, "by": by}
        for label, by in document.variant_owners
        if words & {word.casefold() for word in WORD.findall(label)}
    ]
