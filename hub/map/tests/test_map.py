"""The map: /map/, /map/features.geojson and the small country maps."""

import gzip
import json
import re
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import urlsplit

from django.conf import settings
from django.contrib.staticfiles import finders
from django.db import connection
from django.test.utils import CaptureQueriesContext
from django.urls import reverse
from django.utils import translation

from wagtail.models import Locale, PageViewRestriction

import pytest
from django_countries import countries

from hub.base.factories import ThemeFactory
from hub.demo.data import CHAPTERS, MEMBERS, PAPERS
from hub.map.countries import DATA, representative_point, small_map
from members.factories import ChapterPageFactory, MemberPageFactory
from resources.factories import PaperPageFactory

pytestmark = pytest.mark.django_db


def _url(name, language="en"):
    # The test client's requests leave their language active: name the one wanted.
    with translation.override(language):
        return reverse(name)


def _geojson(client, language="en", **params):
    response = client.get(_url("map:features", language), params)
    assert response.status_code == 200
    assert response["Content-Type"].startswith("application/geo+json")
    return json.loads(response.content)


def _by_kind(data, kind):
    return [f for f in data["features"] if f["properties"]["kind"] == kind]


def _valid_point(coordinates):
    lng, lat = coordinates
    return isinstance(lng, float | int) and isinstance(lat, float | int) and -180 <= lng <= 180 and -90 <= lat <= 90


# --- Country data ------------------------------------------------------------------


def test_every_country_the_atlas_has_gets_a_point_inside_the_world():
    atlas = json.loads(Path(DATA).read_text())["countries"]
    known = [code for code, _name in countries if countries.numeric(code, padded=True) in atlas]
    assert len(known) > 200  # Natural Earth 1:50m names about 240 countries
    for code in known:
        point = representative_point(code)
        assert point is not None and _valid_point(point), code


@pytest.mark.parametrize(
    ("code", "lng", "lat"),
    [("PE", (-82, -68), (-19, 0)), ("FR", (-5, 9), (41, 52)), ("US", (-125, -66), (24, 50)), ("KE", (33, 42), (-5, 5))],
)
def test_a_countrys_point_lies_in_its_mainland(code, lng, lat):
    """France's point is in Europe, not between it and French Guiana; the USA's not in Canada."""
    point = representative_point(code)
    assert lng[0] < point[0] < lng[1]
    assert lat[0] < point[1] < lat[1]


def test_all_countries_of_the_demo_content_resolve():
    codes = {row["country"] for row in CHAPTERS}
    codes |= {code for row in MEMBERS for code in [row.get("headquarters"), *row.get("countries", [])] if code}
    codes |= {code for row in PAPERS for code in row.get("countries", [])}
    assert codes
    assert [code for code in sorted(codes) if representative_point(code) is None] == []
    assert [code for code in sorted(codes) if small_map(code) is None] == []


def test_an_unknown_or_empty_country_has_no_point():
    assert representative_point("") is None
    assert representative_point("ZZ") is None


# --- GeoJSON -------------------------------------------------------------------------


def test_geojson_is_a_feature_collection_of_the_live_pages(client, tree):
    data = _geojson(client)
    assert data["type"] == "FeatureCollection"
    assert {f["properties"]["kind"] for f in data["features"]} == {"chapter", "member", "paper"}
    for feature in data["features"]:
        assert feature["type"] == "Feature"
        assert feature["geometry"]["type"] == "Point"
        assert _valid_point(feature["geometry"]["coordinates"])
        assert set(feature["properties"]) >= {"kind", "title", "url", "country", "themes"}

    [chapter] = _by_kind(data, "chapter")
    assert chapter["properties"]["title"] == "Peru chapter"
    assert chapter["properties"]["url"] == tree["chapter"].url
    assert chapter["properties"]["country"] == "PE"
    assert chapter["geometry"]["coordinates"] == list(representative_point("PE"))

    members = _by_kind(data, "member")
    assert {(f["properties"]["country"], f["properties"].get("role")) for f in members} == {
        ("KE", "headquarters"),
        ("UG", "operation"),
    }
    assert {f["properties"]["url"] for f in members} == {tree["member"].url}
    assert members[0]["properties"]["themes"] == ["local-governance"]

    [paper] = _by_kind(data, "paper")
    assert paper["properties"]["country"] == "UG"
    assert paper["properties"]["url"] == tree["paper"].url


