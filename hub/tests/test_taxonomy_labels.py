"""Alternative labels and matching: one shared vocabulary however members spell it."""

import io

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import call_command

import pytest
from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import SKOS

from hub.base.factories import DataSourceFactory, MethodFactory, ThemeFactory
from hub.base.models import DataSource, Method, Theme
from hub.base.taxonomy_matching import ALT_LABEL, CLOSE, NAME, VARIANT, Matcher, duplicate_pairs, variant_key
from hub.base.testing import refresh_search_engine
from members import roles
from resources.factories import PaperIndexPageFactory
from resources.models import PaperPage

# Each test builds the tree it asks for (conftest.py, "the test site"):
# its import and duplicates tests build taxonomy and indexes of their own.
SHARED_TREE = False

API = "/en/search/api/"


@pytest.mark.parametrize(
    ("one", "other"),
    [
        ("System Thinking", "Systems thinking"),
        ("Behavioral Insights", "Behavioural insights"),
        ("Organization design", "organisation-design"),
        ("Data analyzing", "data analysing"),
        ("Neighbourhood centres", "Neighborhood center"),
        ("Co-creation", "cocreation"),
        ("Programme evaluation", "Program evaluations"),
    ],
)
def test_spelling_variants_share_a_key(one, other):
    assert variant_key(one) == variant_key(other)


@pytest.mark.parametrize(("one", "other"), [("Ethnography", "Demography"), ("Health", "Wealth")])
def test_different_words_do_not(one, other):
    assert variant_key(one) != variant_key(other)


class Record:
    def __init__(self, pk, name, slug, alt_labels="", needs_review=False):
        self.pk, self.name, self.slug, self.alt_labels, self.needs_review = pk, name, slug, alt_labels, needs_review

    @property
    def alt_label_list(self):
        return [line for line in self.alt_labels.splitlines() if line]

    @property
    def labels(self):
        return [self.name, *self.alt_label_list]


RECORDS = [
    Record(1, "Systems thinking", "systems-thinking"),
    Record(2, "Behavioural insights", "behavioural-insights"),
    Record(3, "Co-creation and participatory design", "co-creation", "Participatory design\nCo-design"),
    Record(4, "Ethnography", "ethnography"),
]


@pytest.mark.parametrize(
    ("value", "pk", "how"),
    [
        ("systems THINKING.", 1, NAME),
        ("co-creation", 3, "slug"),
        ("System Thinking", 1, VARIANT),
        ("Behavioral Insights", 2, VARIANT),
        ("Participatory Design", 3, ALT_LABEL),
        ("Etnography", 4, CLOSE),
        ("Systems thinkin", 1, CLOSE),
    ],
)
def test_a_value_matches_by_name_slug_label_spelling_or_a_close_miss(value, pk, how):
    match = Matcher(RECORDS).match(value)
    assert (match.record.pk, match.how) == (pk, how)


@pytest.mark.parametrize("value", ["Future Analysis", "Proof of concept", "Ethno", ""])
def test_a_value_with_no_plausible_match_matches_nothing(value):
    assert Matcher(RECORDS).match(value) is None


def test_duplicate_pairs_put_records_to_review_first_and_keep_the_reviewed_one():
    records = [
        *RECORDS,
        Record(5, "Ethnografy", "ethnografy"),
        Record(6, "Behavioral insights", "behavioral-insights", needs_review=True),
    ]
    pairs = [(a.pk, b.pk, how) for a, b, how in duplicate_pairs(records)]
    assert pairs == [(6, 2, VARIANT), (5, 4, CLOSE)]


# --- importer ------------------------------------------------------------------------------


