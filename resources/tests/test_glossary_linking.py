"""Glossary terms link from body text: first mention only, whole words, never in links, headings or code."""

from django.conf import settings
from django.utils import translation

from wagtail.models import Locale

import pytest
from bs4 import BeautifulSoup

from hub.base.translate import translate_page
from resources.factories import GlossaryTermPageFactory
from resources.linking import Entry, Matcher, link_terms
from resources.models import GlossaryTermPage, GlossaryVariant


@pytest.fixture(autouse=True)
def _default_language_afterwards():
    """Requests to /fr/ leave French active in this thread; later tests expect the default."""
    yield
    translation.activate(settings.LANGUAGE_CODE)


PLANNING = Entry(1, "Participatory planning", "/en/glossary/participatory-planning/", "Deciding together.")
SCALE = Entry(2, "Transformative scale", "/en/glossary/scale/", "Beyond projects & pilots <wide>.")
DEV = Entry(3, "Développement conduit", "/fr/glossaire/dev/", "Défini.")


def matcher():
    return Matcher(
        [
            ("Participatory planning", PLANNING),
            ("Village visioning", PLANNING),
            ("Planning", Entry(4, "Planning", "/en/glossary/planning/", "Any plan.")),
            ("Transformative scale", SCALE),
            ("Développement conduit", DEV),
        ]
    )


def glossary_links(html):
    """[(link text, href, tooltip text)] of the glossary links in `html`, with the tooltip checked
    to be the element the link is described by."""
    found = []
    for link in BeautifulSoup(html, "html.parser").select("a.glossary-ref__link"):
        tip = link.find_next_sibling(class_="glossary-ref__tip")
        assert tip["role"] == "tooltip"
        assert tip["id"] == link["aria-describedby"]
        found.append((link.get_text(), link["href"], tip.get_text()))
    return found


def links(html):
    return [href for _text, href, _tip in glossary_links(link_terms(html, matcher()))]


def test_the_first_mention_links_with_a_tooltip_and_later_ones_stay_plain():
    html = link_terms("<p>Participatory planning works. We like participatory planning.</p>", matcher())
    assert glossary_links(html) == [
        ("Participatory planning", "/en/glossary/participatory-planning/", "Deciding together.")
    ]
    assert html.endswith("</span></span> works. We like participatory planning.</p>")


def test_a_variant_links_to_its_shared_term_once_with_the_title():
    html = "<p>Our village visioning is participatory planning.</p>"
    assert glossary_links(link_terms(html, matcher())) == [
        ("village visioning", "/en/glossary/participatory-planning/", "Deciding together.")
    ]


def test_the_longest_label_wins_and_words_match_whole():
    assert links("<p>Replanning and plannings: participatory planning.</p>") == ["/en/glossary/participatory-planning/"]
    assert links("<p>Planning matters.</p>") == ["/en/glossary/planning/"]
    assert links("<p>Plannings, replanning, planning_tool.</p>") == []


def test_word_boundaries_hold_for_accented_letters_and_line_breaks():
    assert links("<p>Le développement conduitée.</p>") == []
    assert links("<p>Le Développement\n conduit par tous.</p>") == ["/fr/glossaire/dev/"]
    assert links("<p>Sous-développement conduit.</p>") == ["/fr/glossaire/dev/"]


@pytest.mark.parametrize(
    "html",
    [
        '<p><a href="/x/">participatory planning</a></p>',
        "<h2>Participatory planning</h2>",
        "<h3><em>Participatory planning</em></h3>",
        "<p><code>participatory planning</code></p>",
        "<pre>participatory planning</pre>",
    ],
)
def test_links_headings_and_code_are_left_alone(html):
    assert link_terms(html, matcher()) == html


def test_a_term_skipped_in_a_heading_links_at_its_first_mention_in_text():
    html = link_terms("<h2>Transformative scale</h2><p>On transformative scale.</p>", matcher())
    assert html.startswith("<h2>Transformative scale</h2><p>On <span")


def test_text_and_definitions_are_escaped():
    html = link_terms("<p>a &lt; b &amp; transformative scale</p>", matcher())
    assert html.startswith("<p>a &lt; b &amp; <span")
    assert "Beyond projects &amp; pilots &lt;wide&gt;." in html
    assert glossary_links(html)[0][2] == "Beyond projects & pilots <wide>."


def test_a_page_never_links_to_itself():
    html = "<p>Participatory planning and transformative scale.</p>"
    linked = glossary_links(link_terms(html, matcher(), exclude_page_id=PLANNING.page_id))
    assert [href for _text, href, _tip in linked] == ["/en/glossary/scale/"]


# --- On pages ------------------------------------------------------------------------


def _paper_with_body(tree, text):
    paper = tree["paper"]
    paper.body = [("paragraph", f"<p>{text}</p>"), ("heading", {"text": "Participatory planning", "level": "h2"})]
    paper.save_revision().publish()
    return paper


