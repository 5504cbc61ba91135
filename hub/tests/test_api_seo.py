"""The read API (/api/v2/), sitemap, robots.txt, meta tags and JSON-LD: parsed, never just grepped.

Drafts and private fields must never leave the site: each output is checked for them.
"""

import json
from html.parser import HTMLParser

from wagtail.models import Locale, PageViewRestriction

import pytest
from defusedxml import ElementTree

from events.factories import EventPageFactory
from members.factories import MemberPageFactory
from resources.factories import PaperPageFactory
from resources.models import PaperPage

pytestmark = pytest.mark.django_db

SITEMAP = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
MEMBER_EMAIL = "secretariat-only@example.org"  # MemberPageFactory's contact_email
PRIVATE_NOTE = "focal-point-secret@example.org"


class HeadParser(HTMLParser):
    """Meta and link tags, and the JSON-LD of a page."""

    def __init__(self):
        super().__init__()
        self.meta = {}
        self.links = []
        self.json_ld = []
        self.scripts = []
        self._in_json_ld = False

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if tag == "meta":
            key = attrs.get("property") or attrs.get("name")
            if key:
                self.meta[key] = attrs.get("content")
        elif tag == "link":
            self.links.append(attrs)
        elif tag == "script":
            self.scripts.append(attrs)
            self._in_json_ld = attrs.get("type") == "application/ld+json"

    def handle_endtag(self, tag):
        if tag == "script":
            self._in_json_ld = False

    def handle_data(self, data):
        if self._in_json_ld:
            self.json_ld.append(json.loads(data))


def parse_page(client, page):
    response = client.get(page.url)
    assert response.status_code == 200
    parser = HeadParser()
    parser.feed(response.content.decode())
    return parser


def structured_data(client, page):
    (data,) = parse_page(client, page).json_ld
    assert data["@context"] == "https://schema.org"
    return data


def api(client, url):
    response = client.get(url)
    assert response.status_code == 200, response.content
    return response.json()


@pytest.fixture
def hidden(tree):
    """A draft of each kind, a live page with an unpublished edit, and private data on live pages."""
    member = MemberPageFactory.build(title="Draft member organisation", slug="draft-member", live=False)
    tree["member_index"].add_child(instance=member)
    paper = PaperPageFactory.build(title="Draft paper on budgets", slug="draft-paper", live=False)
    tree["library"].add_child(instance=paper)
    event = EventPageFactory.build(title="Draft event", slug="draft-event", live=False)
    tree["events"].add_child(instance=event)
    private = PaperPageFactory(parent=tree["library"], title="Password-protected paper")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="letmein")

    live_paper = tree["paper"]
    live_paper.organisations.add(member)
    live_paper.private_metadata = {"focal_point": PRIVATE_NOTE}
    live_paper.save_revision().publish()
    live_paper.title = "Unpublished new title"
    live_paper.save_revision()
    return [
        "Draft member organisation",
        "Draft paper on budgets",
        "Draft event",
        "Password-protected paper",
        "Unpublished new title",
        MEMBER_EMAIL,
        PRIVATE_NOTE,
    ]


# --- API ------------------------------------------------------------------------------


def test_api_lists_live_pages_of_every_type(client, tree):
    data = api(client, "/api/v2/pages/?limit=20")
    types = {item["meta"]["type"] for item in data["items"]}
    assert types >= {
        "hub.HomePage",
        "members.MemberPage",
        "members.ChapterPage",
        "resources.GlossaryTermPage",
        "resources.PaperPage",
        "events.EventPage",
    }
    assert {item["meta"]["locale"] for item in data["items"]} == {"en"}


def test_api_filters_by_type_and_locale(client, tree):
    french = Locale.objects.get_or_create(language_code="fr")[0]
    translation = tree["paper"].copy_for_translation(french, copy_parents=True)
    translation.title = "Les fiches d'évaluation en pratique"
    translation.save_revision().publish()
    french_papers = api(client, "/api/v2/pages/?type=resources.PaperPage&locale=fr")["items"]
    assert [item["title"] for item in french_papers] == ["Les fiches d'évaluation en pratique"]
    english_papers = api(client, "/api/v2/pages/?type=resources.PaperPage&locale=en")["items"]
    assert [item["title"] for item in english_papers] == ["Community scorecards in practice"]


