"""The crosswalk, a member's "how we say it" row and the SKOS vocabulary, checked against the glossary."""

from django.conf import settings
from django.utils import translation

from wagtail.models import Locale, PageViewRestriction

import pytest
from bs4 import BeautifulSoup
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from hub.base.translate import translate_page
from members.factories import MemberPageFactory
from resources.factories import GlossaryTermPageFactory
from resources.models import GlossaryTermPage, GlossaryVariant

pytestmark = pytest.mark.django_db


@pytest.fixture(autouse=True)
def _default_language_afterwards():
    """Requests to /fr/ leave French active in this thread; later tests expect the default."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


@pytest.fixture
def glossary(tree):
    """Two organisations with in-house labels for two of three terms."""
    other = MemberPageFactory(parent=tree["member_index"], title="Asociación Andina", slug="asociacion-andina")
    term, related = tree["term"], tree["related_term"]
    term.variants.add(GlossaryVariant(label="Planificación comunal", organisation=other, language="es"))
    term.save_revision().publish()
    related.variants.add(GlossaryVariant(label="Gobierno local propio", organisation=other, language="es"))
    related.variants.add(GlossaryVariant(label="Self-rule", language="en"))
    related.save_revision().publish()
    plain = GlossaryTermPageFactory(parent=tree["glossary"], title="Asset mapping")
    return {**tree, "other": other, "plain": plain}


def crosswalk_url(glossary):
    return glossary["glossary"].url + "crosswalk/"


def table_of(html):
    """The crosswalk as {row header: [cell texts]}, plus the column headers."""
    table = BeautifulSoup(html, "html.parser").select_one(".crosswalk table")
    if table is None:
        return [], {}
    columns = [th.get_text(strip=True) for th in table.select("thead th")]
    rows = {
        tr.th.get_text(strip=True): [td.get_text(" ", strip=True) for td in tr.find_all("td")]
        for tr in table.select("tbody tr")
    }
    return columns, rows


def test_the_crosswalk_shows_each_organisations_label_for_each_term(client, glossary, django_assert_max_num_queries):
    client.get(crosswalk_url(glossary))
    with django_assert_max_num_queries(26):
        response = client.get(crosswalk_url(glossary))
    assert response.status_code == 200
    columns, rows = table_of(response.content.decode())
    assert columns == ["Shared term", "Asociación Andina", "Village Voices Network"]
    assert rows == {
        "Asset mapping": ["– no in-house label", "– no in-house label"],
        "Local self-government": ["Gobierno local propio", "– no in-house label"],
        "Participatory planning": ["Planificación comunal", "Village visioning"],
    }
    html = response.content.decode()
    assert "<caption" in html and 'scope="row"' in html
    assert '<span lang="es">Planificación comunal</span>' in html
    # The same queries whatever the number of terms and organisations.
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as before:
        client.get(crosswalk_url(glossary))
    for n in range(5):
        extra = MemberPageFactory(parent=glossary["member_index"], title=f"Extra {n}", slug=f"extra-{n}")
        term = GlossaryTermPageFactory(parent=glossary["glossary"], title=f"Extra term {n}")
        term.variants.add(GlossaryVariant(label=f"Label {n}", organisation=extra, language="en"))
        term.save_revision().publish()
    with CaptureQueriesContext(connection) as after:
        client.get(crosswalk_url(glossary))
    assert len(after) == len(before)


@pytest.mark.parametrize("value", ["village-voices-network", "id"])
def test_the_crosswalk_filters_by_organisation_slug_or_id(client, glossary, value):
    member = glossary["member"]
    value = str(member.pk) if value == "id" else member.slug
    columns, rows = table_of(client.get(crosswalk_url(glossary), {"organisation": value}).content.decode())
    assert columns == ["Shared term", "Village Voices Network"]
    assert rows == {"Participatory planning": ["Village visioning"]}


def test_the_crosswalk_filters_by_theme(client, glossary):
    columns, rows = table_of(client.get(crosswalk_url(glossary), {"theme": "local-governance"}).content.decode())
    assert list(rows) == ["Participatory planning"]


@pytest.mark.parametrize(
    "params, message",
    [
        ({"organisation": "nobody"}, "There is no member organisation “nobody”."),
        ({"organisation": "99999999999999999999"}, "There is no member organisation"),
        ({"theme": "astrology"}, "There is no theme “astrology”."),
        ({"theme": ["local-governance", "health"]}, "Give “theme” once only."),
    ],
)
def test_unknown_crosswalk_filters_answer_400_with_a_message(client, glossary, params, message):
    response = client.get(crosswalk_url(glossary), params)
    assert response.status_code == 400
    assert message in response.content.decode()
    assert '<meta name="robots" content="noindex">' in response.content.decode()


def test_a_member_page_shows_its_own_crosswalk_row(client, glossary, django_assert_max_num_queries):
    member = glossary["other"]
    member.save_revision().publish()
    client.get(member.url)
    with django_assert_max_num_queries(30):
        html = client.get(member.url).content.decode()
    section = BeautifulSoup(html, "html.parser").select_one(".how-we-say-it")
    rows = [(tr.th.get_text(strip=True), tr.a.get_text(), tr.a["href"]) for tr in section.select("tbody tr")]
    assert rows == [
        ("Gobierno local propio", "Local self-government", glossary["related_term"].url),
        ("Planificación comunal", "Participatory planning", glossary["term"].url),
    ]
    # An organisation without labels shows no empty section.
    lonely = MemberPageFactory(parent=glossary["member_index"], title="Lonely", slug="lonely")
    assert "how-we-say-it" not in client.get(lonely.url).content.decode()


def test_the_glossary_index_links_to_the_crosswalk_and_the_vocabulary(client, glossary):
    html = client.get(glossary["glossary"].url).content.decode()
    base = glossary["glossary"].url
    assert f'href="{base}crosswalk/"' in html
    assert f'<link rel="alternate" type="text/turtle" href="{base}skos.ttl"' in html
    assert f'<link rel="alternate" type="application/ld+json" href="{base}skos.jsonld"' in html


# --- SKOS ------------------------------------------------------------------------------


def _translate_term_to_french(glossary, django_capture_on_commit_callbacks):
    french = Locale.objects.get(language_code="fr")
    for page, values in [
        (glossary["home"], {"title": "Plateforme"}),
        (glossary["glossary"], {"title": "Glossaire"}),
        (glossary["term"], {"title": "Planification participative", "short_definition": "Décider ensemble."}),
    ]:
        with django_capture_on_commit_callbacks(execute=True):
            translate_page(page, french, values)
    return GlossaryTermPage.objects.get(translation_key=glossary["term"].translation_key, locale=french)


def test_skos_turtle_parses_back_to_the_glossary(client, glossary, django_capture_on_commit_callbacks):
    _translate_term_to_french(glossary, django_capture_on_commit_callbacks)
    response = client.get(glossary["glossary"].url + "skos.ttl")
    assert response.status_code == 200
    assert response["Content-Type"] == "text/turtle; charset=utf-8"
    graph = Graph().parse(data=response.content.decode(), format="turtle")

    scheme = URIRef(glossary["glossary"].full_url)
    assert (scheme, RDF.type, SKOS.ConceptScheme) in graph
    assert set(graph.objects(scheme, SKOS.prefLabel)) == {
        Literal("Glossary", lang="en"),
        Literal("Glossaire", lang="fr"),
    }
    concepts = set(graph.subjects(SKOS.inScheme, scheme))  # the taxonomy schemes hold the other concepts
    live_terms = GlossaryTermPage.objects.live().filter(locale__language_code="en")
    assert concepts == {URIRef(f"{scheme}concept/{term.translation_key}/") for term in live_terms}

    term = glossary["term"]
    concept = URIRef(f"{scheme}concept/{term.translation_key}/")
    assert set(graph.objects(concept, SKOS.prefLabel)) == {
        Literal("Participatory planning", lang="en"),
        Literal("Planification participative", lang="fr"),
    }
    assert Literal("Décider ensemble.", lang="fr") in set(graph.objects(concept, SKOS.definition))
    assert Literal(term.short_definition, lang="en") in set(graph.objects(concept, SKOS.definition))
    assert set(graph.objects(concept, SKOS.altLabel)) == {
        Literal("Village visioning", lang="en"),
        Literal("Planificación comunal", lang="es"),
    }
    related = URIRef(f"{scheme}concept/{glossary['related_term'].translation_key}/")
    assert set(graph.objects(concept, SKOS.related)) == {related}
    assert all((c, SKOS.inScheme, scheme) in graph for c in concepts)


def test_skos_json_ld_holds_the_same_graph_as_turtle(client, glossary):
    base = glossary["glossary"].url
    response = client.get(base + "skos.jsonld")
    assert response["Content-Type"] == "application/ld+json; charset=utf-8"
    from_json = Graph().parse(data=response.content.decode(), format="json-ld")
    from_turtle = Graph().parse(data=client.get(base + "skos.ttl").content.decode(), format="turtle")
    assert len(from_json) > 10
    assert set(from_json) == set(from_turtle)


def test_skos_follows_glossary_edits_and_concept_uris_lead_to_the_term(client, glossary):
    base = glossary["glossary"].url
    client.get(base + "skos.ttl")
    glossary["plain"].unpublish()
    graph = Graph().parse(data=client.get(base + "skos.ttl").content.decode(), format="turtle")
    assert Literal("Asset mapping", lang="en") not in set(graph.objects(None, SKOS.prefLabel))

    concept = f"{base}concept/{glossary['term'].translation_key}/"
    response = client.get(concept)
    assert response.status_code == 303
    assert response["Location"] == glossary["term"].url
    assert client.get(f"{base}concept/00000000-0000-0000-0000-000000000000/").status_code == 404


def hide(page, how):
    if how == "unpublished":
        page.unpublish()
    else:
        PageViewRestriction.objects.create(page=page, restriction_type=PageViewRestriction.PASSWORD, password="pw")


@pytest.mark.parametrize("how", ["unpublished", "private"])
def test_a_term_names_only_live_public_organisations(client, tree, how):
    """A row naming an organisation whose page is not live and public would name it and link to a 404."""
    hide(tree["member"], how)
    content = client.get(tree["term"].url).content.decode()
    assert "Village visioning" not in content
    assert "Village Voices Network" not in content


def test_a_term_preview_names_only_live_public_organisations(tree):
    """In a preview the variants are held in memory; the database still decides which organisations show."""
    tree["term"].save_revision()
    hide(tree["member"], "private")
    preview = GlossaryTermPage.objects.get(pk=tree["term"].pk).get_latest_revision_as_object()
    assert [v.label for v in preview.variant_list] == []
    PageViewRestriction.objects.all().delete()
    preview = GlossaryTermPage.objects.get(pk=tree["term"].pk).get_latest_revision_as_object()
    assert [v.label for v in preview.variant_list] == ["Village visioning"]