@pytest.mark.django_db
def test_a_paper_body_links_terms_and_variants_at_render_time(client, tree):
    paper = _paper_with_body(tree, "We ran village visioning in ten villages. Then participatory planning again.")
    html = client.get(paper.url).content.decode()
    term = tree["term"]
    assert glossary_links(html) == [("village visioning", term.url, term.short_definition)]
    assert ">Participatory planning</h2>" in html
    assert "js/glossary-tooltips.js" in html
    # What the editor saved is untouched.
    paper.refresh_from_db()
    assert "glossary-ref" not in str(paper.body.raw_data)


@pytest.mark.django_db
@pytest.mark.parametrize("key", ["paper", "event", "chapter", "member"])
def test_every_body_field_links_terms_without_extra_queries_once_warm(client, tree, django_assert_max_num_queries, key):
    page = tree[key]
    field = {"paper": "body", "event": "description", "chapter": "body", "member": "commitment"}[key]
    text = "<p>Local self-government matters.</p>"
    setattr(page, field, [("paragraph", text)] if field == "body" and key == "paper" else text)
    page.save_revision().publish()
    client.get(page.url)  # warms the cache
    from django.db import connection
    from django.test.utils import CaptureQueriesContext

    with CaptureQueriesContext(connection) as warm:
        html = client.get(page.url).content.decode()
    assert [href for _text, href, _tip in glossary_links(html)] == [tree["related_term"].url]
    # Same page with the glossary emptied of matches: linking itself costs no query.
    setattr(page, field, [("paragraph", "<p>Nothing to link.</p>")] if key == "paper" else "<p>Nothing.</p>")
    page.save_revision().publish()
    client.get(page.url)
    with CaptureQueriesContext(connection) as plain:
        client.get(page.url)
    assert len(warm) == len(plain)


@pytest.mark.django_db
def test_a_term_page_links_other_terms_but_not_itself(client, tree):
    term = tree["term"]
    term.explanation = "<p>Participatory planning needs local self-government.</p>"
    term.save_revision().publish()
    html = client.get(term.url).content.decode()
    assert [href for _text, href, _tip in glossary_links(html)] == [tree["related_term"].url]


@pytest.mark.django_db
def test_publishing_a_new_term_shows_its_links_at_once(client, tree):
    paper = _paper_with_body(tree, "Scorecards help with social accountability.")
    assert glossary_links(client.get(paper.url).content.decode()) == []
    new = GlossaryTermPageFactory(parent=tree["glossary"], title="Social accountability", live=False)
    new.save_revision().publish()
    linked = glossary_links(client.get(paper.url).content.decode())
    assert [(text, href) for text, href, _tip in linked] == [("social accountability", new.url)]


@pytest.mark.django_db
def test_renaming_adding_a_variant_and_unpublishing_show_at_once(client, tree):
    paper = _paper_with_body(tree, "Members use ward planning and participatory planning.")
    term = tree["term"]
    assert [text for text, _href, _tip in glossary_links(client.get(paper.url).content.decode())] == [
        "participatory planning"
    ]

    term = GlossaryTermPage.objects.get(pk=term.pk)
    term.title = "Ward planning"
    term.variants.add(GlossaryVariant(label="Participatory planning", language="en"))
    term.save_revision().publish()
    # Title and variant now name the same term: one link, at the first mention.
    assert [text for text, _href, _tip in glossary_links(client.get(paper.url).content.decode())] == ["ward planning"]

    term.unpublish()
    assert glossary_links(client.get(paper.url).content.decode()) == []


@pytest.mark.django_db
def test_french_pages_link_french_terms_and_english_pages_english_ones(
    client, tree, django_capture_on_commit_callbacks
):
    french = Locale.objects.get(language_code="fr")
    term = tree["term"]
    paper = _paper_with_body(tree, "Participatory planning, planification participative, Village visioning.")
    term.variants.add(GlossaryVariant(label="Visionnement villageois", organisation=tree["member"], language="fr"))
    term.save_revision().publish()
    for page, values in [
        (tree["home"], {"title": "Plateforme"}),
        (tree["glossary"], {"title": "Glossaire"}),
        (term, {"title": "Planification participative", "short_definition": "Décider ensemble."}),
        (tree["library"], {"title": "Bibliothèque"}),
        (paper, {"title": "Les fiches"}),
    ]:
        with django_capture_on_commit_callbacks(execute=True):
            translate_page(page, french, values)
    french_term = GlossaryTermPage.objects.get(translation_key=term.translation_key, locale=french)
    french_paper = type(paper).objects.get(translation_key=paper.translation_key, locale=french)
    french_paper.body = [("paragraph", "<p>La planification participative et le visionnement villageois.</p>")]
    french_paper.save_revision().publish()

    english = glossary_links(client.get(paper.url).content.decode())
    assert [(text, href) for text, href, _tip in english] == [("Participatory planning", term.url)]

    french_links = glossary_links(client.get(french_paper.url).content.decode())
    assert french_links == [("planification participative", french_term.url, "Décider ensemble.")]
