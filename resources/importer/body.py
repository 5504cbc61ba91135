"""A record's answers as the paper's abstract and StreamField body.

Answers are Markdown. Python-Markdown turns them into HTML and nh3 keeps only what a Wagtail
rich-text paragraph can hold; images become `external_image` blocks (kept at their source, never
hot-loaded), and e-mail addresses are removed, as focal points' addresses appear in answers too.
"""

import html
import re
import time

from django.core.exceptions import ValidationError
from django.core.validators import URLValidator
from django.utils.html import strip_tags
from django.utils.text import Truncator

import markdown
import nh3

from .parser import RecordError
from .values import EMAIL_REPLACEMENT, fold, without_emails

TITLE_MAX = 255  # Page.title
HEADING_MAX = 200  # HeadingBlock.text
ALT_MAX = 300  # ExternalImageBlock.alt
ABSTRACT_MAX = 600
LABEL_MAX = 60
# Time one file may take to read (each file, whatever its size, up to 1 MB); then it fails alone.
PARSE_SECONDS = 60
# Brackets nested deeper than this are text, not links (see bound_brackets).
BRACKET_DEPTH = 3
# Markdown is converted in pieces of at most this many characters (see _markdown_chunks).
MARKDOWN_CHUNK = 4096

# Every repeated part stops at the character that could start the next match ([ for the alt
# text, < for a tag), so a failed attempt never rescans what the next one scans: linear time.
IMAGE = re.compile(r"!\[(?P<alt>[^\[\]]*)\]\(\s*<?(?P<url>[^\s()<>\[\]]+)>?(?:\s+[\"'][^\"'()]*[\"'])?\s*\)")
HTML_IMAGE = re.compile(r"<img\b[^<>]*>", re.IGNORECASE)
HTML_ATTRIBUTE = re.compile(r"(?P<name>src|alt)\s*=\s*(?:\"(?P<dq>[^\"]*)\"|'(?P<sq>[^']*)')", re.IGNORECASE)
# Placeholders the exports write when an image has no description.
PLACEHOLDER_ALTS = {"", "missing alt text", "image", "img", "alt text", "picture", "photo"}
# A bare address, not already the target or text of a Markdown link or an <autolink>.
BARE_URL = re.compile(r"(?<![(<\[\"'=])\bhttps?://[^\s<>\"'\[\]()]+(?:\([^\s()]*\)[^\s<>\"'\[\]()]*)*")
LIST_LINE = re.compile(r"^\s{0,3}(?:[-*+]|\d{1,3}\.)\s+\S")

# Tags of the hub's rich text (hub.base.blocks.RICH_TEXT_FEATURES) that imports may use.
ALLOWED_TAGS = {"p", "br", "ul", "ol", "li", "a", "b", "i", "h3", "h4"}
RENAMED_TAGS = {"strong": "b", "em": "i", "h1": "h3", "h2": "h3", "h5": "h4", "h6": "h4", "pre": "p"}
TAG_NAME = re.compile(r"<(?P<close>/?)(?P<name>strong|em|h[1256]|pre)\b[^>]*>", re.IGNORECASE)

is_url = URLValidator(schemes=["http", "https"])


def _keep_web_links(tag, attribute, value):
    """Links stay only when they lead to a web address: no relative, javascript: or mailto: links."""
    if tag == "a" and attribute == "href":
        try:
            is_url(value)
        except ValidationError:
            return None
    return value


CLEANER = nh3.Cleaner(
    tags=ALLOWED_TAGS,
    clean_content_tags={"script", "style", "template", "noscript", "iframe", "object"},
    attributes={"a": {"href"}},
    attribute_filter=_keep_web_links,
    url_schemes={"http", "https"},
    link_rel=None,
)


def plain(text):
    """One line of plain text from Markdown or HTML."""
    return " ".join(html.unescape(strip_tags(without_emails(text))).replace("\xa0", " ").split())


def truncate(text, limit):
    return Truncator(text).chars(limit, truncate="…")


def prompt_heading(prompt):
    """A heading for a form prompt: its label where it has one ("Background: What is the history...?")."""
    text = plain(prompt)
    label, colon, question = text.partition(":")
    if colon and 0 < len(label.strip()) <= LABEL_MAX and not label.strip().startswith("http"):
        text = label
    return truncate(text.strip().rstrip(":").strip(), HEADING_MAX)