def test_api_gives_codes_and_names_for_countries_and_taxonomy(client, tree):
    member = api(client, f"/api/v2/pages/{tree['member'].pk}/")
    assert member["headquarters"] == "KE"
    assert member["countries"] == ["KE", "UG"]
    assert member["themes"] == [{"slug": "local-governance", "name": "Local governance"}]
    assert member["sectors"] == [{"slug": "health", "name": "Health"}]
    assert member["social_links"][0]["url"] == "https://example.org/li"

    paper = api(client, f"/api/v2/pages/{tree['paper'].pk}/")
    assert paper["countries"] == ["UG"]
    assert [sdg["number"] for sdg in paper["sdgs"]] == [3, 16]
    assert paper["methods"] == [{"slug": "community-scorecards", "name": "Community scorecards"}]
    assert [author["person"]["name"] for author in paper["authors"]] == ["Amina Odhiambo"]
    assert [organisation["title"] for organisation in paper["organisations"]] == ["Village Voices Network"]

    chapter = api(client, f"/api/v2/pages/{tree['chapter'].pk}/")
    assert chapter["country"] == "PE"
    assert chapter["lead_people"][0]["name"] == "Amina Odhiambo"

    event = api(client, f"/api/v2/pages/{tree['event'].pk}/")
    assert event["chapter"]["title"] == "Peru chapter"
    assert event["time_zone"] == "America/Lima"
    assert [speaker["name"] for speaker in event["speakers"]] == ["Amina Odhiambo"]

    term = api(client, f"/api/v2/pages/{tree['term'].pk}/")
    assert [related["title"] for related in term["related_terms"]] == ["Local self-government"]
    assert term["variants"][0]["organisation"]["title"] == "Village Voices Network"


def test_api_listing_with_all_fields_serialises_every_page_type(client, tree):
    for page_type in (
        "hub.HomePage",
        "members.MemberIndexPage",
        "members.MemberPage",
        "members.ChapterPage",
        "resources.GlossaryIndexPage",
        "resources.GlossaryTermPage",
        "resources.PaperPage",
        "events.EventPage",
    ):
        assert api(client, f"/api/v2/pages/?type={page_type}&fields=*")["items"], page_type


def test_api_images_and_documents_endpoints_answer(client, tree):
    assert api(client, "/api/v2/images/")["meta"]["total_count"] == 0
    assert api(client, "/api/v2/documents/")["meta"]["total_count"] == 0


def test_drafts_and_private_fields_never_appear_in_the_api(client, tree, hidden):
    urls = ["/api/v2/pages/?limit=20&fields=*"] + [
        f"/api/v2/pages/?type={page_type}&fields=*"
        for page_type in ("members.MemberPage", "resources.PaperPage", "events.EventPage")
    ]
    urls += [f"/api/v2/pages/{tree[key].pk}/" for key in ("member", "paper", "chapter", "event")]
    for url in urls:
        content = client.get(url).content.decode()
        for text in hidden:
            assert text not in content, f"{text!r} in {url}"
    member = api(client, f"/api/v2/pages/{tree['member'].pk}/")
    assert "contact_email" not in member
    assert "private_metadata" not in api(client, f"/api/v2/pages/{tree['paper'].pk}/")


@pytest.mark.parametrize(
    "url",
    [
        "/api/v2/pages/?type=members.MemberPage&fields=contact_email",
        "/api/v2/pages/?type=resources.PaperPage&fields=private_metadata",
        "/api/v2/pages/?type=members.MemberPage&contact_email=secretariat-only@example.org",
        "/api/v2/pages/?type=resources.PaperPage&fields=organisations(contact_email)",
    ],
)
def test_api_refuses_to_show_or_filter_by_private_fields(client, tree, url):
    response = client.get(url)
    assert response.status_code == 400
    assert MEMBER_EMAIL not in response.content.decode()


def test_api_never_serves_a_draft_in_detail(client, tree, hidden):
    from members.models import MemberPage

    draft = MemberPage.objects.get(slug="draft-member")
    assert client.get(f"/api/v2/pages/{draft.pk}/").status_code == 404


