"""What editors type never breaks out of its field in the files and API the hub serves (issue 24).

Citation files (BibTeX, RIS), calendars (iCalendar) and the API: a value with line breaks or
braces stays one value, and a past event's joining link is hidden everywhere alike.
"""

from django.core.exceptions import ValidationError

import bibtexparser
import pytest
import rispy

pytestmark = pytest.mark.django_db

INJECTED_DOI = "10.1/x}, note = {INJECTED}, x={\nTY  - JOUR"


def store(paper, **values):
    """Write values as an import or an old record might hold them, past the form's validation."""
    type(paper).objects.filter(pk=paper.pk).update(**values)


@pytest.mark.parametrize(
    "doi",
    [INJECTED_DOI, "10.1/x y", "10.1/x\ty", "11.1/x", "10./x", "10.1/", "doi:10.1/x", "10.1/x\x00"],
)
def test_a_doi_that_is_not_of_the_form_10_registrant_suffix_is_refused_at_save(tree, doi):
    paper = tree["paper"]
    paper.doi = doi
    with pytest.raises(ValidationError) as error:
        paper.full_clean()
    assert "doi" in error.value.message_dict


@pytest.mark.parametrize(
    "doi", ["10.5555/cldhub.0001", "10.1000/182", "10.1002/(SICI)1097-4571(199806)49:8<693::AID>3.0.CO;2-O"]
)
def test_real_dois_are_accepted(tree, doi):
    paper = tree["paper"]
    paper.doi = doi
    paper.full_clean()


def test_a_stored_doi_with_braces_and_a_new_line_injects_nothing_into_bibtex(client, tree):
    paper = tree["paper"]
    store(paper, doi=INJECTED_DOI, title="Line one\r\nTY  - JOUR\r\n@misc{evil,")
    content = client.get(paper.url + "cite.bib").content.decode()
    library = bibtexparser.parse_string(content)
    assert library.failed_blocks == []
    (entry,) = library.entries
    assert "note" not in entry.fields_dict
    assert "x" not in entry.fields_dict
    assert "\r" not in content


def test_a_stored_doi_or_title_with_a_new_line_adds_no_ris_record(client, tree):
    paper = tree["paper"]
    store(paper, doi=INJECTED_DOI, title="Line one\rTY  - JOUR\nER  - ")
    content = client.get(paper.url + "cite.ris").content.decode()
    (record,) = rispy.loads(content)
    assert content.count("TY  - ") == 1
    assert "\r" not in content.replace("\r\n", "")


@pytest.mark.parametrize("title", ["Webinar\rX-INJECTED:1", "Webinar\nX-INJECTED:1", "Webinar\r\nBEGIN:VEVENT"])
def test_an_event_title_with_line_breaks_stays_inside_its_calendar_fields(client, tree, title):
    event = tree["event"]
    event.title = title
    event.save_revision().publish()
    response = client.get(event.url + "event.ics")
    assert response.status_code == 200
    lines = response.content.decode().split("\r\n")
    assert all("\r" not in line and "\n" not in line for line in lines)
    assert not any(line.startswith(("X-INJECTED", "BEGIN:VEVENT\\")) for line in lines)
    assert [line for line in lines if line == "BEGIN:VEVENT"] == ["BEGIN:VEVENT"]


def test_the_api_hides_a_past_events_joining_link_as_the_page_does(client, tree):
    past, upcoming = tree["past_event"], tree["event"]
    for event in (past, upcoming):
        event.online_url = "https://example.org/join-secret"
        event.save_revision().publish()
    assert "join-secret" not in client.get(past.url).content.decode()
    assert client.get(f"/api/v2/pages/{past.pk}/").json()["online_url"] == ""
    assert client.get(f"/api/v2/pages/{upcoming.pk}/").json()["online_url"] == "https://example.org/join-secret"
