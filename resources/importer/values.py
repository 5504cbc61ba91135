"""Messy metadata values made clean: trimmed, folded for matching, and mapped to the hub's vocabularies."""

import datetime
import difflib
import functools
import html
import math
import re
import unicodedata

from django.utils import translation

from django_countries import countries

from hub.base import taxonomy_matching
from hub.base.sdgs import SDG_NAMES

from .parser import RecordError

TRAILING = re.compile(r"[\s.,;:!?]+$")
LEADING = re.compile(r"^\s*(?:[-*•·]\s+)*")
EMAIL = re.compile(r"(?<![\w.+-])[\w.+-]+@[\w-]+(?:\.[\w-]+)+", re.UNICODE)
EMAIL_REPLACEMENT = "[e-mail removed]"


def clean(text):
    """A value as an editor would have typed it: entities decoded, spaces collapsed, no trailing punctuation."""
    text = " ".join(html.unescape(text).replace("\xa0", " ").split())
    return TRAILING.sub("", LEADING.sub("", text))


def fold(text):
    """A key for matching: no accents, no case, no punctuation, "&" read as "and"."""
    text = unicodedata.normalize("NFKD", clean(text))
    text = "".join(char for char in text if not unicodedata.combining(char)).casefold().replace("&", " and ")
    return " ".join(re.sub(r"[^\w]+", " ", text).split())


def without_emails(text):
    return EMAIL.sub(EMAIL_REPLACEMENT, text)


def unique(values):
    """Cleaned values in order, the first spelling of each kept."""
    seen = {}
    for value in values:
        text = clean(value.text)
        if text and fold(text) not in seen:
            seen[fold(text)] = (text, value.line)
    return list(seen.values())


def display_name(text):
    """A name for a new taxonomy record: an all-lowercase or all-capitals value gets a capital first letter."""
    if text == text.lower() or (text == text.upper() and len(text) > 5):
        return text[:1].upper() + text[1:].lower()
    return text


# --- Document type ---------------------------------------------------------------

DOCUMENT_TYPES = {
    "learningplan": "learning-plan",
    "learningplans": "learning-plan",
    "actionlearningplan": "learning-plan",
    "actionlearningplans": "learning-plan",
    "solution": "solution",
    "solutions": "solution",
    "experiment": "experiment",
    "experiments": "experiment",
    "other": "other",
    "others": "other",
}


def document_type(values, warnings):
    if not values:
        return "other"
    raw = clean(values[0].text)
    mapped = DOCUMENT_TYPES.get(re.sub(r"[^a-z]", "", fold(raw)))
    if mapped is None:
        warnings.append(f"line {values[0].line}: type '{raw}' is not known; imported as 'other'")
        return "other"
    return mapped


# --- Year and place ------------------------------------------------------------------

YEAR = re.compile(r"(?P<year>\d{4})(?:[-/.]\d{1,2}(?:[-/.]\d{1,2})?)?")


def publication_date(values, warnings):
    if not values:
        raise RecordError("no [[year:...]] line: a publication year is needed")
    value = values[0]
    match = YEAR.fullmatch(clean(value.text))
    if not match:
        raise RecordError(f"year '{value.text.strip()}' is not a year such as 2021", value.line)
    year = int(match["year"])
    if not 1900 <= year <= datetime.date.today().year + 1:
        raise RecordError(f"year {year} is not a plausible publication year", value.line)
    if len({clean(v.text) for v in values}) > 1:
        warnings.append(f"line {values[1].line}: several years given; {year} is used")
    return datetime.date(year, 1, 1)


def coordinates(values, warnings):
    """(latitude, longitude) from `lat,lng`, or (None, None) without a value."""
    if not values:
        return None, None
    value = values[0]
    parts = [p for p in re.split(r"\s*[,;]\s*|\s+", clean(value.text)) if p]
    try:
        latitude, longitude = (float(p) for p in parts)
    except ValueError:
        raise RecordError(f"latlng '{value.text.strip()}' is not 'latitude,longitude'", value.line) from None
    if not (math.isfinite(latitude) and math.isfinite(longitude)):
        raise RecordError(f"latlng '{value.text.strip()}' is not 'latitude,longitude'", value.line)
    if not -90 <= latitude <= 90:
        raise RecordError(f"impossible coordinates: latitude {latitude} is outside -90..90", value.line)
    if not -180 <= longitude <= 180:
        raise RecordError(f"impossible coordinates: longitude {longitude} is outside -180..180", value.line)
    if len(values) > 1:
        warnings.append(f"line {values[1].line}: several latlng lines; the first is used")
    return latitude, longitude


