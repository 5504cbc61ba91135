"""hub/patches.py: the version guard, and the same answers with and without each patch."""

from django.apps import apps
from django.core.exceptions import ImproperlyConfigured
from django.http import Http404
from django.test import RequestFactory

from wagtail.models import Locale, Page, PageViewRestriction
from wagtail.query import PageQuerySet

import pytest

from hub import patches
from hub.memo import RequestMemoMiddleware
from resources.factories import PaperIndexPageFactory, PaperPageFactory


def in_public_get(compute, path="/en/"):
    """compute() inside a visitor's GET request, where the memo the patches read is open."""
    result = {}

    def view(request):
        result["value"] = compute()
        return None

    RequestMemoMiddleware(view)(RequestFactory().get(path))
    return result["value"]


def patched_and_wagtails(compute, *names):
    """(compute() with the patches, compute() with Wagtail's own code), both in a public GET."""
    patched = in_public_get(compute)
    with patches.unpatched(*names):
        wagtails = in_public_get(compute)
    return patched, wagtails


# --- The version guard ------------------------------------------------------------


def test_the_patches_are_in_place_after_start_up():
    assert PageQuerySet.private_q is patches._private_q
    assert Page.get_view_restrictions is patches._get_view_restrictions


def test_the_installed_versions_are_the_ones_the_patches_were_written_for():
    patches.check_versions()


@pytest.mark.parametrize(
    ("distribution", "version"),
    [
        ("wagtail", "8.1.0"),
        ("wagtail", "7.2.1"),
        ("django-treebeard", "5.4.0"),
        ("modelsearch", "1.4"),
        ("opensearch-py", "3.0.0"),
    ],
)
def test_start_up_fails_loudly_on_another_version(monkeypatch, distribution, version):
    real = patches.installed_version
    monkeypatch.setattr(patches, "installed_version", lambda name: version if name == distribution else real(name))
    with pytest.raises(ImproperlyConfigured, match=f"{distribution} {version}"):
        apps.get_app_config("hub").ready()


def test_a_patch_release_of_the_same_series_is_accepted(monkeypatch):
    monkeypatch.setattr(patches, "installed_version", lambda name: patches.WRITTEN_FOR[name] + ".9")
    patches.check_versions()


def test_a_distribution_that_is_not_installed_is_not_checked(monkeypatch):
    real = patches.installed_version
    monkeypatch.setattr(patches, "installed_version", lambda name: None if name == "opensearch-py" else real(name))
    patches.check_versions()


def test_importing_opensearch_py_checks_its_version(monkeypatch):
    monkeypatch.delitem(__import__("sys").modules, "opensearchpy", raising=False)
    monkeypatch.setattr(patches, "installed_version", lambda name: "2.9.0" if name == "opensearch-py" else "8.0.1")
    with pytest.raises(ImproperlyConfigured, match="opensearch-py 2.9.0"):
        patches.import_opensearchpy()


# --- View restrictions: PageQuerySet.private_q and Page.get_view_restrictions -----------


@pytest.fixture
def private_section(tree):
    """A password-protected library with a private paper, and a login-only paper inside it."""
    section = PaperIndexPageFactory(parent=tree["home"], title="Board papers", slug="board")
    inner = PaperPageFactory(parent=section, title="Minutes of the board")
    nested = PaperPageFactory(parent=section, title="Salaries of the staff")
    PageViewRestriction.objects.create(page=section, restriction_type="password", password="letmein")
    PageViewRestriction.objects.create(page=nested, restriction_type="login")
    return {"section": section, "inner": inner, "nested": nested}


def _public_ids():
    return sorted(Page.objects.public().values_list("pk", flat=True))


def _restrictions(pages):
    return [sorted(r.pk for r in page.get_view_restrictions()) for page in pages]


def test_public_pages_are_the_same_with_nested_restrictions(tree, private_section):
    patched, wagtails = patched_and_wagtails(_public_ids, "PageQuerySet.private_q")
    assert patched == wagtails
    assert private_section["inner"].pk not in patched
    assert private_section["nested"].pk not in patched
    assert tree["paper"].pk in patched