@pytest.mark.parametrize(
    ("url", "status"),
    [
        ("/api/v2/pages/?type=nonsense", 400),
        ("/api/v2/pages/?type=hub.Theme", 400),
        ("/api/v2/pages/?limit=abc", 400),
        ("/api/v2/pages/?offset=-1", 400),
        ("/api/v2/pages/?order=nonsense", 400),
        ("/api/v2/pages/?fields=nonsense", 400),
        ("/api/v2/pages/?nonsense=1", 400),
        ("/api/v2/pages/?type=events.EventPage&start=soon", 400),
        ("/api/v2/pages/?type=resources.PaperPage&publication_date=2023-13-45", 400),
        ("/api/v2/pages/?type=resources.PaperPage&latitude=north", 400),
        ("/api/v2/pages/?locale=xx", 404),
        ("/api/v2/pages/999999/", 404),
        ("/api/v2/images/?limit=abc", 400),
        ("/api/v2/documents/?order=nonsense", 400),
    ],
)
def test_bad_api_input_is_a_client_error_answered_in_json(client, tree, url, status):
    response = client.get(url)
    assert response.status_code == status
    assert "message" in response.json()


def test_api_search_with_a_stray_quote_is_never_a_server_error(client, tree):
    """SQLite's full-text syntax rejects an unbalanced quote (400); PostgreSQL and search engines accept it."""
    response = client.get("/api/v2/pages/?search=%22unbalanced")
    assert response.status_code in (200, 400)
    assert response.json()


# --- Sitemap and robots.txt -------------------------------------------------------------


def test_sitemap_lists_every_live_page_in_every_locale(client, tree, hidden):
    french = Locale.objects.get_or_create(language_code="fr")[0]
    translation = tree["term"].copy_for_translation(french, copy_parents=True)
    translation.title = "Planification participative"
    translation.save_revision().publish()
    response = client.get("/sitemap.xml")
    assert response.status_code == 200
    locations = {url.findtext(f"{SITEMAP}loc") for url in ElementTree.fromstring(response.content)}
    live = [tree[key] for key in ("home", "member", "chapter", "term", "paper", "event", "past_event", "library")]
    assert {page.get_full_url() for page in live} <= locations
    assert translation.get_full_url() in locations
    assert translation.get_full_url().startswith("http://localhost/fr/")
    content = response.content.decode()
    for slug in ("draft-member", "draft-paper", "draft-event"):
        assert slug not in content
    private = PaperPage.objects.get(title="Password-protected paper")
    assert private.get_full_url() not in locations


def test_sitemap_lists_each_translation_as_an_hreflang_alternate_of_the_others(client, tree):
    french = Locale.objects.get_or_create(language_code="fr")[0]
    translation = tree["term"].copy_for_translation(french, copy_parents=True)
    translation.title = "Planification participative"
    translation.save_revision().publish()
    alias_parent = translation.get_parent()
    response = client.get("/sitemap.xml")
    urls = {
        url.findtext(f"{SITEMAP}loc"): {
            link.get("hreflang"): link.get("href") for link in url.findall("{http://www.w3.org/1999/xhtml}link")
        }
        for url in ElementTree.fromstring(response.content)
    }
    english_url, french_url = tree["term"].get_full_url(), translation.get_full_url()
    expected = {"en": english_url, "fr": french_url, "x-default": english_url}
    assert urls[english_url] == expected
    assert urls[french_url] == expected
    # A page with no translation has no alternates; the copied parents are aliases and not listed.
    assert urls[tree["paper"].get_full_url()] == {}
    assert alias_parent.get_full_url() not in urls


def test_robots_txt_points_to_the_sitemap_and_keeps_crawlers_out_of_admin_and_search(client, tree):
    response = client.get("/robots.txt")
    assert response["Content-Type"].startswith("text/plain")
    lines = response.content.decode().splitlines()
    assert "Disallow: /admin/" in lines
    assert "Disallow: /search/" in lines
    assert "Disallow: /fr/search/" in lines
    assert "Sitemap: http://testserver/sitemap.xml" in lines


# --- Meta tags and JSON-LD ---------------------------------------------------------------


