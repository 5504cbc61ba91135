"""OAI-PMH at /oai/: every verb and error, paging, deleted records, read back and schema-validated."""

import datetime
import pathlib
from urllib.parse import urlencode

from django.core import signing
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.utils import timezone

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from lxml import etree

from hub.base.factories import ThemeFactory
from members.factories import MemberPageFactory
from resources.factories import PaperPageFactory
from resources.models import PaperAuthor, PaperWithdrawal

pytestmark = pytest.mark.django_db

OAI = "{http://www.openarchives.org/OAI/2.0/}"
DC = "{http://purl.org/dc/elements/1.1/}"
SCHEMA = etree.XMLSchema(etree.parse(str(pathlib.Path(__file__).parent / "schemas" / "oai-pmh-with-oai_dc.xsd")))


def oai(client, method="get", **params):
    """The response to an OAI-PMH request, checked against the OAI-PMH and oai_dc schemas."""
    response = getattr(client, method)("/oai/", params)
    assert response.status_code == 200
    assert response["Content-Type"] == "text/xml; charset=utf-8"
    document = etree.fromstring(response.content)
    SCHEMA.assertValid(document)
    return document


def error_code(document):
    (error,) = document.findall(f"{OAI}error")
    return error.get("code")


def identifiers(document, verb="ListIdentifiers"):
    headers = document.iter(f"{OAI}header")
    return [(header.findtext(f"{OAI}identifier"), header.get("status")) for header in headers]


def paper_identifier(paper):
    return f"oai:testserver:paper/{paper.pk}"


def publish(paper):
    paper.save_revision().publish()
    return paper


def harvest(client, verb="ListIdentifiers", **params):
    """Every header of a list, following resumption tokens; and the number of requests."""
    document = oai(client, verb=verb, metadataPrefix="oai_dc", **params)
    found, requests = identifiers(document), 1
    while (token := document.find(f"{OAI}{verb}/{OAI}resumptionToken")) is not None and token.text:
        document = oai(client, verb=verb, resumptionToken=token.text)
        found += identifiers(document)
        requests += 1
    return found, requests


