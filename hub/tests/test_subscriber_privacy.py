"""Subscribers' addresses are personal data: moderators see, export and delete them; nothing public shows them."""

import json
from io import StringIO

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core.management import CommandError, call_command
from django.utils import timezone

import pytest

from hub.base.models import MailFailure
from hub.subscriptions.models import Subscriber
from members import roles

pytestmark = pytest.mark.django_db

ADDRESS = "ana.private@example.org"


@pytest.fixture
def subscriber(tree):
    subscriber = Subscriber.objects.create(email=ADDRESS, language="pt", confirmed_at=timezone.now())
    subscriber.subscriptions.create(kind="chapter", page=tree["chapter"].page_ptr, confirmed_at=timezone.now())
    return subscriber


def make_user(name, group=None):
    user = get_user_model().objects.create_user(name, f"{name}@example.org", "pw")
    user.user_permissions.add(roles.permission("wagtailadmin.access_admin"))
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


def test_moderators_list_export_and_delete_subscribers(client, subscriber):
    client.force_login(make_user("mod", roles.MODERATORS))
    listing = client.get("/admin/subscribers/")
    assert listing.status_code == 200
    assert ADDRESS in listing.content.decode()
    assert f"/admin/subscribers/export/{subscriber.pk}/" in listing.content.decode()
    exported = client.get(f"/admin/subscribers/export/{subscriber.pk}/")
    assert exported["Content-Disposition"].startswith("attachment")
    data = json.loads(exported.content)
    assert data["subscriptions"][0]["email"] == ADDRESS
    assert data["subscriptions"][0]["subscriptions"][0]["follows"] == "Chapter: Peru chapter"
    client.post(f"/admin/subscribers/delete/{subscriber.pk}/")
    assert not Subscriber.objects.exists()


def test_other_admin_users_see_no_subscribers(client, subscriber):
    user = make_user("editor")
    client.force_login(user)
    for url in ("/admin/subscribers/", f"/admin/subscribers/export/{subscriber.pk}/"):
        response = client.get(url)
        assert response.status_code in (302, 403)
        assert ADDRESS not in response.content.decode()


def test_no_public_endpoint_shows_an_address(client, subscriber, tree):
    for url in (
        "/en/search/?q=ana.private",
        "/api/v2/pages/?search=ana.private",
        "/sitemap.xml",
        "/en/feeds/events.rss",
        "/en/feeds/papers.rss",
        tree["chapter"].url,
    ):
        response = client.get(url, follow=True)
        assert ADDRESS not in response.content.decode(), url


def test_the_personal_data_command_exports_then_erases_everything_about_an_address(subscriber):
    MailFailure.objects.create(to=ADDRESS, template="subscriptions/digest", language="pt", error="451")
    out = StringIO()
    call_command("personal_data", "export", ADDRESS.upper(), stdout=out)
    exported = json.loads(out.getvalue())
    assert set(exported) == {"subscriptions", "mail_failures"}
    call_command("personal_data", "erase", ADDRESS, stdout=StringIO())
    assert not Subscriber.objects.exists()
    assert not MailFailure.objects.exists()
    out = StringIO()
    call_command("personal_data", "export", ADDRESS, stdout=out)
    assert json.loads(out.getvalue()) == {}


def test_the_personal_data_command_refuses_what_is_not_an_address():
    with pytest.raises(CommandError, match="Not an e-mail address"):
        call_command("personal_data", "export", "nobody")
