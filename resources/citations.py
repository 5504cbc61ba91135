""" "Cite this" for papers: BibTeX (bibtexparser), RIS (rispy), CSL-JSON and a one-line citation.

All formats are built from one record so they never disagree. Authors are the paper's people;
a paper with none is authored by its organisations (corporate authors). Names are kept whole:
splitting them into given and family parts would guess wrong for many of the movement's languages.
"""

import json
import re
import unicodedata

from django.http import HttpResponse
from django.utils.http import content_disposition_header

import bibtexparser
import rispy
from bibtexparser.model import Entry, Field
from pylatexenc.latexencode import UnicodeToLatexEncoder

# Special characters (& % $ # _ { } ~ ^ \) and accented letters become LaTeX; other scripts stay UTF-8.
_latex = UnicodeToLatexEncoder(
    unknown_char_policy="keep", unknown_char_warning=False, replacement_latex_protection="braces-almost-all"
)


class _RisWriter(rispy.RisWriter):
    """Plain RIS: no "1." counter line before each record."""

    def set_header(self, count):
        return ""


def citation_record(paper, request):
    people = [person.name for person in paper.author_people]
    organisations = [organisation.title for organisation in paper.publishers]
    return {
        "title": paper.title,
        "people": people,
        "organisations": organisations,
        "authors": people or organisations,
        "date": paper.publication_date,
        "doi": paper.doi,
        "url": paper.get_full_url(request),
        "abstract": paper.abstract,
        "language": paper.language if paper.language != "other" else "",
        "genre": str(paper.get_document_type_display()),
        "is_report": paper.is_report,
        "licence_url": paper.licence_url,
    }


def citation_key(record):
    """`odhiambo2023community`: first author's last name, year, first word of the title, in ASCII."""

    def ascii_word(text, last=False):
        words = re.findall(r"[a-z0-9]+", unicodedata.normalize("NFKD", text).encode("ascii", "ignore").decode().lower())
        if not words:
            return ""
        return words[-1] if last else words[0]

    author = ascii_word(record["authors"][0], last=bool(record["people"])) if record["authors"] else ""
    return f"{author or 'cldhub'}{record['date'].year}{ascii_word(record['title'])}"


def bibtex(record):
    if record["people"]:
        authors = [_latex.unicode_to_latex(name) for name in record["people"]]
    else:
        # Corporate authors go in braces so BibTeX does not split them into first and last names.
        authors = ["{" + _latex.unicode_to_latex(name) + "}" for name in record["organisations"]]
    organisations = " and ".join(record["organisations"])
    fields = [
        ("author", " and ".join(authors)),
        ("title", _latex.unicode_to_latex(record["title"])),
        ("institution" if record["is_report"] else "publisher", _latex.unicode_to_latex(organisations)),
        ("type", _latex.unicode_to_latex(record["genre"])),
        ("year", str(record["date"].year)),
        ("date", record["date"].isoformat()),
        ("doi", _verbatim(record["doi"])),
        ("url", _verbatim(record["url"])),
        ("language", record["language"]),
        ("abstract", _latex.unicode_to_latex(record["abstract"])),
    ]
    entry = Entry(
        "techreport" if record["is_report"] else "misc",
        citation_key(record),
        # bibtexparser writes values between braces unescaped: each value is brace-balanced (LaTeX
        # text escapes { and }, _verbatim drops them) and on one line, so it cannot end its field.
        [Field(key, _one_line(value)) for key, value in fields if value],
    )
    return bibtexparser.write_string(bibtexparser.Library([entry]))


def _one_line(text):
    """RIS values end at the line's end; a BibTeX value is kept on one line too."""
    return " ".join(text.split())


def _verbatim(text):
    """A DOI or URL, which BibTeX takes as is (no LaTeX): without whitespace or braces, the only
    characters that could close its field. validate_doi refuses such DOIs; this covers old records."""
    return re.sub(r"[\s{}\\]", "", text)