def test_identify_describes_the_repository(client, tree):
    tree["paper"].refresh_from_db()
    document = oai(client, verb="Identify")
    identify = document.find(f"{OAI}Identify")
    assert identify.findtext(f"{OAI}baseURL") == "http://testserver/oai/"
    assert identify.findtext(f"{OAI}protocolVersion") == "2.0"
    assert identify.findtext(f"{OAI}deletedRecord") == "transient"
    assert identify.findtext(f"{OAI}granularity") == "YYYY-MM-DDThh:mm:ssZ"
    earliest = tree["paper"].last_published_at.astimezone(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")
    assert identify.findtext(f"{OAI}earliestDatestamp") == earliest
    assert document.find(f"{OAI}request").get("verb") == "Identify"


def test_post_is_answered_like_get(client, tree):
    document = oai(
        client, method="post", verb="GetRecord", identifier=paper_identifier(tree["paper"]), metadataPrefix="oai_dc"
    )
    assert document.find(f".//{DC}title").text == "Community scorecards in practice"


def test_list_metadata_formats_offers_oai_dc(client, tree):
    for params in ({}, {"identifier": paper_identifier(tree["paper"])}):
        document = oai(client, verb="ListMetadataFormats", **params)
        assert [prefix.text for prefix in document.iter(f"{OAI}metadataPrefix")] == ["oai_dc"]


def test_list_sets_has_types_themes_and_organisations(client, tree):
    document = oai(client, verb="ListSets")
    specs = [spec.text for spec in document.iter(f"{OAI}setSpec")]
    assert {"type", "type:methodology", "type:case-study", "theme", "theme:local-governance", "org"} <= set(specs)
    assert f"org:{tree['member'].slug}" in specs


def test_get_record_gives_dublin_core(client, tree):
    paper = tree["paper"]
    document = oai(client, verb="GetRecord", identifier=paper_identifier(paper), metadataPrefix="oai_dc")
    header = document.find(f".//{OAI}header")
    assert header.findtext(f"{OAI}identifier") == paper_identifier(paper)
    sets = [spec.text for spec in header.findall(f"{OAI}setSpec")]
    assert sets == ["type:methodology", "theme:local-governance", f"org:{tree['member'].slug}"]
    dc = {}
    for element in document.find(f".//{OAI}metadata")[0]:
        dc.setdefault(element.tag.removeprefix(DC), []).append(element.text)
    assert dc["title"] == ["Community scorecards in practice"]
    assert dc["creator"] == ["Amina Odhiambo"]
    assert dc["publisher"] == ["Village Voices Network"]
    assert dc["date"] == ["2023-05-04"]
    assert dc["language"] == ["en"]
    assert dc["identifier"] == [paper.get_full_url(), "https://doi.org/10.5555/cldhub.0001"]
    assert "Local governance" in dc["subject"]
    assert dc["rights"] == ["https://creativecommons.org/licenses/by/4.0/"]


def test_list_records_and_identifiers_list_live_papers_only(client, tree):
    draft = PaperPageFactory(parent=tree["library"], live=False)
    for verb in ("ListRecords", "ListIdentifiers"):
        found, _requests = harvest(client, verb)
        assert found == [(paper_identifier(tree["paper"]), None)]
        assert paper_identifier(draft) not in dict(found)


def test_sets_select_records(client, tree):
    other_theme = ThemeFactory(slug="water")
    report = publish(PaperPageFactory(parent=tree["library"], document_type="evaluation"))
    report.themes.set([other_theme])
    publish(report)
    paper = paper_identifier(tree["paper"])
    cases = {
        "type:evaluation": [paper_identifier(report)],
        "type:methodology": [paper],
        "type": [paper, paper_identifier(report)],
        "theme:water": [paper_identifier(report)],
        "theme": [paper, paper_identifier(report)],
        f"org:{tree['member'].slug}": [paper],
    }
    for spec, expected in cases.items():
        found, _requests = harvest(client, set=spec)
        assert [identifier for identifier, _status in found] == expected, spec


def test_paging_through_resumption_tokens_returns_every_live_paper_once(client, tree, settings):
    settings.OAI_PAGE_SIZE = 3
    papers = [publish(PaperPageFactory(parent=tree["library"])) for _ in range(7)]
    withdrawn = papers.pop()
    withdrawn.unpublish()
    found, requests = harvest(client, "ListRecords")
    live = [paper_identifier(paper) for paper in [tree["paper"], *papers]]
    assert sorted(identifier for identifier, status in found if status is None) == sorted(live)
    assert [identifier for identifier, status in found if status == "deleted"] == [paper_identifier(withdrawn)]
    assert len(found) == len(set(found)) == 8
    assert requests == 3


def test_last_page_ends_with_an_empty_token_and_cursor(client, tree, settings):
    settings.OAI_PAGE_SIZE = 1
    publish(PaperPageFactory(parent=tree["library"]))
    first = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    token = first.find(f"{OAI}ListIdentifiers/{OAI}resumptionToken")
    assert token.get("cursor") == "0"
    last = oai(client, verb="ListIdentifiers", resumptionToken=token.text)
    end = last.find(f"{OAI}ListIdentifiers/{OAI}resumptionToken")
    assert (end.text, end.get("cursor")) == (None, "1")


def test_paper_unpublished_after_a_harvest_is_deleted_in_the_next_one(client, tree):
    paper = tree["paper"]
    first = oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc")
    harvested_at = first.findtext(f"{OAI}responseDate")
    assert identifiers(first) == [(paper_identifier(paper), None)]
    paper.unpublish()
    found, _requests = harvest(client, **{"from": harvested_at})
    assert found == [(paper_identifier(paper), "deleted")]
    record = oai(client, verb="GetRecord", identifier=paper_identifier(paper), metadataPrefix="oai_dc")
    assert record.find(f".//{OAI}header").get("status") == "deleted"
    assert record.find(f".//{OAI}metadata") is None
    # Published again, it is a live record once more.
    publish(paper)
    assert harvest(client, **{"from": harvested_at})[0] == [(paper_identifier(paper), None)]


def test_deleted_paper_is_reported_in_its_sets(client, tree):
    paper = tree["paper"]
    identifier = paper_identifier(paper)
    paper.delete()
    withdrawal = PaperWithdrawal.objects.get()
    assert withdrawal.reason == "deleted"
    assert harvest(client, set="theme:local-governance")[0] == [(identifier, "deleted")]
    assert harvest(client, set="theme")[0] == [(identifier, "deleted")]
    assert error_code(oai(client, verb="ListIdentifiers", metadataPrefix="oai_dc", set="type:evaluation")) == (
        "noRecordsMatch"
    )


def test_from_and_until_select_by_last_publication(client, tree):
    paper = tree["paper"]
    paper.refresh_from_db()
    day = paper.last_published_at.astimezone(datetime.UTC).date()
    before, after = (day - datetime.timedelta(days=1)).isoformat(), (day + datetime.timedelta(days=1)).isoformat()
    identifier = paper_identifier(paper)
    assert harvest(client, **{"from": day.isoformat(), "until": day.isoformat()})[0] == [(identifier, None)]
    assert harvest(client, **{"from": f"{before}T00:00:00Z"})[0] == [(identifier, None)]
    for params in ({"from": after}, {"until": before}):
        assert error_code(oai(client, verb="ListRecords", metadataPrefix="oai_dc", **params)) == "noRecordsMatch"


@pytest.mark.parametrize(
    ("params", "code"),
    [
        ({}, "badVerb"),
        ({"verb": "Dance"}, "badVerb"),
        ({"verb": "GetMetadata"}, "badVerb"),
        ({"verb": ["Identify", "Identify"]}, "badVerb"),
        ({"verb": "Identify", "extra": "1"}, "badArgument"),
        ({"verb": "ListRecords"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": ["oai_dc", "oai_dc"]}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2023-13-45"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "yesterday"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2023-01-01T00:00:00"}, "badArgument"),
        (
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2023-01-01", "until": "2024-01-01T00:00:00Z"},
            "badArgument",
        ),
        (
            {"verb": "ListRecords", "metadataPrefix": "oai_dc", "from": "2024-01-01", "until": "2023-01-01"},
            "badArgument",
        ),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "resumptionToken": "x"}, "badArgument"),
        ({"verb": "GetRecord", "metadataPrefix": "oai_dc"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "marc21"}, "cannotDisseminateFormat"),
        ({"verb": "ListIdentifiers", "metadataPrefix": "marc21"}, "cannotDisseminateFormat"),
        ({"verb": "GetRecord", "identifier": "PAPER", "metadataPrefix": "marc21"}, "cannotDisseminateFormat"),
        (
            {"verb": "GetRecord", "identifier": "oai:testserver:paper/999999", "metadataPrefix": "oai_dc"},
            "idDoesNotExist",
        ),
        ({"verb": "GetRecord", "identifier": "oai:elsewhere:paper/1", "metadataPrefix": "oai_dc"}, "idDoesNotExist"),
        ({"verb": "ListMetadataFormats", "identifier": "oai:testserver:paper/999999"}, "idDoesNotExist"),
        ({"verb": "ListRecords", "resumptionToken": "made-up"}, "badResumptionToken"),
        ({"verb": "ListSets", "resumptionToken": "made-up"}, "badResumptionToken"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "type:no-such-type"}, "noRecordsMatch"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "region:africa"}, "noRecordsMatch"),
        ({"verb": "ListRecords", "metadataPrefix": "oai\x01dc"}, "badArgument"),
        ({"verb": "GetRecord", "identifier": "oai:\x0bx", "metadataPrefix": "oai_dc"}, "badArgument"),
        ({"verb": "ListRecords", "metadataPrefix": "oai_dc", "set": "type:\x1f"}, "badArgument"),
    ],
)
def test_errors_are_answered_as_the_protocol_says(client, tree, params, code):
    params = {
        key: value.replace("PAPER", paper_identifier(tree["paper"])) if isinstance(value, str) else value
        for key, value in params.items()
    }
    document = oai(client, **params)
    assert error_code(document) == code
    if code in ("badVerb", "badArgument"):
        # The request is echoed without arguments when they were not valid (spec 3.2).
        assert dict(document.find(f"{OAI}request").attrib) == {}