@pytest.mark.parametrize(
    ("key", "og_type"),
    [
        ("home", "website"),
        ("member_index", "website"),
        ("member", "website"),
        ("chapter", "website"),
        ("glossary", "website"),
        ("term", "website"),
        ("library", "website"),
        ("paper", "article"),
        ("events", "website"),
        ("event", "website"),
    ],
)
def test_every_page_has_canonical_url_opengraph_and_twitter_card(client, tree, key, og_type):
    page = tree[key]
    head = parse_page(client, page)
    canonical = [link["href"] for link in head.links if link.get("rel") == "canonical"]
    assert canonical == [page.get_full_url()]
    assert head.meta["og:url"] == page.get_full_url()
    assert head.meta["og:title"] == page.title
    assert head.meta["og:type"] == og_type
    assert head.meta["og:site_name"] == "CLD Hub"
    assert head.meta["og:locale"] == "en"
    assert head.meta["twitter:card"] == "summary"
    assert head.meta["twitter:title"] == page.title
    if page.meta_description:
        assert head.meta["description"] == page.meta_description
        assert head.meta["og:description"] == page.meta_description
    # JSON-LD is data; every other script is a file (no inline code).
    assert all(script.get("src") or script.get("type") == "application/ld+json" for script in head.scripts)
    assert len(head.json_ld) == 1


def test_member_is_an_organisation_without_its_private_email(client, tree):
    data = structured_data(client, tree["member"])
    assert data["@type"] == "Organization"
    assert data["name"] == "Village Voices Network"
    assert data["alternateName"] == "VVN"
    assert data["address"] == {"@type": "PostalAddress", "addressCountry": "KE"}
    assert [country["identifier"] for country in data["areaServed"]] == ["KE", "UG"]
    assert data["sameAs"] == ["https://example.org/vvn", "https://example.org/li"]
    assert MEMBER_EMAIL not in json.dumps(data)


def test_paper_is_a_scholarly_article_with_authors_publishers_licence_and_doi(client, tree):
    data = structured_data(client, tree["paper"])
    assert data["@type"] == "ScholarlyArticle"
    assert data["headline"] == "Community scorecards in practice"
    assert data["datePublished"] == "2023-05-04"
    assert [author["name"] for author in data["author"]] == ["Amina Odhiambo"]
    assert data["publisher"] == [
        {"@type": "Organization", "name": "Village Voices Network", "url": tree["member"].get_full_url()}
    ]
    assert data["license"] == "https://creativecommons.org/licenses/by/4.0/"
    assert data["identifier"]["propertyID"] == "DOI"
    assert data["identifier"]["value"] == "10.5555/cldhub.0001"
    assert "https://doi.org/10.5555/cldhub.0001" in data["sameAs"]


def test_evaluation_paper_is_a_report(client, tree):
    paper = PaperPageFactory(parent=tree["library"], document_type="evaluation")
    assert structured_data(client, paper)["@type"] == "Report"


def test_online_event_has_offsets_attendance_mode_virtual_location_and_organiser(client, tree):
    event = tree["event"]
    data = structured_data(client, event)
    assert data["@type"] == "Event"
    assert data["startDate"] == event.local_start.replace(microsecond=0).isoformat()
    assert data["startDate"].endswith("-05:00")
    assert data["endDate"] == event.local_end.replace(microsecond=0).isoformat()
    assert data["eventAttendanceMode"] == "https://schema.org/OnlineEventAttendanceMode"
    assert data["location"]["@type"] == "VirtualLocation"
    assert [organiser["name"] for organiser in data["organizer"]] == ["Village Voices Network"]
    assert [performer["name"] for performer in data["performer"]] == ["Amina Odhiambo"]


def test_hybrid_event_is_both_in_a_place_and_online_and_keeps_its_recording(client, tree):
    event = EventPageFactory(
        parent=tree["events"],
        format="hybrid",
        venue="Cusco town hall",
        country="PE",
        online_url="https://meet.example.org/x",
        recording_url="https://example.org/recording",
    )
    data = structured_data(client, event)
    assert data["eventAttendanceMode"] == "https://schema.org/MixedEventAttendanceMode"
    place, online = data["location"]
    assert place == {
        "@type": "Place",
        "name": "Cusco town hall",
        "address": {"@type": "PostalAddress", "addressCountry": "PE"},
    }
    assert online == {"@type": "VirtualLocation", "url": "https://meet.example.org/x"}
    assert data["recordedIn"]["url"] == "https://example.org/recording"
    assert data["organizer"] == [{"@type": "Organization", "name": "Movement for Community-led Development"}]