# Names in use that are neither django-countries' names nor its old or common ones.
COUNTRY_ALIASES = {
    "kyrgyz republic": "KG",
    "ivory coast": "CI",
    "cape verde": "CV",
    "burma": "MM",
    "east timor": "TL",
    "state of palestine": "PS",
    "palestinian territories": "PS",
    "usa": "US",
    "us": "US",
    "united states": "US",
    "united states of america": "US",
    "uk": "GB",
    "great britain": "GB",
    "england": "GB",
    "drc": "CD",
    "dr congo": "CD",
    "democratic republic of congo": "CD",
    "congo kinshasa": "CD",
    "republic of congo": "CG",
    "republic of the congo": "CG",
    "congo brazzaville": "CG",
    "lao pdr": "LA",
    "lao people s democratic republic": "LA",
    "korea": "KR",
    "republic of korea": "KR",
    "dprk": "KP",
    "russian federation": "RU",
    "syrian arab republic": "SY",
    "iran islamic republic of": "IR",
    "tanzania united republic of": "TZ",
    "united republic of tanzania": "TZ",
    "bolivia plurinational state of": "BO",
    "venezuela bolivarian republic of": "VE",
    "republic of moldova": "MD",
    "north macedonia": "MK",
    "czechia": "CZ",
    "holland": "NL",
    "turkiye": "TR",
    "swaziland": "SZ",
    "vatican": "VA",
    "micronesia federated states of": "FM",
}


@functools.cache
def _country_index():
    index = {}
    with translation.override("en"):
        for code, name in countries:
            index.setdefault(fold(str(name)), code)
            index.setdefault(code.casefold(), code)
            index.setdefault(countries.alpha3(code).casefold(), code)
    for name, code in COUNTRY_ALIASES.items():
        index.setdefault(name, code)
    return index


def country_code(text):
    """(ISO code, how it was read) for a country name or code, ("", "") when unknown."""
    key = fold(text).removeprefix("the ")
    index = _country_index()
    if key in index:
        return index[key], "exact"
    code = countries.by_name(clean(text))
    if code:
        return code, "exact"
    # A typo: only a very close match, and the importer says which country it chose.
    close = difflib.get_close_matches(key, [name for name in index if len(name) > 3], n=1, cutoff=0.88)
    return (index[close[0]], "close") if close else ("", "")


def country_codes(values, warnings):
    codes = []
    for text, line in unique(values):
        found = [(text, *country_code(text))]
        if not found[0][1] and re.search(r"[,;/]", text):
            # "Kenya, Uganda" on one line; tried only after the whole value, as some names hold a comma.
            found = [(part, *country_code(part)) for part in re.split(r"\s*[,;/]\s*", text) if part]
        for part, code, how in found:
            if not code:
                raise RecordError(f"country '{part}' is not a known country name", line)
            if how == "close":
                warnings.append(f"line {line}: country '{part}' read as {countries.name(code)} ({code})")
            if code not in codes:
                codes.append(code)
    return codes


# --- Sustainable Development Goals ---------------------------------------------------------------

SDG_NUMBER = re.compile(r"^(?:sdg|goal)?\s*#?\s*(?P<number>\d{1,2})(?!\d)", re.IGNORECASE)


def sdg_numbers(values):
    by_name = {fold(name): number for number, name in SDG_NAMES.items()}
    numbers = []
    for text, line in unique(values):
        match = SDG_NUMBER.match(text)
        number = int(match["number"]) if match else by_name.get(fold(text))
        if number is None:
            raise RecordError(f"SDG '{text}' has no goal number (1 to 17)", line)
        if not 1 <= number <= 17:
            raise RecordError(f"SDG {number} does not exist: goals are numbered 1 to 17", line)
        if number not in numbers:
            numbers.append(number)
    return numbers


# --- Taxonomy ---------------------------------------------------------------------------------


def term_matcher(model, locale):
    """A hub.base.taxonomy_matching.Matcher over one kind of record in one locale."""
    return taxonomy_matching.Matcher(model.objects.filter(locale=locale).order_by("pk"))


def report_match(model, value, line, match, result):
    """Note in the import report how `value` was read; a close match is a warning naming both."""
    if match.how == taxonomy_matching.NAME and fold(value) == fold(match.record.name):
        return  # the record's own name: nothing to tell
    kind = model._meta.verbose_name
    if match.needs_warning:
        result.warnings.append(
            f"line {line}: {kind} '{value}' is not known; read as the close match '{match.record.name}': "
            "check it, or add the value to a record's alternative labels"
        )
    result.matched_terms.append(f"{kind} {match.describe(value)}")