def ris(record):
    date = record["date"]
    reference = {
        "type_of_reference": "RPRT" if record["is_report"] else "GEN",
        "title": _one_line(record["title"]),
        "authors": [_one_line(name) for name in record["authors"]],
        "year": str(date.year),
        "date": f"{date:%Y/%m/%d}/",
        "publisher": _one_line("; ".join(record["organisations"])),
        "type_of_work": record["genre"],
        "doi": record["doi"],
        "urls": [record["url"]],
        "abstract": _one_line(record["abstract"]),
        "language": record["language"],
    }
    # Every value on one line (rispy writes values raw): a line break would start a new tag or record.
    reference = {
        key: [_one_line(item) for item in value] if isinstance(value, list) else _one_line(value)
        for key, value in reference.items()
        if value
    }
    return rispy.dumps([reference], implementation=_RisWriter)


def csl_json(record):
    date = record["date"]
    item = {
        "id": citation_key(record),
        "type": "report" if record["is_report"] else "article",
        "title": record["title"],
        "author": [{"literal": name} for name in record["authors"]],
        "publisher": "; ".join(record["organisations"]),
        "issued": {"date-parts": [[date.year, date.month, date.day]]},
        "genre": record["genre"],
        "DOI": record["doi"],
        "URL": record["url"],
        "abstract": record["abstract"],
        "language": record["language"],
        "license": record["licence_url"],
    }
    return [{key: value for key, value in item.items() if value}]


def citation_text(paper, request):
    """A plain one-line citation: "Authors (2023). Title. Organisations. https://doi.org/…"."""
    record = citation_record(paper, request)
    parts = [f"{', '.join(record['authors'])} ({record['date'].year})." if record["authors"] else ""]
    parts.append(f"{record['title']}.")
    if record["people"] and record["organisations"]:
        parts.append(f"{', '.join(record['organisations'])}.")
    parts.append(paper.doi_url or record["url"])
    return " ".join(part for part in parts if part)


def citation_meta_tags(paper, request, attachments=None):
    """(name, content) pairs of the Highwire Press tags that Google Scholar and Zotero read.

    `attachments`: the paper's attachments with their documents, when the caller has them already.
    """
    record = citation_record(paper, request)
    tags = [("citation_title", record["title"])]
    tags += [("citation_author", name) for name in record["authors"]]
    tags.append(("citation_publication_date", f"{record['date']:%Y/%m/%d}"))
    if record["organisations"]:
        tags.append(("citation_publisher", "; ".join(record["organisations"])))
        if record["is_report"]:
            tags.append(("citation_technical_report_institution", "; ".join(record["organisations"])))
    if attachments is None:
        attachments = paper.attachments.select_related("document")
    pdf = next((a.document for a in attachments if a.document.file_extension == "pdf"), None)
    if pdf is not None:
        tags.append(("citation_pdf_url", request.build_absolute_uri(pdf.url)))
    if record["language"]:
        tags.append(("citation_language", record["language"]))
    if record["doi"]:
        tags.append(("citation_doi", record["doi"]))
    tags.append(("citation_abstract_html_url", record["url"]))
    return tags


def _download(content, content_type, filename):
    response = HttpResponse(content, content_type=f"{content_type}; charset=utf-8")
    response["Content-Disposition"] = content_disposition_header(True, filename)
    return response


def bibtex_response(paper, request):
    return _download(bibtex(citation_record(paper, request)), "application/x-bibtex", f"{paper.slug}.bib")


def ris_response(paper, request):
    return _download(ris(citation_record(paper, request)), "application/x-research-info-systems", f"{paper.slug}.ris")


def csl_json_response(paper, request):
    content = json.dumps(csl_json(citation_record(paper, request)), ensure_ascii=False, indent=2)
    return _download(content, "application/vnd.citationstyles.csl+json", f"{paper.slug}.json")
