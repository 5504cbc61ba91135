"""Read one Markdown record (an action learning plan, a solution, an experiment...) into a `Record`.

The records come from form exports: `# Title`, then `[[key:value]]` metadata lines (a key may
repeat), then the answers, either grouped under `## Section` headings or not, each answer below
the form's prompt quoted as `> prompt`. Exports wrap answers in `<div class="group">` blocks,
mark a sub-answer with an empty `>` line and underline headings with `****`: all of that is
layout, and the parser drops it. Line numbers are kept so that errors can point at the source.
"""

import re
from dataclasses import dataclass, field


class RecordError(Exception):
    """A problem that stops one file importing; `line` is 1-based, or None for the whole file."""

    def __init__(self, reason, line=None):
        super().__init__(reason)
        self.reason = reason
        self.line = line

    def __str__(self):
        return f"line {self.line}: {self.reason}" if self.line else self.reason


@dataclass
class Value:
    text: str
    line: int


@dataclass
class Item:
    """A form prompt ("" for text with no prompt above it) and the Markdown answer below it."""

    prompt: str
    line: int
    answer_lines: list[str] = field(default_factory=list)

    @property
    def answer(self):
        return "\n".join(self.answer_lines).strip()


@dataclass
class Section:
    heading: str  # "" for the part before any `##` heading, and for records without sections
    line: int
    items: list[Item] = field(default_factory=list)


@dataclass
class Record:
    title: str
    title_line: int
    metadata: dict[str, list[Value]] = field(default_factory=dict)
    sections: list[Section] = field(default_factory=list)

    def values(self, key):
        return self.metadata.get(key, [])


# Spellings met in exports for the keys the importer reads; other keys are kept as they come.
KEY_ALIASES = {
    "focal_points": "focal_point",
    "focalpoint": "focal_point",
    "contact": "focal_point",
    "data_sources": "datasources",
    "datasource": "datasources",
    "data_source": "datasources",
    "method": "methods",
    "sdg": "sdgs",
    "thematic_area": "thematic_areas",
    "themes": "thematic_areas",
    "theme": "thematic_areas",
    "countries": "country",
    "lat_lng": "latlng",
    "latlong": "latlng",
    "lat_long": "latlng",
    "coordinates": "latlng",
    "document_type": "type",
}

META_LINE = re.compile(r"^\s*(?:\[\[[^\[\]]*\]\]\s*)+$")
META_TOKEN = re.compile(r"\[\[\s*(?P<key>[^:\[\]]+?)\s*:(?P<value>[^\[\]]*)\]\]")
RULE = re.compile(r"^\s*(?:(?:\*\s*){3,}|(?:-\s*){3,}|(?:_\s*){3,}|(?:=\s*){3,})$")
PROMPT = re.compile(r"^ {0,3}>\s?(?P<text>.*)$")
# Layout wrappers of the exports; their content stays.
# A tag stops at the next "<": "<div<div<div..." never closed is read once, not once per "<div".
WRAPPER = re.compile(r"</?(?:div|span|section|article|center|font)\b[^<>]*>", re.IGNORECASE)
CONTROL = re.compile(r"[\x00-\x08\x0b\x0e-\x1f\x7f]")


def decode(data):
    """The text of a file's bytes; binary or non-UTF-8 content is a RecordError."""
    if isinstance(data, str):
        text = data
    else:
        if b"\x00" in data:
            raise RecordError("binary file, not Markdown text", data.count(b"\n", 0, data.index(b"\x00")) + 1)
        try:
            text = data.decode("utf-8-sig")
        except UnicodeDecodeError as error:
            line = data.count(b"\n", 0, error.start) + 1
            reason = f"not UTF-8 text (byte 0x{data[error.start]:02x}); save the file as UTF-8"
            raise RecordError(reason, line) from None
    text = text.replace("\r\n", "\n").replace("\r", "\n").removeprefix("\ufeff")
    control = CONTROL.search(text)
    if control:
        raise RecordError("binary file, not Markdown text", text.count("\n", 0, control.start()) + 1)
    return text


def heading_text(line, level):
    """The text of a `# Title` (level 1) or `## Section` (level 2) line, else None.

    String operations, not a regular expression: "^#\\s+(.*?)\\s*#*\\s*$" backtracks in cubic time
    on a heading followed by a long run of spaces (2,000 spaces took 48 s).
    """
    if len(line) - len(line.lstrip("#")) != level or not line[level : level + 1].isspace():
        return None
    return line[level:].strip().rstrip("#").strip()


def normalise_key(key):
    key = re.sub(r"[\s\-]+", "_", key.strip().casefold())
    return KEY_ALIASES.get(key, key)


def parse(data):
    """A `Record` from the bytes (or text) of one file; raises RecordError."""
    lines = decode(data).split("\n")
    if not any(line.strip() for line in lines):
        raise RecordError("empty file: no title")
    record = Record(title="", title_line=0)
    section = Section(heading="", line=1)
    record.sections.append(section)
    item = None
    prompt_open = False  # the previous line was a prompt: a prompt may run over several `>` lines
    first_content_line = None

    for number, raw in enumerate(lines, start=1):
        line = WRAPPER.sub("", raw).rstrip()
        if META_LINE.match(line) and META_TOKEN.search(line):
            for token in META_TOKEN.finditer(line):
                value = token["value"].strip()
                if value:
                    record.metadata.setdefault(normalise_key(token["key"]), []).append(Value(value, number))
            continue
        if not line.strip() or RULE.match(line):
            if item is not None and item.answer_lines:
                item.answer_lines.append("")
            prompt_open = False
            continue
        title = heading_text(line, 1)
        if title and first_content_line is None:
            record.title, record.title_line = title, number
            first_content_line = number
            continue
        if first_content_line is None:
            first_content_line = number
        heading = heading_text(line, 2)
        if heading is None:
            heading = title  # a second `# ` line opens a section too
        if heading is not None:
            section = Section(heading=heading, line=number)
            record.sections.append(section)
            item, prompt_open = None, False
            continue
        prompt = PROMPT.match(line)
        if prompt:
            text = prompt["text"].strip()
            if not text:
                # An empty `>` opens a sub-answer of the prompt above it.
                if item is not None and item.answer_lines:
                    item.answer_lines.append("")
                continue
            if prompt_open and item is not None and not item.answer_lines:
                item.prompt = f"{item.prompt} {text}"
            else:
                item = Item(prompt=text, line=number)
                section.items.append(item)
            prompt_open = True
            continue
        prompt_open = False
        if item is None:
            item = Item(prompt="", line=number)
            section.items.append(item)
        item.answer_lines.append(line)

    record.sections = [s for s in record.sections if s.heading or s.items]
    if not record.title:
        record.title, record.title_line = _title_from_section(record)
    if not record.title:
        raise RecordError("no title: the file should start with a '# Title' line", 1)
    return record


def _title_from_section(record):
    """Some exports lack the `# Title` line but answer the form's own "Title" question."""
    for section in record.sections:
        if section.heading.strip().casefold() == "title":
            for item in section.items:
                first = next((line.strip() for line in item.answer_lines if line.strip()), "")
                if first:
                    return first.lstrip("#").strip(), item.line
    return "", 0
