"""When two taxonomy names mean one record: the rules the importer, merging and the duplicates report share.

A value matches a record by its name, slug or an alternative label, first as typed (ignoring case,
accents and punctuation), then as a *variant*: plural "s" and the common US/UK spellings
(-ize/-ise, -yze/-yse, -or/-our, -er/-re, -ling/-lling, -me/-mme) ignored. A *close* match is a
small typing difference (edit distance 1 from 6 characters, 2 from 10) and is only ever taken
with a warning. Nothing here knows which app uses the taxonomy.
"""

import re
import unicodedata
from dataclasses import dataclass

from django.utils.text import slugify

# How a value was matched, strongest first; a report says which.
NAME = "name"
SLUG = "slug"
ALT_LABEL = "alternative label"
VARIANT = "spelling variant"
CLOSE = "close match"

_SPELLINGS = [
    (re.compile(r"(?<=\w\w)yz(?=(?:e|es|ed|ing|er|ers)$)"), "ys"),
    (re.compile(r"(?<=\w\w)iz(?=(?:e|es|ed|ing|er|ers|ation|ations)$)"), "is"),
    (re.compile(r"(?<=\w\w\w)our(?=(?:|s|al|ally|ed|ing|ist|ists|ite|ites|hood|hoods|able|ably|ful|less)$)"), "or"),
    (re.compile(r"(?<=\w\w)([tbv])re(?=(?:|s|d)$)"), r"\1er"),
    (re.compile(r"(?<=\w\w[aeiou])ll(?=(?:ing|ed|er|ers)$)"), "l"),
    (re.compile(r"(?<=\w\w)mme(?=(?:|s)$)"), "m"),
]


def fold(text):
    """Words of a label without accents, case or punctuation; "&" reads as "and"."""
    text = unicodedata.normalize("NFKD", str(text))
    text = "".join(char for char in text if not unicodedata.combining(char)).casefold().replace("&", " and ")
    return " ".join(re.sub(r"[\W_]+", " ", text).split())


def _word(word):
    for pattern, replacement in _SPELLINGS:
        word = pattern.sub(replacement, word)
    if len(word) > 4 and word.endswith("ies"):
        return word[:-3] + "y"
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def variant_key(text):
    """The key two spellings of one label share: folded, singular, one spelling convention, no spaces."""
    return "".join(_word(word) for word in fold(text).split())


def distance(a, b, limit=3):
    """Levenshtein distance, stopping early once it exceeds `limit`."""
    if abs(len(a) - len(b)) > limit:
        return limit + 1
    previous = list(range(len(b) + 1))
    for i, char_a in enumerate(a, start=1):
        current = [i]
        for j, char_b in enumerate(b, start=1):
            current.append(min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (char_a != char_b)))
        if min(current) > limit:
            return limit + 1
        previous = current
    return previous[-1]


def is_close(key_a, key_b):
    """A small typing difference between two variant keys; short words must match exactly."""
    shortest = min(len(key_a), len(key_b))
    if shortest < 6 or key_a == key_b:
        return False
    return distance(key_a, key_b) <= (2 if shortest >= 10 else 1)


def record_labels(record):
    """(label, how) for everything a record is known by: name, slug, alternative labels."""
    labels = [(record.name, NAME), (record.slug, SLUG)]
    labels += [(label, ALT_LABEL) for label in getattr(record, "alt_label_list", [])]
    return labels


@dataclass
class Match:
    record: object
    how: str  # NAME, SLUG, ALT_LABEL, VARIANT or CLOSE
    label: str  # the record's label that matched

    @property
    def needs_warning(self):
        return self.how == CLOSE

    def describe(self, value):
        """What a report says about it, e.g. "'Behavioral Insights' → 'Behavioural insights' (spelling variant)"."""
        via = f"{self.how} '{self.label}'" if self.how == ALT_LABEL else self.how
        return f"'{value}' → '{self.record.name}' ({via})"


class Matcher:
    """Finds the record a value names among `records` (one kind, one locale); records can be added as made."""

    def __init__(self, records=()):
        self.exact = {}
        self.variants = {}
        for record in records:
            self.add(record)

    def add(self, record):
        for label, how in record_labels(record):
            self.exact.setdefault(fold(label), (record, how, label))
            if how == SLUG:
                self.exact.setdefault(fold(label.replace("-", " ")), (record, how, label))
            self.variants.setdefault(variant_key(label), (record, label))

    def match(self, value):
        """The Match for `value`, or None when nothing plausible is known."""
        found = self.exact.get(fold(value)) or self.exact.get(fold(slugify(value).replace("-", " ")))
        if found:
            return Match(*found)
        key = variant_key(value)
        if not key:
            return None
        if key in self.variants:
            record, label = self.variants[key]
            return Match(record, VARIANT, label)
        close = {}
        for other, (record, label) in self.variants.items():
            if is_close(key, other):
                close.setdefault(record.pk, (distance(key, other), record, label))
        if not close:
            return None
        ranked = sorted(close.values(), key=lambda item: item[0])
        if len(ranked) > 1 and ranked[0][0] == ranked[1][0]:
            return None  # two records equally close: a person must choose
        _distance, record, label = ranked[0]
        return Match(record, CLOSE, label)


def similarity(a, b):
    """VARIANT when two records are known by one label (up to spelling), CLOSE when nearly, else None."""
    keys_a = {variant_key(label) for label, _how in record_labels(a)} - {""}
    keys_b = {variant_key(label) for label, _how in record_labels(b)} - {""}
    if keys_a & keys_b:
        return VARIANT
    if any(is_close(x, y) for x in keys_a for y in keys_b):
        return CLOSE
    return None


def duplicate_pairs(records):
    """(a, b, how) for every pair of `records` (one kind, one locale) that may be one record.

    Pairs with a record marked *needs review* come first, then the same-label pairs before the close ones.
    """
    records = list(records)
    keys = [({variant_key(label) for label, _how in record_labels(r)} - {""}, r) for r in records]
    by_key = {}
    for record_keys, record in keys:
        for key in record_keys:
            by_key.setdefault(key, []).append(record)
    pairs = {}
    for same in by_key.values():
        for i, a in enumerate(same):
            for b in same[i + 1 :]:
                if a.pk != b.pk:
                    pairs.setdefault(frozenset((a.pk, b.pk)), (a, b, VARIANT))
    for i, (keys_a, a) in enumerate(keys):
        for keys_b, b in keys[i + 1 :]:
            pair = frozenset((a.pk, b.pk))
            if pair not in pairs and any(is_close(x, y) for x in keys_a for y in keys_b):
                pairs[pair] = (a, b, CLOSE)
    ordered = []
    for a, b, how in pairs.values():
        # The record to keep second: a reviewed one rather than one an import created.
        if a.needs_review and not b.needs_review:
            ordered.append((a, b, how))
        elif b.needs_review and not a.needs_review:
            ordered.append((b, a, how))
        else:
            ordered.append((a, b, how) if a.pk > b.pk else (b, a, how))
    ordered.sort(key=lambda p: (not (p[0].needs_review or p[1].needs_review), p[2] != VARIANT, p[1].name.casefold()))
    return ordered