def _tidy_markdown(text):
    """Answers as Markdown reads them: addresses linked, a blank line before a list, no e-mail addresses."""
    lines = []
    for line in without_emails(text).replace("\xa0", " ").split("\n"):
        line = "" if not line.strip() else line
        if LIST_LINE.match(line) and lines and lines[-1].strip() and not LIST_LINE.match(lines[-1]):
            lines.append("")
        lines.append(BARE_URL.sub(lambda m: _autolink(m.group(0)), line))
    return "\n".join(lines).strip()


def _autolink(url):
    trailing = re.search(r"[.,;:!?]+$", url)
    if trailing:
        return f"<{url[: trailing.start()]}>{trailing.group(0)}"
    return f"<{url}>"


def title(heading, line, warnings):
    """A file's '# Title' as a page title: plain text with no e-mail address, shortened to TITLE_MAX."""
    text = without_emails(plain(heading))
    if not text:
        raise RecordError("no title: the '# Title' line is empty", line)
    if len(text) > TITLE_MAX:
        warnings.append(f"line {line}: title shortened to {TITLE_MAX} characters")
        text = truncate(text, TITLE_MAX)
    return text


# A "<" with another "<" (or the end) before any ">" opens no tag: Python's HTML parser, which
# Markdown uses for raw HTML, rescans from each such "<" (quadratic for "<img <img <img ...").
UNCLOSED_TAG = re.compile(r"<(?=[^<>]*(?:<|\Z))")


def _unmatched(text, opening, closing):
    """Positions of `opening` characters never closed, or nested deeper than BRACKET_DEPTH."""
    opened, found = [], set()
    position = 0
    while position < len(text):
        char = text[position]
        if char == "\\":
            position += 2  # an escaped character opens and closes nothing
            continue
        if char == opening:
            opened.append(position)
        elif char == closing and opened:
            start = opened.pop()
            if len(opened) >= BRACKET_DEPTH:
                found.add(start)
        position += 1
    return found.union(opened)


def bound_brackets(text):
    """The text with `[`, `(` and `<` escaped where Markdown would search in vain or too deep.

    Markdown's link pattern scans from each `[` to its closing `]`, and from each `](` to its `)`:
    one never closed, or nested deeper than BRACKET_DEPTH, makes parsing quadratic (16 KB of `[`
    took 9 s). Such a character starts no link or tag anyway, so it is escaped and shows as itself.
    """
    text = UNCLOSED_TAG.sub("&lt;", text)
    escaped = _unmatched(text, "[", "]") | _unmatched(text, "(", ")")
    if not escaped:
        return text
    return "".join("\\" + char if index in escaped else char for index, char in enumerate(text))


def check_time(deadline):
    if deadline is not None and time.monotonic() > deadline:
        raise RecordError(f"took too long: reading stopped after {PARSE_SECONDS} seconds; nothing was saved")


def _markdown_chunks(text):
    """Markdown in pieces of at most MARKDOWN_CHUNK characters, cut at blank lines.

    Python-Markdown's inline processing costs the length of a paragraph times its inline marks;
    bounding the piece bounds that cost, so a whole answer takes time in proportion to its size.
    A single paragraph longer than a piece is taken as plain text (escaped), not Markdown.
    """
    if len(text) <= MARKDOWN_CHUNK:
        return [text]
    chunks, current = [], ""
    for block in re.split(r"\n\s*\n", text):
        if len(block) > MARKDOWN_CHUNK:
            chunks.extend([current, PlainText(block)])
            current = ""
        elif len(current) + len(block) > MARKDOWN_CHUNK:
            chunks.append(current)
            current = block
        else:
            current = f"{current}\n\n{block}" if current else block
    chunks.append(current)
    return [chunk for chunk in chunks if chunk.strip()]


class PlainText(str):
    """A paragraph too long for Markdown: its text, escaped, in a paragraph of its own."""


def _markdown(text):
    return "\n".join(
        f"<p>{html.escape(' '.join(chunk.split()))}</p>"
        if isinstance(chunk, PlainText)
        else markdown.markdown(bound_brackets(chunk), extensions=["sane_lists"], output_format="html")
        for chunk in _markdown_chunks(text)
    )