def test_glossary_term_is_a_defined_term_in_the_glossarys_term_set(client, tree):
    data = structured_data(client, tree["term"])
    assert data["@type"] == "DefinedTerm"
    assert data["alternateName"] == ["Village visioning"]
    assert data["inDefinedTermSet"] == {
        "@type": "DefinedTermSet",
        "name": "Glossary",
        "url": tree["glossary"].get_full_url(),
    }
    glossary = structured_data(client, tree["glossary"])
    assert glossary["@type"] == "DefinedTermSet"
    assert [term["name"] for term in glossary["hasDefinedTerm"]] == ["Local self-government", "Participatory planning"]


def test_chapter_is_a_place_in_its_country(client, tree):
    data = structured_data(client, tree["chapter"])
    assert data["@type"] == "Place"
    assert data["address"] == {"@type": "PostalAddress", "addressCountry": "PE"}
    assert data["containedInPlace"]["name"] == "Peru"


def test_json_ld_cannot_close_its_script_element(client, tree):
    title = "</script><script>alert(1)</script> & more"
    paper = PaperPageFactory(parent=tree["library"], title=title)
    html = client.get(paper.url).content.decode()
    assert "</script><script>alert(1)" not in html
    assert structured_data(client, paper)["name"] == title


def test_drafts_and_private_data_never_reach_pages_feeds_or_sitemap(client, tree, hidden):
    urls = [tree[key].url for key in ("home", "member", "paper", "library", "events", "chapter")]
    urls += ["/sitemap.xml", "/en/feeds/papers.rss", "/en/feeds/papers.atom", "/en/feeds/events.rss"]
    urls += ["/events/feed.ics", tree["paper"].url + "cite.bib", tree["paper"].url + "cite.json"]
    for url in urls:
        content = client.get(url).content.decode()
        for text in hidden:
            assert text not in content, f"{text!r} in {url}"


def test_home_page_advertises_paper_and_event_feeds(client, tree):
    head = parse_page(client, tree["home"])
    alternates = {
        link["href"]: link["type"] for link in head.links if link.get("rel") == "alternate" and "hreflang" not in link
    }
    assert alternates == {
        "/en/feeds/papers.rss": "application/rss+xml",
        "/en/feeds/papers.atom": "application/atom+xml",
        "/en/feeds/events.rss": "application/rss+xml",
        "/en/feeds/events.atom": "application/atom+xml",
        "/events/feed.ics": "text/calendar",
    }
    for href in alternates:
        assert client.get(href).status_code == 200


def test_alias_pages_point_to_their_source_and_stay_out_of_sitemap_and_feeds(client, tree):
    """wagtail-localize keeps an alias of each untranslated page in the other locales' trees."""
    french = Locale.objects.get_or_create(language_code="fr")[0]
    paper = tree["paper"]
    alias = paper.copy_for_translation(french, copy_parents=True, alias=True)
    assert alias.alias_of_id == paper.pk
    locations = {url.findtext(f"{SITEMAP}loc") for url in ElementTree.fromstring(client.get("/sitemap.xml").content)}
    assert alias.get_full_url() not in locations
    assert paper.get_full_url() in locations
    french_feed = client.get("/fr/feeds/papers.rss").content.decode()
    assert paper.get_full_url() in french_feed
    assert alias.get_full_url() not in french_feed
    head = HeadParser()
    head.feed(client.get(alias.get_url()).content.decode())
    assert [link["href"] for link in head.links if link.get("rel") == "canonical"] == [paper.get_full_url()]


def test_shared_page_shows_its_social_image_as_a_large_card(client, tree):
    from wagtail_factories import ImageFactory

    member = tree["member"]
    member.social_image = ImageFactory(title="Village meeting")
    member.social_text = "How Village Voices Network works with councils."
    member.save_revision().publish()
    head = parse_page(client, member)
    assert head.meta["og:image"].startswith("http://testserver/")
    assert head.meta["og:image"].endswith(member.social_image.file.name.split("/")[-1])
    assert head.meta["og:image:alt"] == "Village meeting"
    assert head.meta["og:description"] == "How Village Voices Network works with councils."
    assert head.meta["description"] == member.summary
    assert head.meta["twitter:card"] == "summary_large_image"
    assert head.meta["twitter:image"] == head.meta["og:image"]


