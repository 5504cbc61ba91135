""" "Cite this": BibTeX, RIS and CSL-JSON of a paper, parsed back with bibtexparser, rispy and json."""

import json

from django.core.files.base import ContentFile

from wagtail.documents import get_document_model

import bibtexparser
import pytest
import rispy
from bibtexparser.middlewares import LatexDecodingMiddleware, SeparateCoAuthors, SplitNameParts
from bs4 import BeautifulSoup

from members.factories import MemberPageFactory
from resources.factories import PaperPageFactory
from resources.models import PaperAttachment

pytestmark = pytest.mark.django_db


def bibtex_entry(response):
    library = bibtexparser.parse_string(response.content.decode())
    assert library.failed_blocks == []
    (entry,) = library.entries
    return entry


def decoded_bibtex_entry(response):
    """The entry with LaTeX turned back into text (for text fields, not URLs)."""
    library = bibtexparser.parse_string(response.content.decode(), append_middleware=[LatexDecodingMiddleware()])
    (entry,) = library.entries
    return entry


def test_bibtex_parses_back_to_the_papers_data(client, tree):
    paper = tree["paper"]
    response = client.get(paper.url + "cite.bib")
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/x-bibtex")
    assert response["Content-Disposition"] == f'attachment; filename="{paper.slug}.bib"'
    entry = bibtex_entry(response)
    fields = {key: field.value for key, field in entry.fields_dict.items()}
    assert entry.entry_type == "misc"
    assert entry.key == "odhiambo2023community"
    assert fields["title"] == "Community scorecards in practice"
    assert fields["author"] == "Amina Odhiambo"
    assert fields["publisher"] == "Village Voices Network"
    assert fields["year"] == "2023"
    assert fields["date"] == "2023-05-04"
    assert fields["doi"] == "10.5555/cldhub.0001"
    assert fields["url"] == paper.get_full_url()


def test_bibtex_escapes_latex_special_characters_and_keeps_accents(client, tree):
    title = "Budgets & scorecards: 50% of #1 wards {Pérez} ~ Ñandú"
    paper = PaperPageFactory(parent=tree["library"], title=title)
    response = client.get(paper.url + "cite.bib")
    raw = response.content.decode()
    assert r"{\&}" in raw
    assert r"{\%}" in raw
    assert decoded_bibtex_entry(response).fields_dict["title"].value == title


def test_report_papers_are_cited_as_reports_with_their_institution(client, tree):
    paper = tree["paper"]
    paper.document_type = "evaluation"
    paper.save_revision().publish()
    entry = bibtex_entry(client.get(paper.url + "cite.bib"))
    assert entry.entry_type == "techreport"
    assert entry.fields_dict["institution"].value == "Village Voices Network"
    assert rispy.loads(client.get(paper.url + "cite.ris").content.decode())[0]["type_of_reference"] == "RPRT"
    assert json.loads(client.get(paper.url + "cite.json").content)[0]["type"] == "report"


def test_paper_without_people_is_authored_by_its_organisations(client, tree):
    paper = PaperPageFactory(parent=tree["library"], title="Charter of the alliance")
    paper.organisations.set([tree["member"]])
    paper.save_revision().publish()
    library = bibtexparser.parse_string(
        client.get(paper.url + "cite.bib").content.decode(), append_middleware=[SeparateCoAuthors(), SplitNameParts()]
    )
    # Braces keep a corporate author whole: BibTeX does not split it into first and last names.
    (author,) = library.entries[0].fields_dict["author"].value
    assert (author.first, author.last) == ([], ["{Village Voices Network}"])
    csl = json.loads(client.get(paper.url + "cite.json").content)[0]
    assert csl["author"] == [{"literal": "Village Voices Network"}]


def test_ris_parses_back_to_the_papers_data(client, tree):
    paper = tree["paper"]
    response = client.get(paper.url + "cite.ris")
    assert response["Content-Type"].startswith("application/x-research-info-systems")
    assert response["Content-Disposition"] == f'attachment; filename="{paper.slug}.ris"'
    (reference,) = rispy.loads(response.content.decode())
    assert reference["type_of_reference"] == "GEN"
    assert reference["title"] == "Community scorecards in practice"
    assert reference["authors"] == ["Amina Odhiambo"]
    assert reference["publisher"] == "Village Voices Network"
    assert reference["year"] == "2023"
    assert reference["doi"] == "10.5555/cldhub.0001"
    assert reference["urls"] == [paper.get_full_url()]