def test_every_live_chapter_is_on_the_map_and_drafts_and_private_pages_are_not(client, tree):
    index = tree["chapter_index"]
    more = [ChapterPageFactory(parent=index, title=f"Chapter {code}", country=code) for code in ("KE", "NP", "SN")]
    draft = ChapterPageFactory(parent=index, title="Draft chapter", country="BR", live=False)
    private = ChapterPageFactory(parent=index, title="Private chapter", country="MZ")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="x")

    chapters = _by_kind(_geojson(client), "chapter")
    assert sorted(f["properties"]["url"] for f in chapters) == sorted(p.url for p in [tree["chapter"], *more])
    titles = {f["properties"]["title"] for f in chapters}
    assert draft.title not in titles
    assert private.title not in titles
    for feature in chapters:
        assert feature["geometry"]["coordinates"] == list(representative_point(feature["properties"]["country"]))


def test_a_paper_with_coordinates_is_placed_there(client, tree):
    PaperPageFactory(parent=tree["library"], title="Field notes", countries=["NP"], latitude=27.7, longitude=85.3)
    PaperPageFactory(parent=tree["library"], title="Nowhere in particular", countries=[])
    papers = {f["properties"]["title"]: f for f in _by_kind(_geojson(client), "paper")}
    assert papers["Field notes"]["geometry"]["coordinates"] == [85.3, 27.7]
    assert papers["Field notes"]["properties"]["country"] == "NP"
    assert "Nowhere in particular" not in papers


def test_geojson_filters_by_kind_and_theme(client, tree):
    ChapterPageFactory(parent=tree["chapter_index"], title="Kenya chapter", country="KE")
    chapters_only = _geojson(client, kind="chapter")
    assert {f["properties"]["kind"] for f in chapters_only["features"]} == {"chapter"}
    assert len(chapters_only["features"]) == 2

    themed = _geojson(client, theme="local-governance")
    # The chapters have no theme; the member and the paper have it.
    assert {f["properties"]["kind"] for f in themed["features"]} == {"member", "paper"}
    assert _geojson(client, kind="paper", theme="local-governance")["features"] == _by_kind(themed, "paper")


@pytest.mark.parametrize(
    "params",
    [
        {"kind": "volcano"},
        {"theme": "no-such-theme"},
        {"theme": "<script>"},
        {"kind": ["chapter", "CHAPTER", ""], "theme": ["x" * 500]},
        {"kind": "chapter\x00"},
    ],
)
def test_bad_filter_values_are_ignored_not_errors(client, tree, params):
    response = client.get(_url("map:features"), params)
    assert response.status_code == 200
    page = client.get(_url("map:map"), params)
    assert page.status_code == 200


def test_an_unknown_theme_alone_matches_nothing_and_an_unknown_kind_alone_shows_everything(client, tree):
    assert _geojson(client, theme="no-such-theme")["features"] == []
    assert len(_geojson(client, kind="volcano")["features"]) == len(_geojson(client)["features"])


def test_geojson_is_per_locale_and_marks_untranslated_pages(client, tree, django_capture_on_commit_callbacks):
    from hub.base.translate import translate_page

    french = Locale.objects.get(language_code="fr")
    data = _geojson(client, "fr")
    # Nothing is translated yet: the English pages stand in, marked as English.
    [chapter] = _by_kind(data, "chapter")
    assert chapter["properties"]["url"] == tree["chapter"].url
    assert chapter["properties"]["language"] == "en"
    assert _by_kind(_geojson(client), "chapter")[0]["properties"]["language"] is None

    for page, values in [
        (tree["home"], {"title": "Accueil"}),
        (tree["chapter_index"], {"title": "Chapitres"}),
        (tree["chapter"], {"title": "Chapitre du Pérou"}),
    ]:
        with django_capture_on_commit_callbacks(execute=True):  # wagtail-localize publishes on commit
            translate_page(page, french, values)
    [chapter] = _by_kind(_geojson(client, "fr"), "chapter")
    assert chapter["properties"]["title"] == "Chapitre du Pérou"
    assert chapter["properties"]["url"].startswith("/fr/")
    assert chapter["properties"]["language"] is None
    # English visitors still get the English page, once.
    assert [f["properties"]["title"] for f in _by_kind(_geojson(client), "chapter")] == ["Peru chapter"]