@pytest.mark.parametrize("key", ["member", "term", "glossary", "paper", "event", "home"])
def test_preview_with_unsaved_relations_renders_meta_and_json_ld(tree, key):
    """A preview holds relations in memory (no .live() on them); the page and its JSON-LD still render."""
    page = tree[key]
    if key == "paper":
        page.organisations.set([tree["member"]])
    elif key == "event":
        page.organisers.set([tree["member"]])
    elif key == "member":
        page.themes.set([tree["theme"]])
    response = page.make_preview_request()
    assert response.status_code == 200
    head = HeadParser()
    head.feed(response.content.decode())
    assert len(head.json_ld) == 1


def test_preview_of_a_new_paper_renders_meta_and_json_ld(tree):
    """Wagtail previews a page not yet created with a tree path it computes but never saves."""
    library = tree["library"]
    paper = PaperPageFactory.build(title="Not saved yet", slug="not-saved-yet")
    paper.depth = library.depth + 1
    paper.path = paper._get_path(library.path, paper.depth, library.numchild + 1)
    paper.set_url_path(library)
    paper.locale = library.locale
    paper.organisations.set([tree["member"]])
    response = paper.make_preview_request()
    assert response.status_code == 200
    head = HeadParser()
    head.feed(response.content.decode())
    assert head.json_ld[0]["publisher"][0]["name"] == "Village Voices Network"


def test_pages_link_their_real_translations_with_hreflang(client, tree):
    from wagtail.models import Locale

    french = Locale.objects.get(language_code="fr")
    term_fr = tree["term"].copy_for_translation(french, copy_parents=True)
    term_fr.title = "Planification participative"
    term_fr.save_revision().publish()
    spanish_alias = tree["term"].copy_for_translation(
        Locale.objects.get(language_code="es"), copy_parents=True, alias=True
    )
    assert spanish_alias.alias_of_id == tree["term"].pk

    html = client.get(tree["term"].url).content.decode()
    assert f'hreflang="fr" href="http://localhost{term_fr.url}"' in html
    assert f'hreflang="x-default" href="http://localhost{tree["term"].url}"' in html
    # An alias holds the English text: it is no Spanish translation.
    assert 'rel="alternate" hreflang="es"' not in html


def test_pages_link_the_site_icon_and_favicon_ico_leads_to_it(client, tree):
    from bs4 import BeautifulSoup

    page = BeautifulSoup(client.get(tree["home"].url).content, "html.parser")
    icon = page.find("link", rel="icon")
    assert icon["type"] == "image/svg+xml"
    response = client.get("/favicon.ico")
    assert response.status_code == 301
    assert response["Location"] == icon["href"]
    assert response["Location"].endswith(".svg")


def test_the_documents_api_shows_only_documents_that_live_public_pages_use(client, tree, django_assert_max_num_queries):
    from django.core.files.base import ContentFile

    from wagtail.documents.models import Document

    from resources.factories import PaperIndexPageFactory
    from resources.models import PaperAttachment

    def document(title):
        return Document.objects.create(title=title, file=ContentFile(b"%PDF-1.4\n%%EOF\n", name=f"{title}.pdf"))

    def attach(paper, doc):
        paper.attachments.add(PaperAttachment(document=doc))
        paper.save()

    unused, published, drafted, restricted = (document(t) for t in ("unused", "published", "drafted", "restricted"))
    attach(tree["paper"], published)
    library = tree["paper"].get_parent()
    attach(PaperPageFactory(parent=library, title="Draft paper", live=False), drafted)
    private_library = PaperIndexPageFactory(parent=library.get_parent(), title="Private library", slug="private")
    PageViewRestriction.objects.create(page=private_library, restriction_type="password", password="secret")
    attach(PaperPageFactory(parent=private_library, title="Private paper"), restricted)

    # As many queries as Wagtail's unfiltered listing of one document: the filter is a subquery.
    with django_assert_max_num_queries(6):
        listing = api(client, "/api/v2/documents/")
    assert [item["title"] for item in listing["items"]] == ["published"]
    assert listing["meta"]["total_count"] == 1
    assert api(client, f"/api/v2/documents/{published.pk}/")["title"] == "published"
    for hidden_document in (unused, drafted, restricted):
        assert client.get(f"/api/v2/documents/{hidden_document.pk}/").status_code == 404, hidden_document.title

    tree["paper"].unpublish()
    assert api(client, "/api/v2/documents/")["meta"]["total_count"] == 0