def to_rich_text(text):
    """Wagtail rich-text HTML for a piece of Markdown, or "" when nothing readable is left."""
    converted = _markdown(_tidy_markdown(text))
    converted = TAG_NAME.sub(lambda m: f"<{m['close']}{RENAMED_TAGS[m['name'].lower()]}>", converted)
    cleaned = CLEANER.clean(converted)
    cleaned = re.sub(r"<li>\s*<p>", "<li>", cleaned)
    cleaned = re.sub(r"</p>\s*</li>", "</li>", cleaned)
    cleaned = re.sub(r"</p>\s*<p>(?=[^<]*</li>)", "<br>", cleaned)
    cleaned = re.sub(r"<a>(.*?)</a>", r"\1", cleaned, flags=re.DOTALL)  # links whose address was dropped
    cleaned = re.sub(r"<p>\s*(?:<br>\s*)*</p>", "", cleaned).strip()
    if not plain(cleaned):
        return ""
    if not cleaned.startswith("<"):
        cleaned = f"<p>{cleaned}</p>"  # loose text from an HTML answer
    return cleaned


def _images(text):
    """[(start, end, url, alt)] for Markdown and HTML images in a piece of text."""
    found = [(m.start(), m.end(), m["url"], m["alt"]) for m in IMAGE.finditer(text)]
    for match in HTML_IMAGE.finditer(text):
        attributes = {
            a["name"].lower(): a["dq"] if a["dq"] is not None else a["sq"]
            for a in HTML_ATTRIBUTE.finditer(match.group(0))
        }
        found.append((match.start(), match.end(), attributes.get("src", ""), attributes.get("alt", "")))
    return sorted(found)


def answer_blocks(text, warnings, line, deadline=None):
    """Raw StreamField blocks for one answer: paragraphs, with images as `external_image` blocks between them."""
    blocks = []
    position = 0
    for start, end, url, alt in [*_images(text), (len(text), len(text), None, None)]:
        check_time(deadline)
        rich_text = to_rich_text(text[position:start])
        if rich_text:
            blocks.append({"type": "paragraph", "value": rich_text})
        position = end
        if url is None:
            break
        url = html.unescape(url.strip())
        try:
            is_url(url)
        except ValidationError:
            warnings.append(f"line {line}: image '{truncate(url, 80)}' is not a web address; left out")
            continue
        alt = plain(alt)
        alt = "" if fold(alt) in PLACEHOLDER_ALTS else truncate(alt, ALT_MAX)
        blocks.append({"type": "external_image", "value": {"url": url, "alt": alt}})
    return blocks


def heading(text, level):
    return {"type": "heading", "value": {"text": text, "level": level}}


def _is_title_section(section, title):
    """The form's own "Title" question, which only repeats the title."""
    return fold(section.heading) == "title" and all(fold(plain(i.answer)) == fold(title) for i in section.items)


def body_blocks(record, warnings, deadline=None):
    """The body; RecordError ("took too long") once time.monotonic() passes `deadline`."""
    blocks = []
    for section in record.sections:
        if _is_title_section(section, record.title):
            continue
        section_blocks = []
        for item in section.items:
            answer = answer_blocks(item.answer, warnings, item.line, deadline)
            if not answer:
                continue  # an unanswered question says nothing about the work
            if item.prompt:
                section_blocks.append(heading(prompt_heading(item.prompt), "h3"))
            section_blocks.extend(answer)
        if section_blocks and section.heading:
            blocks.append(heading(truncate(plain(section.heading), HEADING_MAX), "h2"))
        blocks.extend(section_blocks)
    return blocks


def abstract(record, deadline=None):
    """The first paragraph of the challenge statement, else of the first answer, as plain text."""
    items = [
        item
        for section in record.sections
        if not _is_title_section(section, record.title)
        for item in section.items
        if item.answer
    ]
    statement = [item for item in items if fold(item.prompt.partition(":")[0]) == "challenge statement"]
    for item in statement + items:
        for paragraph in re.split(r"\n\s*\n", item.answer):
            check_time(deadline)
            text = plain(to_rich_text(IMAGE.sub("", HTML_IMAGE.sub("", paragraph))))
            if text and text != EMAIL_REPLACEMENT and fold(text) != fold(record.title):
                return truncate(text, ABSTRACT_MAX)
    return record.title