def test_ris_keeps_a_multi_line_abstract_on_one_line(client, tree):
    paper = PaperPageFactory(parent=tree["library"], abstract="First line.\nSecond line.\n\nThird.")
    (reference,) = rispy.loads(client.get(paper.url + "cite.ris").content.decode())
    assert reference["abstract"] == "First line. Second line. Third."


def test_csl_json_gives_the_papers_data(client, tree):
    paper = tree["paper"]
    response = client.get(paper.url + "cite.json")
    assert response["Content-Type"].startswith("application/vnd.citationstyles.csl+json")
    (item,) = json.loads(response.content)
    assert item["type"] == "article"
    assert item["title"] == "Community scorecards in practice"
    assert item["author"] == [{"literal": "Amina Odhiambo"}]
    assert item["publisher"] == "Village Voices Network"
    assert item["issued"] == {"date-parts": [[2023, 5, 4]]}
    assert item["DOI"] == "10.5555/cldhub.0001"
    assert item["URL"] == paper.get_full_url()
    assert item["license"] == "https://creativecommons.org/licenses/by/4.0/"


def test_paper_page_offers_cite_this_with_three_formats(client, tree):
    paper = tree["paper"]
    html = client.get(paper.url).content.decode()
    assert "Cite this" in html
    assert "Amina Odhiambo (2023). Community scorecards in practice. Village Voices Network." in html
    assert "https://doi.org/10.5555/cldhub.0001" in html
    for extension, label in [("bib", "BibTeX (.bib)"), ("ris", "RIS (.ris)"), ("json", "CSL-JSON (.json)")]:
        assert f'<a href="{paper.url}cite.{extension}" download>{label}</a>' in html


def test_draft_papers_have_no_citations(client, tree):
    draft = PaperPageFactory.build(title="Unpublished findings", slug="unpublished-findings", live=False)
    tree["library"].add_child(instance=draft)
    for extension in ("bib", "ris", "json"):
        assert client.get(f"/en/papers/unpublished-findings/cite.{extension}").status_code == 404


def test_citations_leave_out_private_metadata_and_unpublished_organisations(client, tree):
    paper = tree["paper"]
    hidden = MemberPageFactory(parent=tree["member_index"], title="Unpublished partner", live=False)
    paper.organisations.set([tree["member"], hidden])
    paper.private_metadata = {"focal_point": "focal-point@example.org"}
    paper.save_revision().publish()
    for extension in ("bib", "ris", "json"):
        content = client.get(paper.url + f"cite.{extension}").content.decode()
        assert "Village Voices Network" in content
        assert "Unpublished partner" not in content
        assert "focal-point@example.org" not in content


def citation_meta(response):
    """{name: [content, ...]} of the page's citation_* meta tags."""
    tags = {}
    for meta in BeautifulSoup(response.content, "html.parser").head.find_all("meta"):
        if meta.get("name", "").startswith("citation_"):
            tags.setdefault(meta["name"], []).append(meta["content"])
    return tags


def test_paper_page_carries_the_citation_meta_tags_scholar_and_zotero_read(client, tree):
    paper = tree["paper"]
    pdf = get_document_model().objects.create(
        title="Full text", file=ContentFile(b"%PDF-1.4 paper\n%%EOF\n", name="scorecards.pdf")
    )
    paper.attachments.add(PaperAttachment(document=pdf))
    paper.save_revision().publish()
    tags = citation_meta(client.get(paper.url))
    assert tags["citation_title"] == ["Community scorecards in practice"]
    assert tags["citation_author"] == ["Amina Odhiambo"]
    assert tags["citation_publication_date"] == ["2023/05/04"]
    assert tags["citation_publisher"] == ["Village Voices Network"]
    assert tags["citation_language"] == ["en"]
    assert tags["citation_doi"] == ["10.5555/cldhub.0001"]
    assert tags["citation_pdf_url"] == [f"http://testserver{pdf.url}"]
    assert tags["citation_abstract_html_url"] == [paper.get_full_url()]


def test_citation_meta_tags_name_organisations_when_no_person_wrote_it(client, tree):
    paper = PaperPageFactory(parent=tree["library"], doi="", language="other")
    paper.organisations.set([tree["member"], MemberPageFactory(parent=tree["member_index"], title="Open Budgets")])
    paper.save_revision().publish()
    tags = citation_meta(client.get(paper.url))
    assert tags["citation_author"] == ["Open Budgets", "Village Voices Network"]
    for absent in ("citation_doi", "citation_pdf_url", "citation_language"):
        assert absent not in tags
