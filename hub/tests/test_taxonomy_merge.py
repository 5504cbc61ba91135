"""Merging taxonomy records: every reference moves, in every language and draft, or nothing does."""

import io

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command

from wagtail.models import Locale, ModelLogEntry

import pytest

from hub.base.factories import MethodFactory, ThemeFactory
from hub.base.models import Theme
from hub.base.taxonomy_merge import MergeError, merge
from hub.base.translate import translate_page
from members import roles
from resources.models import PaperPage
from search.tests.conftest import refresh_search_engine

pytestmark = pytest.mark.django_db

API = "/en/search/api/"


@pytest.fixture
def duplicate(tree, django_capture_on_commit_callbacks):
    """A second name for "Local governance", "Municipal governance", on the paper and the event."""
    dup = ThemeFactory(name="Municipal governance", slug="municipal-governance", alt_labels="Muni gov")
    paper, event = tree["paper"], tree["event"]
    with django_capture_on_commit_callbacks(execute=True):
        paper.themes.set([dup])
        paper.save_revision().publish()
        event.themes.set([dup, tree["theme"]])
        event.save_revision().publish()
    return {**tree, "dup": dup}


def themes_of(page):
    return {theme.slug for theme in type(page).objects.get(pk=page.pk).themes.all()}


def facet(data, name):
    return {v["value"]: v["count"] for v in data["facets"][name]}


def test_merging_moves_every_page_to_the_kept_record_and_keeps_the_old_names(duplicate):
    dup, theme = duplicate["dup"], duplicate["theme"]
    plan = merge(dup, theme)

    assert not Theme.objects.filter(pk=dup.pk).exists()
    for key in ("paper", "event", "member", "term"):
        assert themes_of(duplicate[key]) == {"local-governance"}, key
    theme.refresh_from_db()
    assert theme.alt_label_list == ["Municipal governance", "Muni gov"]
    assert plan.pages == 2  # the paper and the event


def test_a_draft_published_after_the_merge_does_not_bring_the_old_record_back(duplicate):
    dup, theme, paper = duplicate["dup"], duplicate["theme"], duplicate["paper"]
    draft = PaperPage.objects.get(pk=paper.pk)
    draft.title = "Scorecards, second edition"
    draft.themes.set([dup])
    draft.save_revision()

    member = type(duplicate["member"]).objects.get(pk=duplicate["member"].pk)  # live under "Local governance" only
    member.themes.set([dup])
    member.save_revision()

    merge(dup, theme)
    PaperPage.objects.get(pk=paper.pk).get_latest_revision().publish()
    type(member).objects.get(pk=member.pk).get_latest_revision().publish()

    published = PaperPage.objects.get(pk=paper.pk)
    assert published.title == "Scorecards, second edition"
    assert themes_of(published) == {"local-governance"}
    assert themes_of(member) == {"local-governance"}


def test_each_language_merges_into_its_own_translation(duplicate, django_capture_on_commit_callbacks):
    french = Locale.objects.get(language_code="fr")
    dup, theme, paper = duplicate["dup"], duplicate["theme"], duplicate["paper"]
    with django_capture_on_commit_callbacks(execute=True):
        translate_page(theme, french, {"name": "Gouvernance locale"})
        translate_page(dup, french, {"name": "Gouvernance municipale"})
        translate_page(paper, french, {"title": "Les fiches d'évaluation"})
    paper_fr = PaperPage.objects.get(translation_key=paper.translation_key, locale=french)
    assert {t.name for t in paper_fr.themes.all()} == {"Gouvernance municipale"}

    merge(dup, theme)

    assert {t.name for t in PaperPage.objects.get(pk=paper_fr.pk).themes.all()} == {"Gouvernance locale"}
    theme_fr = Theme.objects.get(translation_key=theme.translation_key, locale=french)
    assert "Gouvernance municipale" in theme_fr.alt_label_list
    assert not Theme.objects.filter(translation_key=dup.translation_key).exists()


def test_search_shows_one_value_with_the_summed_count_and_finds_the_old_name(
    client, duplicate, django_capture_on_commit_callbacks
):
    _search_after_merge(client, duplicate, django_capture_on_commit_callbacks, refresh_search_engine)


@pytest.mark.postgres
@pytest.mark.searchengine
def test_the_search_engine_shows_one_value_with_the_summed_count_and_finds_the_old_name(
    client, duplicate, django_capture_on_commit_callbacks
):
    _search_after_merge(client, duplicate, django_capture_on_commit_callbacks, refresh_search_engine)


def _search_after_merge(client, duplicate, django_capture_on_commit_callbacks, refresh=lambda: None):
    refresh()
    before = facet(client.get(API).json(), "theme")
    assert before["municipal-governance"] == 2

    with django_capture_on_commit_callbacks(execute=True):
        merge(duplicate["dup"], duplicate["theme"])
    refresh()

    after = facet(client.get(API).json(), "theme")
    assert "municipal-governance" not in after
    assert after["local-governance"] == 4  # member, term, paper and event, the event counted once
    found = {r["title"] for r in client.get(API, {"q": "municipal governance"}).json()["results"]}
    assert duplicate["member"].title in found  # filed under "Local governance" only, found by its new alias