@settings(max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture])
@given(
    params=st.lists(
        st.tuples(
            st.sampled_from(["verb", "metadataPrefix", "identifier", "from", "until", "set", "resumptionToken", "zzz"]),
            st.one_of(
                st.sampled_from(["ListRecords", "GetRecord", "ListSets", "Identify", "oai_dc", "type:methodology"]),
                st.text(max_size=30),
            ),
        ),
        max_size=5,
    )
)
def test_no_input_makes_the_endpoint_fail_or_leave_the_protocol(client, tree, params):
    for response in (
        client.get("/oai/", params),
        client.post("/oai/", urlencode(params), content_type="application/x-www-form-urlencoded"),
    ):
        assert response.status_code == 200
        SCHEMA.assertValid(etree.fromstring(response.content))


def test_tampered_or_foreign_resumption_tokens_are_refused(client, tree, settings):
    settings.OAI_PAGE_SIZE = 1
    publish(PaperPageFactory(parent=tree["library"]))
    token = oai(client, verb="ListRecords", metadataPrefix="oai_dc").find(f".//{OAI}resumptionToken").text
    assert error_code(oai(client, verb="ListRecords", resumptionToken=token[:-2] + "xx")) == "badResumptionToken"
    # A ListRecords token is not one for ListIdentifiers.
    assert error_code(oai(client, verb="ListIdentifiers", resumptionToken=token)) == "badResumptionToken"
    forged = signing.dumps({"verb": "ListRecords", "query": {}, "after": ["live", 0], "cursor": 0}, salt="other")
    assert error_code(oai(client, verb="ListRecords", resumptionToken=forged)) == "badResumptionToken"


def test_other_http_methods_are_not_allowed(client):
    assert client.put("/oai/").status_code == 405


def test_list_records_query_count_does_not_grow_with_page_size(client, tree, settings, django_assert_max_num_queries):
    settings.OAI_PAGE_SIZE = 100
    params = {"verb": "ListRecords", "metadataPrefix": "oai_dc"}
    client.get("/oai/", params)  # warm the site-root cache, as any earlier request would
    with CaptureQueriesContext(connection) as one:
        client.get("/oai/", params)
    for _ in range(10):
        paper = PaperPageFactory(parent=tree["library"])
        paper.organisations.set([tree["member"], MemberPageFactory(parent=tree["member_index"])])
        paper.themes.set([tree["theme"]])
        paper.authors.add(PaperAuthor(person=tree["person"]))
        publish(paper)
    PaperWithdrawal.objects.create(page_id=999999, withdrawn_at=timezone.now(), reason="deleted")
    # Papers (with locale), view restrictions, themes, methods, authors and people, publishers
    # (and their view restrictions), then withdrawals.
    with django_assert_max_num_queries(len(one)):
        document = oai(client, **params)
    assert len(one) <= 10
    assert len(document.findall(f".//{OAI}record")) == 12