def test_alias_pages_are_never_on_the_map(client, tree):
    french = Locale.objects.get(language_code="fr")
    tree["chapter"].copy_for_translation(french, copy_parents=True, alias=True)
    urls = [f["properties"]["url"] for f in _by_kind(_geojson(client, "fr"), "chapter")]
    assert urls == [tree["chapter"].url]


def test_geojson_queries_do_not_grow_with_the_number_of_pages(client, tree, django_assert_max_num_queries):
    client.get(_url("map:features"))  # warm the site-root cache, as any earlier request would
    with CaptureQueriesContext(connection) as few:
        _geojson(client)
    for code in ("KE", "NP", "SN", "BR", "IN", "PH"):
        ChapterPageFactory(parent=tree["chapter_index"], country=code)
        MemberPageFactory(parent=tree["member_index"], headquarters=code, countries=["GT", "HN"])
        PaperPageFactory(parent=tree["library"], countries=[code, "ET"])
    # Per kind: pages, their themes, the default locale and view restrictions; plus locale and site.
    with django_assert_max_num_queries(len(few)):
        data = _geojson(client)
    assert len(few) <= 14
    assert len(_by_kind(data, "chapter")) == 7


# --- The page ------------------------------------------------------------------------


class _Resources(HTMLParser):
    """Every URL the page would load by itself (scripts, styles, images, frames, ...)."""

    def __init__(self):
        super().__init__()
        self.urls = []
        self.inline_scripts = 0
        self.style_attributes = 0

    def handle_starttag(self, tag, attrs):
        attrs = dict(attrs)
        if "style" in attrs:
            self.style_attributes += 1
        if tag == "script":
            if attrs.get("src"):
                self.urls.append(attrs["src"])
            elif attrs.get("type") != "application/ld+json":
                self.inline_scripts += 1
        elif tag == "link" and {"stylesheet", "icon", "preload", "modulepreload"} & set(
            (attrs.get("rel") or "").split()
        ):
            self.urls.append(attrs["href"])
        elif tag in {"img", "iframe", "source", "audio", "video", "embed", "image"}:
            self.urls += [attrs[key] for key in ("src", "href") if attrs.get(key)]
        elif tag == "object" and attrs.get("data"):
            self.urls.append(attrs["data"])
        if tag == "style":
            self.style_attributes += 1


def _map_page(client, **params):
    response = client.get(_url("map:map"), params)
    assert response.status_code == 200
    return response


def test_map_page_loads_nothing_from_another_host_and_has_no_inline_script_or_style(client, tree):
    response = _map_page(client)
    parser = _Resources()
    parser.feed(response.content.decode())
    assert parser.inline_scripts == 0
    assert parser.style_attributes == 0
    assert any(url.endswith("vendor/d3-geo.min.js") for url in parser.urls)
    for url in parser.urls:
        parts = urlsplit(url)
        assert not parts.scheme and not parts.netloc, url
        assert finders.find(url.removeprefix(settings.STATIC_URL)), url
    # The vendored files do not fetch anything either: no absolute URL in the page's own script.
    script = Path(finders.find("js/map.js")).read_text()
    assert not re.search(r"https?://(?!www\.w3\.org/2000/svg)", script)


@pytest.mark.parametrize("language", ["en", "fr"])
def test_map_page_lists_the_same_places_as_the_geojson(client, tree, language):
    html = client.get(_url("map:map", language)).content.decode()
    data = _geojson(client, language)
    for feature in data["features"]:
        assert f'href="{feature["properties"]["url"]}"' in html
    peru = re.search(r'<li class="map-place" id="place-pe"[^>]*>', html).group(0)
    lng, lat = representative_point("PE")
    # Coordinates never take the locale's decimal comma: the script reads them.
    assert f'data-lng="{lng}"' in peru and f'data-lat="{lat}"' in peru
    assert 'data-kinds="chapter"' in peru
    assert str(countries.name("PE")) in html