def test_a_dry_run_changes_nothing_and_says_what_would_move(duplicate):
    dup, theme = duplicate["dup"], duplicate["theme"]
    out = io.StringIO()
    call_command("merge_taxonomy", "theme", dup.slug, theme.slug, "--dry-run", stdout=out)

    assert "Dry run" in out.getvalue() and "Municipal governance" in out.getvalue()
    assert Theme.objects.filter(pk=dup.pk).exists()
    assert themes_of(duplicate["paper"]) == {"municipal-governance"}
    theme.refresh_from_db()
    assert theme.alt_labels == ""


def test_the_command_merges_and_is_logged_in_the_audit_log(duplicate):
    dup, theme = duplicate["dup"], duplicate["theme"]
    out = io.StringIO()
    call_command("merge_taxonomy", "themes", dup.slug, theme.slug, stdout=out)
    assert "Merged" in out.getvalue()
    assert themes_of(duplicate["paper"]) == {"local-governance"}
    entry = ModelLogEntry.objects.get(action="hub.base.taxonomy_merge")
    assert entry.object_id == str(theme.pk)
    assert entry.data["from"] == ["Municipal governance"]


def test_a_failure_half_way_leaves_everything_as_it_was(duplicate, monkeypatch):
    dup, theme = duplicate["dup"], duplicate["theme"]

    def broken(plan, mapping):
        raise RuntimeError("disk full")

    monkeypatch.setattr("hub.base.taxonomy_merge._move_revisions", broken)
    with pytest.raises(RuntimeError):
        merge(dup, theme)

    assert Theme.objects.filter(pk=dup.pk).exists()
    assert themes_of(duplicate["paper"]) == {"municipal-governance"}
    assert themes_of(duplicate["event"]) == {"municipal-governance", "local-governance"}
    theme.refresh_from_db()
    assert theme.alt_labels == ""


@pytest.mark.parametrize(
    ("args", "message"),
    [
        (("theme", "local-governance", "local-governance"), "into itself"),
        (("colour", "a", "b"), "Unknown kind"),
        (("theme", "nowhere", "local-governance"), "no theme with the slug 'nowhere'"),
    ],
)
def test_the_command_refuses_a_bad_merge_with_a_message(tree, args, message):
    with pytest.raises(CommandError, match=message):
        call_command("merge_taxonomy", *args)


def test_merging_across_kinds_is_refused(tree):
    with pytest.raises(MergeError, match="one kind"):
        merge(MethodFactory(name="Local governance"), tree["theme"])


# --- admin ------------------------------------------------------------------------------------


def make_user(name, group=None):
    user = get_user_model().objects.create_user(name, f"{name}@example.org", "pw")
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def test_moderators_see_what_will_move_then_merge_from_the_admin(client, duplicate):
    dup, theme = duplicate["dup"], duplicate["theme"]
    client.force_login(make_user("mod", roles.MODERATORS))
    listing = client.get("/admin/snippets/hub/theme/").content.decode()
    assert f"/admin/taxonomy/theme/{dup.pk}/merge/" in listing

    url = f"/admin/taxonomy/theme/{dup.pk}/merge/"
    confirm = client.get(url, {"into": theme.pk})
    assert confirm.status_code == 200
    body = confirm.content.decode()
    assert "1 papers" in body and "1 events" in body
    assert Theme.objects.filter(pk=dup.pk).exists()

    response = client.post(url, {"into": theme.pk})
    assert response.status_code == 302
    assert not Theme.objects.filter(pk=dup.pk).exists()
    assert themes_of(duplicate["paper"]) == {"local-governance"}


def test_the_admin_refuses_a_merge_into_itself_with_a_message(client, duplicate):
    dup = duplicate["dup"]
    client.force_login(make_user("mod", roles.MODERATORS))
    response = client.post(f"/admin/taxonomy/theme/{dup.pk}/merge/", {"into": dup.pk})
    assert response.status_code == 400
    assert Theme.objects.filter(pk=dup.pk).exists()


@pytest.mark.parametrize("who", ["anonymous", "editor"])
def test_only_moderators_merge(client, duplicate, who):
    dup, theme = duplicate["dup"], duplicate["theme"]
    if who == "editor":
        user = make_user("editor")
        user.groups.add(Group.objects.get_or_create(name="Editors")[0])
        client.force_login(user)
    response = client.post(f"/admin/taxonomy/theme/{dup.pk}/merge/", {"into": theme.pk})
    assert response.status_code in (302, 403)
    if response.status_code == 302:  # to the login page, or the dashboard with "permission denied"
        assert response["Location"] == "/admin/" or response["Location"].startswith("/admin/login/")
    assert Theme.objects.filter(pk=dup.pk).exists()
    assert client.get("/admin/taxonomy/duplicates/").status_code in (302, 403)