def test_not_public_pages_are_the_same_with_nested_restrictions(tree, private_section):
    def private():
        return sorted(Page.objects.not_public().values_list("pk", flat=True))

    patched, wagtails = patched_and_wagtails(private, "PageQuerySet.private_q")
    assert patched == wagtails == sorted(page.pk for page in private_section.values())


def test_view_restrictions_of_nested_private_pages_are_the_same(tree, private_section):
    pages = [tree["home"], tree["paper"], *private_section.values()]
    patched, wagtails = patched_and_wagtails(lambda: _restrictions(pages), "Page.get_view_restrictions")
    assert patched == wagtails
    assert len(patched[-1]) == 2  # the nested paper: its own restriction and the section's


def test_view_restrictions_are_the_same_when_no_page_is_restricted(tree):
    pages = [tree["home"], tree["paper"], tree["event"]]
    patched, wagtails = patched_and_wagtails(lambda: _restrictions(pages), "Page.get_view_restrictions")
    assert patched == wagtails == [[], [], []]


def test_a_visitor_gets_the_same_answers_with_and_without_the_patches(client, tree, private_section):
    urls = [tree["paper"].url, tree["library"].url, *(page.url for page in private_section.values())]

    def visit():
        return [
            (response.status_code, "Minutes of the board" in response.content.decode())
            for response in map(client.get, urls)
        ]

    patched = visit()
    with patches.unpatched():
        assert visit() == patched
    # The section's password form answers for all three; the private paper is not listed publicly.
    assert [status for status, _shown in patched] == [200] * 5
    assert not any(shown for _status, shown in patched[:2])


def test_wagtail_alias_of_a_restricted_page_is_restricted_alike(tree, private_section):
    """An alias takes its source's own restriction (not those of the source's ancestors, in Wagtail)."""
    of_nested = private_section["nested"].create_alias(parent=tree["library"], update_slug="salaries-copy")
    of_inner = private_section["inner"].create_alias(parent=tree["library"], update_slug="minutes-copy")
    pages = [of_nested, private_section["nested"], of_inner]
    patched, wagtails = patched_and_wagtails(lambda: _restrictions(pages), "Page.get_view_restrictions")
    assert patched == wagtails
    assert patched[0] == [private_section["nested"].view_restrictions.get().pk]
    assert patched[2] == []
    # .public() looks at the tree: create_alias copied the nested page's own restriction onto its alias,
    # not the section's, so the alias of the inner page counts as public, with the patch as without.
    patched, wagtails = patched_and_wagtails(_public_ids, "PageQuerySet.private_q")
    assert patched == wagtails
    assert of_nested.pk not in patched
    assert of_inner.pk in patched


def test_localize_alias_in_another_locale_of_a_restricted_page_is_restricted_alike(client, tree, private_section):
    french = Locale.objects.get(language_code="fr")
    alias = private_section["inner"].copy_for_translation(french, copy_parents=True, alias=True)
    assert alias.alias_of_id == private_section["inner"].pk
    patched, wagtails = patched_and_wagtails(
        lambda: _restrictions([alias, alias.get_parent()]), "Page.get_view_restrictions"
    )
    assert patched == wagtails
    assert patched[0] != []
    patched, wagtails = patched_and_wagtails(_public_ids, "PageQuerySet.private_q")
    assert patched == wagtails


# --- LocaleManager.get_for_language ---------------------------------------------------


@pytest.mark.parametrize("code", ["en", "fr", "pt", "pt-BR", "pt-br", "fr-CA", "es-419", "en-GB"])
def test_locale_for_a_regional_language_code_is_the_same(db, code):
    patched, wagtails = patched_and_wagtails(
        lambda: Locale.objects.get_for_language(code), "LocaleManager.get_for_language"
    )
    assert patched == wagtails
    assert patched.language_code == code.split("-")[0]


@pytest.mark.parametrize("code", ["de", "zh-Hans", ""])
def test_locale_for_an_unsupported_language_code_fails_alike(db, code):
    def outcome():
        try:
            return Locale.objects.get_for_language(code)
        except (LookupError, Locale.DoesNotExist) as error:
            return type(error)

    patched, wagtails = patched_and_wagtails(outcome, "LocaleManager.get_for_language")
    assert patched == wagtails
    assert isinstance(patched, type)