def test_map_page_filter_form_works_without_javascript(client, tree):
    html = _map_page(client, kind="member").content.decode()
    assert re.search(r'name="kind" value="member" checked', html)
    assert 'name="kind" value="chapter">' in html
    assert tree["member"].url in html
    assert tree["chapter"].url not in html
    assert tree["paper"].url not in html
    assert 'name="theme" value="local-governance"' in html
    html = _map_page(client, theme="no-such-theme").content.decode()
    assert "Nothing matches these filters." in html
    # The GeoJSON link keeps the filters.
    assert f"{_url('map:features')}?kind=member" in _map_page(client, kind="member").content.decode()


def test_theme_filters_link_to_their_theme_pages(client, catalogue):
    """Beside each theme's checkbox, a link to the page describing the theme; none for a theme without a page."""
    ThemeFactory(name="Water and sanitation", slug="water")
    html = _map_page(client).content.decode()
    about = re.search(r'<input[^>]*value="local-governance".*?</li>', html, re.S).group(0)
    assert f'<a href="{catalogue["theme_page"].url}" class="map-filters__about">About Local governance</a>' in about
    water = re.search(r'<input[^>]*value="water".*?</li>', html, re.S).group(0)
    assert '<label for="map-theme-water">Water and sanitation</label>' in water
    assert "<a " not in water
    assert html.count('class="map-filters__about"') == 1


def test_map_page_markers_are_links_to_the_list(client, tree):
    """Without the script the map's region says where the places are; each list entry has an anchor."""
    html = _map_page(client).content.decode()
    assert 'id="place-pe"' in html
    assert 'id="place-ke"' in html
    assert "every place is in the list below" in html


def test_map_page_query_count(client, tree, django_assert_max_num_queries):
    """The features' queries (see above), the theme filter's two, and the layout's navigation."""
    for code in ("KE", "NP", "SN", "BR", "IN", "PH"):
        ChapterPageFactory(parent=tree["chapter_index"], country=code)
        PaperPageFactory(parent=tree["library"], countries=[code, "ET"])
    client.get(_url("map:map"))
    with django_assert_max_num_queries(21):
        html = _map_page(client).content.decode()
    assert html.count('class="map-place"') == 9  # PE KE UG NP SN BR IN PH ET


def test_map_is_in_the_main_navigation(client, tree):
    html = client.get(tree["home"].url).content.decode()
    assert f'href="{_url("map:map")}"' in html
    assert 'aria-current="page">Map<' in _map_page(client).content.decode()


def test_tile_server_is_only_used_when_configured(client, tree, settings):
    assert "data-tile-url" not in _map_page(client).content.decode()
    settings.HUB_MAP_TILE_URL = "https://tiles.example.org/{z}/{x}/{y}.png"
    assert 'data-tile-url="https://tiles.example.org/{z}/{x}/{y}.png"' in _map_page(client).content.decode()


def test_map_first_visit_weighs_under_150_kb_compressed(client, tree):
    """HTML, CSS, scripts and basemap of a first visit, gzip-compressed as a server would send them."""
    response = _map_page(client)
    parser = _Resources()
    parser.feed(response.content.decode())
    files = [finders.find(url.removeprefix(settings.STATIC_URL)) for url in parser.urls]
    files.append(finders.find("vendor/countries-110m.json"))
    total = len(gzip.compress(response.content)) + sum(len(gzip.compress(Path(f).read_bytes())) for f in files)
    assert total < 150 * 1024, total


# --- Small country maps --------------------------------------------------------------


def test_chapter_page_shows_a_small_map_of_its_country(client, tree):
    html = client.get(tree["chapter"].url).content.decode()
    svg = re.search(r'<svg viewBox="0 0 200 150" role="img" aria-labelledby="country-map-title".*?</svg>', html, re.S)
    assert svg
    assert "Map of Peru and its neighbours" in svg.group(0)
    assert small_map("PE")["shape"] in svg.group(0)


def test_member_page_shows_a_small_map_of_its_headquarters_country(client, tree):
    html = client.get(tree["member"].url).content.decode()
    assert "Map of Kenya and its neighbours" in html
    assert small_map("KE")["shape"] in html


def test_a_member_without_headquarters_has_no_small_map(client, tree):
    member = MemberPageFactory(parent=tree["member_index"], headquarters="", countries=[])
    html = client.get(member.url).content.decode()
    assert "country-map" not in html


def test_a_tiny_country_gets_a_ring_so_it_can_be_seen():
    assert small_map("SG")["dot"]
    assert small_map("PE")["dot"] is None
