"""Reading one file of an open methods archive into a `MethodContent` (`methods` writes the page).

A file has `[[type:...]]` lines, a `# Title`, and `## Overview`, `## Purpose`, `## How it works`,
`## Requirements`, `## Reflections`, `## Related methods`, `## License`, `## Examples` sections
(some missing or empty). Lines are read with string operations and the Markdown goes through the
paper importer's bounded conversion and cleaning (`body`), so reading takes time in proportion to
the file's size; embedded images are decoded and checked here (`images`) and stored by `methods`.
"""

import html
import re
import time
from dataclasses import dataclass, field
from pathlib import PurePath

from django.core.exceptions import ValidationError

from hub.catalogue.models import MethodKind

from . import body, images, values
from .parser import META_LINE, META_TOKEN, RecordError, decode

NAME_MAX = 120
SUMMARY_MAX = 255
LICENCE_MAX = 500
# Files are read whole; real ones are at most 2 MB, most of it embedded images.
MAX_FILE_BYTES = 8 * 1024 * 1024

# Section heading (folded, without a "(if any)") -> MethodPage field.
SECTION_FIELDS = {
    "overview": "what_it_is",
    "purpose": "when_to_use",
    "how it works": "steps",
    "requirements": "needs",
    "reflections": "strengths_limits",
    "examples": "examples",
    "example": "examples",
}
RICH_FIELDS = ("what_it_is", "when_to_use", "steps", "needs", "strengths_limits", "examples")
LICENCE_SECTIONS = {"license", "licence", "licensing"}
RELATED_SECTIONS = {"related methods", "related", "see also"}
TYPE_KEYS = {"type", "types", "kind", "kinds"}
URL_KEYS = {"url", "source", "source_url", "link"}
KINDS = set(MethodKind.LABELS)
NO_NAMES = {"", "none", "n a", "na", "no", "nil"}

PARENTHESIS = re.compile(r"\([^()]*\)")
MARKDOWN_LINK = re.compile(r"\[(?P<text>[^\[\]]*)\]\([^()\s]*\)")
# Left anywhere after conversion (text, not an image), a data: URI is removed: none is ever stored.
STRAY_DATA_URI = re.compile(r"\bdata:[\w.+-]+/[\w.+-]+[;,][^\s<>\"']*", re.IGNORECASE)
H4 = re.compile(r"<(/?)h4>")


@dataclass
class Section:
    heading: str  # "" for the text between the title and the first section
    line: int
    lines: list[str] = field(default_factory=list)

    @property
    def text(self):
        return "\n".join(self.lines).strip()

    @property
    def key(self):
        return values.fold(PARENTHESIS.sub(" ", self.heading))


@dataclass
class MethodFile:
    title: str
    title_line: int
    metadata: dict[str, list[tuple[str, int]]]
    sections: list[Section]


def heading(line):
    """(level, text) of a `#` or `##` heading line, else (0, ""): string operations, no regular
    expression (a lazy pattern before trailing spaces is quadratic on a long run of spaces)."""
    level = len(line) - len(line.lstrip("#"))
    if level not in (1, 2) or line[level : level + 1] not in (" ", "\t"):
        return 0, ""
    return level, line[level:].strip().rstrip("#").strip()


def parse(data):
    """A MethodFile from a file's bytes; RecordError for a binary, non-UTF-8 or untitled file."""
    if len(data) > MAX_FILE_BYTES:
        raise RecordError(f"larger than {MAX_FILE_BYTES // (1024 * 1024)} MB")
    lines = decode(data).split("\n")
    title, title_line, metadata = "", 0, {}
    sections = [Section(heading="", line=1)]
    fenced = False
    for number, line in enumerate(lines, start=1):
        if line.lstrip().startswith("```"):
            fenced = not fenced
        if not fenced and META_LINE.match(line) and META_TOKEN.search(line):
            for token in META_TOKEN.finditer(line):
                key = re.sub(r"[\s\-]+", "_", token["key"].strip().casefold())
                if token["value"].strip():
                    metadata.setdefault(key, []).append((token["value"].strip(), number))
            continue
        level, text = heading(line) if not fenced else (0, "")
        if level == 1 and not title and text:
            title, title_line = text, number
            continue
        if level and text:
            sections.append(Section(heading=text, line=number))
            continue
        sections[-1].lines.append(line)
    if not title:
        raise RecordError("no title: the file should have a '# Title' line", 1)
    return MethodFile(title, title_line, metadata, [s for s in sections if s.heading or s.text])


@dataclass
class ImageRef:
    """An embedded image waiting to be stored (or found) when the page is saved."""

    data: bytes
    extension: str
    alt: str


@dataclass
class MethodContent:
    title: str
    kinds: list[str]
    fields: dict[str, list]  # rich-text field -> HTML strings and ImageRefs, in order
    summary: str
    licence_note: str
    related: list[tuple[str, int]]
    related_heading: str
    source_key: str
    source_url: str