# --- HomePage.route --------------------------------------------------------------------


def _route(home, path):
    """What routing `path` under the home page gives: (page id, view name, args, kwargs) or 404."""
    request = RequestFactory().get(home.url + path)
    try:
        result = home.route(request, [part for part in path.split("/") if part])
    except Http404:
        return 404
    page, args, kwargs = result
    if args and callable(args[0]):  # a RoutablePageMixin route: (view, args, kwargs)
        view, view_args, view_kwargs = args
        return page.pk, view.__name__, list(view_args), dict(view_kwargs), page.get_parent().pk
    return page.pk, list(args), dict(kwargs), page.get_parent().pk if page.depth > 1 else None


@pytest.fixture
def routes(tree):
    """Paths under the home page that HomePage.route has a branch for."""
    draft = PaperPageFactory.build(title="Draft paper", slug="draft-paper", live=False)
    tree["library"].add_child(instance=draft)
    t = tree
    return [
        "",  # the home page itself
        t["library"].slug,  # an index page
        f"{t['library'].slug}/{t['paper'].slug}",  # a page under an index
        f"{t['chapter_index'].slug}/{t['chapter'].slug}/{t['event'].slug}",  # three levels deep
        f"{t['library'].slug}/{t['paper'].slug}/cite.bib",  # a page's own routes (RoutablePageMixin)
        f"{t['chapter_index'].slug}/{t['chapter'].slug}/{t['event'].slug}/event.ics",
        f"{t['glossary'].slug}/crosswalk",  # an index page's own routes
        f"{t['glossary'].slug}/{t['term'].slug}",
        f"{t['library'].slug}/draft-paper",  # not live
        f"{t['library'].slug}/no-such-paper",
        f"no-such-index/{t['paper'].slug}",  # a real slug under a wrong parent
        f"{t['library'].slug}/{t['paper'].slug}/no-such-route",
        f"{t['member_index'].slug}/{t['paper'].slug}",  # a slug of another branch
    ]


def test_home_page_routes_as_wagtail_does(tree, routes):
    home = tree["home"].specific
    patched = [_route(home, path) for path in routes]
    with patches.unpatched("HomePage.route"):
        wagtails = [_route(home, path) for path in routes]
    assert patched == wagtails
    assert patched[2][0] == tree["paper"].pk
    assert patched.count(404) == 5


def test_home_page_routes_as_wagtail_does_after_a_move(tree):
    """A page moved to another index: its url_path changes and the old path is gone."""
    paper = tree["paper"]
    paper.move(tree["member_index"], pos="last-child")
    home = tree["home"].specific
    paths = [f"{tree['member_index'].slug}/{paper.slug}", f"{tree['library'].slug}/{paper.slug}"]
    patched = [_route(home, path) for path in paths]
    with patches.unpatched("HomePage.route"):
        assert [_route(home, path) for path in paths] == patched
    assert patched[1] == 404


def test_home_page_routes_as_wagtail_does_with_a_stale_url_path(tree):
    """A url_path out of step with the tree (an interrupted move) falls back to Wagtail's walk."""
    Page.objects.filter(pk=tree["paper"].pk).update(url_path="/stale/")
    home = tree["home"].specific
    path = f"{tree['library'].slug}/{tree['paper'].slug}"
    patched = _route(home, path)
    with patches.unpatched("HomePage.route"):
        assert _route(home, path) == patched
    assert patched[0] == tree["paper"].pk


def test_home_page_routes_in_fewer_queries(tree, django_assert_max_num_queries, django_assert_num_queries):
    home = tree["home"].specific
    path = f"{tree['chapter_index'].slug}/{tree['chapter'].slug}/{tree['event'].slug}"
    with patches.unpatched("HomePage.route"), django_assert_max_num_queries(100) as wagtails:
        _route(home, path)
    with django_assert_max_num_queries(len(wagtails) - 1):
        _route(home, path)