@pytest.mark.django_db
def test_the_sample_plan_files_its_methods_under_the_hubs_records_and_says_how(home, shared_sample):
    PaperIndexPageFactory(parent=home)
    systems = MethodFactory(name="Systems thinking", slug="systems-thinking")
    behavioural = MethodFactory(name="Behavioural insights", slug="behavioural-insights")
    co_creation = MethodFactory(
        name="Co-creation and participatory design", slug="co-creation-design", alt_labels="Participatory design"
    )
    ethnography = MethodFactory(name="Ethnographies", slug="ethnography-studies")
    positive = MethodFactory(name="Positive devience", slug="positive-devience")
    DataSourceFactory(name="Ethnographic data", slug="ethnographic-data")
    methods_before = Method.objects.count()

    out = io.StringIO()
    call_command(
        "import_papers", str(shared_sample("learning-plan-kyrgyzstan-2021.md")), stdout=out, stderr=io.StringIO()
    )

    page = PaperPage.objects.get()
    chosen = set(page.methods.all())
    assert {systems, behavioural, co_creation, ethnography, positive} <= chosen
    text = out.getvalue()
    assert "'System Thinking' → 'Systems thinking' (spelling variant)" in text
    assert "'Behavioral Insights' → 'Behavioural insights' (spelling variant)" in text
    assert "'Participatory Design' → 'Co-creation and participatory design' (alternative label" in text
    # A close miss is taken, with a warning naming both.
    assert "method 'Positive Deviance' is not known; read as the close match 'Positive devience'" in text
    # Only values with no plausible match are new, and wait for review.
    new = set(Method.objects.filter(needs_review=True).values_list("name", flat=True))
    assert {"Future Analysis", "Proof of concept"} <= new
    assert not new & {"System Thinking", "Behavioral Insights", "Participatory Design", "Positive Deviance"}
    assert Method.objects.count() == methods_before + len(new)
    assert "new, to review:" in text and "method 'Future Analysis'" in text
    assert DataSource.objects.filter(needs_review=True).count() == 2  # socioeconomic data, user journeys


# --- search, SKOS, admin -------------------------------------------------------------------------


@pytest.mark.django_db
def test_an_alternative_label_finds_the_pages_filed_under_the_record(client, tree, django_capture_on_commit_callbacks):
    theme = tree["theme"]
    assert client.get(API, {"q": "self rule councils"}).json()["count"] == 0
    with django_capture_on_commit_callbacks(execute=True):
        theme.alt_labels = "Self rule councils"
        theme.save()
    refresh_search_engine()
    found = {r["title"] for r in client.get(API, {"q": "self rule councils"}).json()["results"]}
    assert {tree["paper"].title, tree["member"].title} <= found


@pytest.mark.django_db
def test_the_taxonomy_is_exported_as_skos_concept_schemes_with_alt_labels(client, tree):
    method = tree["method"]
    method.alt_labels = "Citizen report cards\nScorecards"
    method.save()
    response = client.get(tree["glossary"].url + "skos.ttl")
    graph = Graph().parse(data=response.content.decode(), format="turtle")

    scheme = URIRef("http://localhost/taxonomy/methods/")
    assert (scheme, RDF.type, SKOS.ConceptScheme) in graph
    assert Literal("Methods", lang="en") in set(graph.objects(scheme, SKOS.prefLabel))
    concept = URIRef(f"{scheme}{method.translation_key}/")
    assert (concept, SKOS.inScheme, scheme) in graph
    assert set(graph.objects(concept, SKOS.prefLabel)) == {Literal("Community scorecards", lang="en")}
    assert set(graph.objects(concept, SKOS.altLabel)) == {
        Literal("Citizen report cards", lang="en"),
        Literal("Scorecards", lang="en"),
    }
    themes = URIRef("http://localhost/taxonomy/themes/")
    assert (URIRef(f"{themes}{tree['theme'].translation_key}/"), SKOS.inScheme, themes) in graph


@pytest.mark.django_db
def test_moderators_get_a_possible_duplicates_report_with_merge_buttons(client, home):
    reviewed = ThemeFactory(name="Behavioural insights", slug="behavioural-insights")
    imported = ThemeFactory(name="Behavioral Insights", slug="behavioral-insights", needs_review=True)
    ThemeFactory(name="Gender equality", slug="gender-equality")
    user = get_user_model().objects.create_user("mod", "mod@example.org", "pw")
    user.groups.add(Group.objects.get(name=roles.MODERATORS))
    client.force_login(user)

    assert "/admin/taxonomy/duplicates/" in client.get("/admin/").content.decode()
    response = client.get("/admin/taxonomy/duplicates/")
    assert response.status_code == 200
    body = response.content.decode()
    assert f"/admin/taxonomy/theme/{imported.pk}/merge/?into={reviewed.pk}" in body
    assert "Gender equality" not in body
    assert Theme.objects.count() == 3
