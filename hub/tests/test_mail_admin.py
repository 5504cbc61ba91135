"""Mail failures hold recipients' addresses: moderators see them in the admin, nobody else does."""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group

import pytest

from hub.base.models import MailFailure
from members import roles

pytestmark = pytest.mark.django_db


def make_user(name, group=None):
    user = get_user_model().objects.create_user(name, f"{name}@example.org", "pw")
    user.user_permissions.add(roles.permission("wagtailadmin.access_admin"))
    if group:
        user.groups.add(Group.objects.get(name=group))
    return user


@pytest.fixture
def failure(db):
    return MailFailure.objects.create(to="ana@example.org", template="notice", language="en", error="451")


def test_moderators_see_and_delete_mail_failures(client, failure):
    client.force_login(make_user("mod", roles.MODERATORS))
    listing = client.get("/admin/mail_failures/")
    assert listing.status_code == 200
    assert "ana@example.org" in listing.content.decode()
    assert client.get(f"/admin/mail_failures/inspect/{failure.pk}/").status_code == 200
    client.post(f"/admin/mail_failures/delete/{failure.pk}/")
    assert not MailFailure.objects.exists()


def test_other_admin_users_do_not_see_mail_failures(client, failure):
    client.force_login(make_user("editor"))
    response = client.get("/admin/mail_failures/")
    assert response.status_code in (302, 403)
    assert "ana@example.org" not in response.content.decode()