def read_method(method_file, file_name):
    """What a file says, in the page's terms, and the warnings met reading it."""
    warnings = []
    deadline = time.monotonic() + body.PARSE_SECONDS
    title = body.title(method_file.title, method_file.title_line, warnings)
    fields = {name: [] for name in RICH_FIELDS}
    licence, related, related_heading, summary = "", [], "", ""
    for section in method_file.sections:
        key = section.key
        if key in LICENCE_SECTIONS:
            licence = " ".join(filter(None, [licence, body.plain(body.to_rich_text(section.text))]))
        elif key in RELATED_SECTIONS:
            related += related_names(section)
            related_heading = body.plain(PARENTHESIS.sub(" ", section.heading))
        else:
            parts = convert(section.text, title, warnings, section.line, deadline)
            if not section.heading:
                target = "what_it_is"
                fields[target][:0] = parts  # what comes before the first section opens the page
                continue
            target = SECTION_FIELDS.get(key)
            if target is None:
                target = "what_it_is"
                if parts:
                    warnings.append(
                        f"line {section.line}: section '{body.truncate(section.heading, 60)}' has no place of its "
                        "own on a method page; added to 'what it is' under its heading"
                    )
                    heading = html.escape(body.truncate(body.plain(section.heading), body.HEADING_MAX))
                    parts = [f"<h3>{heading}</h3>", *parts]
            fields[target] += parts
            if target == "what_it_is" and key == "overview" and not summary:
                summary = first_paragraph(section.text)
    if len(licence) > LICENCE_MAX:
        warnings.append(f"licence note shortened to {LICENCE_MAX} characters")
        licence = body.truncate(licence, LICENCE_MAX)
    content = MethodContent(
        title=title,
        kinds=kinds(method_file.metadata, warnings),
        fields=fields,
        summary=summary,
        licence_note=licence,
        related=related,
        related_heading=related_heading,
        source_key=source_key(method_file, file_name),
        source_url=source_url(method_file, warnings),
    )
    return content, warnings


def convert(text, title, warnings, line, deadline):
    """HTML pieces and ImageRefs for one section's Markdown, images where they stand."""
    parts = []
    position = 0
    for start, end, url, alt in [*body._images(text), (len(text), len(text), None, None)]:
        body.check_time(deadline)
        rich = rich_text(text[position:start], warnings, line + text.count("\n", 0, position))
        if rich:
            parts.append(rich)
        position = end
        if url is None:
            break
        image_line = line + text.count("\n", 0, start) + 1
        alt = body.plain(alt)
        alt = title if values.fold(alt) in body.PLACEHOLDER_ALTS else body.truncate(alt, body.ALT_MAX)
        url = url.strip()
        if images.is_data_uri(url):
            try:
                data, extension = images.decode(url)
            except images.ImageRefused as error:
                warnings.append(f"line {image_line}: embedded image left out: {error}")
                continue
            parts.append(ImageRef(data, extension, alt))
            continue
        url = html.unescape(url)
        try:
            body.is_url(url)
        except ValidationError:
            warnings.append(f"line {image_line}: image '{body.truncate(url, 80)}' is not a web address; left out")
            continue
        # Kept at its source as a link, never hot-loaded (as the paper importer does).
        parts.append(f'<p><a href="{html.escape(url)}">{html.escape(alt)}</a></p>')
    return parts


def rich_text(text, warnings, line):
    """The hub's entry rich text (ENTRY_FEATURES) for a piece of Markdown without images."""
    converted = H4.sub(r"<\1h3>", body.to_rich_text(text)) if text.strip() else ""
    if STRAY_DATA_URI.search(converted):
        warnings.append(f"line {line}: a data: address outside an image was removed")
        converted = STRAY_DATA_URI.sub("", converted)
    return converted


def first_paragraph(text):
    """The summary: the Overview's first paragraph as plain text (read from its start only)."""
    for paragraph in re.split(r"\n\s*\n", text):
        paragraph = body.IMAGE.sub("", body.HTML_IMAGE.sub("", paragraph))[: SUMMARY_MAX * 8]
        plain = body.plain(body.to_rich_text(paragraph))
        if plain:
            return body.truncate(plain, SUMMARY_MAX)
    return ""


def related_names(section):
    """(name, line) for each method a "Related methods" section names, in order, once each."""
    found = {}
    for offset, raw in enumerate(section.lines, start=1):
        text = MARKDOWN_LINK.sub(lambda m: m["text"], body.IMAGE.sub("", raw))
        for part in re.split(r"[,;]", text):
            name = values.clean(body.plain(part))
            if name and values.fold(name) not in NO_NAMES and len(name) <= NAME_MAX:
                found.setdefault(values.fold(name), (name, section.line + offset))
    return list(found.values())


def kinds(metadata, warnings):
    """MethodKind slugs for the `[[type:...]]` values ("methods" -> "method")."""
    found = []
    for key, entries in metadata.items():
        if key not in TYPE_KEYS:
            continue
        for value, line in entries:
            folded = values.fold(value)
            slug = folded if folded in KINDS else folded.removesuffix("s")
            if slug not in KINDS:
                warnings.append(
                    f"line {line}: type '{value}' is not a method, tool, tactic, principle or skill; left out"
                )
            elif slug not in found:
                found.append(slug)
    return found


def source_key(method_file, file_name):
    """An explicit [[id:...]], else the file's name without its extension (the archive's own key)."""
    explicit = method_file.metadata.get("id")
    if explicit:
        return "id:" + explicit[0][0][:250]
    return "file:" + PurePath(file_name).stem[:250]


def source_url(method_file, warnings):
    for key in URL_KEYS:
        for value, line in method_file.metadata.get(key, []):
            try:
                body.is_url(value)
            except ValidationError:
                warnings.append(f"line {line}: source '{body.truncate(value, 80)}' is not a web address; left out")
                continue
            if len(value) <= 500:
                return value
    return ""
