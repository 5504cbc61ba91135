"""Membership applications: the public form, double opt-in, the moderators' queue and decisions, erasure."""

import datetime
import re

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.core import mail
from django.utils import timezone

from wagtail.models import Collection, ModelLogEntry

import pytest

from hub.base.factories import SectorFactory
from hub.joining import services
from hub.joining.models import MembershipApplication
from members import roles
from members.factories import MemberIndexPageFactory, MemberPageFactory
from members.models import MemberPage

pytestmark = pytest.mark.django_db
State = MembershipApplication.State


@pytest.fixture
def members_index(home):
    return MemberIndexPageFactory(parent=home)


@pytest.fixture
def moderator(django_user_model):
    user = django_user_model.objects.create_user("moderator", "moderator@example.org", "pw")
    user.groups.add(Group.objects.get(name=roles.MODERATORS))
    return user


def application_data(**overrides):
    data = {
        "organisation": "Semillas del Valle",
        "registered_in": "PE",
        "countries": ["PE", "BO"],
        "website": "https://semillas.example.org",
        "size": "11-50",
        "commitment_url": "https://semillas.example.org/cld",
        "commitment": "",
        "contributions": ["knowledge", "chapters"],
        "contact_name": "Rosa Quispe",
        "email": "rosa@semillas.example.org",
        "consent": "on",
        "nickname": "",
    }
    data.update(overrides)
    return data


def link_in(message, pattern):
    return re.search(rf"https?://\S+{pattern}\S+/", message.body).group(0)


def path_of(url):
    return re.sub(r"^https?://[^/]+", "", url)


def apply(client, language="en", **overrides):
    return client.post(f"/{language}/join/", application_data(**overrides))


def confirmed(client, language="en", **overrides):
    apply(client, language, **overrides)
    url = link_in(mail.outbox[-1], "/join/confirm/")
    client.post(path_of(url))
    return MembershipApplication.objects.latest("pk")


@pytest.mark.parametrize(
    "language,text",
    [
        ("en", "Publicly committed to community-led development."),
        ("fr", "Publiquement engagée en faveur du développement dirigé par les communautés."),
        ("es", "Comprometida públicamente con el desarrollo liderado por las comunidades."),
        ("pt", "Publicamente comprometida com o desenvolvimento liderado pelas comunidades."),
    ],
)
def test_the_join_page_explains_the_criteria_in_the_visitors_language(client, home, language, text):
    response = client.get(f"/{language}/join/")
    assert response.status_code == 200
    assert text in response.content.decode()


def test_the_home_page_members_index_and_footer_link_to_the_join_page(client, members_index, home):
    home.save_revision().publish()
    members_index.save_revision().publish()
    for url in ("/en/", members_index.url):
        body = client.get(url).content.decode()
        assert body.count('href="/en/join/"') >= 2  # the section and the footer


def test_the_form_labels_and_links_its_errors(client, home):
    response = apply(client, organisation="", commitment_url="", email="not an address")
    assert response.status_code == 400
    body = response.content.decode()
    assert '<label for="id_organisation"' in body
    assert 'aria-describedby="id_email_error"' in body
    assert 'id="id_email_error"' in body
    assert "Give a link to your public commitment" in body
    assert not MembershipApplication.objects.exists()


def test_an_application_reaches_the_secretariat_only_once_the_address_is_confirmed(client, home, moderator):
    response = apply(client, "es")
    assert response.status_code == 200
    application = MembershipApplication.objects.get()
    assert application.state == State.UNCONFIRMED and application.language == "es"
    (message,) = mail.outbox
    assert message.to == ["rosa@semillas.example.org"]
    assert "Semillas del Valle" in message.subject
    url = link_in(message, "/join/confirm/")
    assert "/es/join/confirm/" in url
    # Opening the link shows a button (mail scanners follow links); posting confirms.
    assert client.get(path_of(url)).status_code == 200
    application.refresh_from_db()
    assert application.state == State.UNCONFIRMED
    assert client.post(path_of(url)).status_code == 200
    application.refresh_from_db()
    assert application.state == State.REVIEW and application.confirmed_at
    assert [m.to for m in mail.outbox[1:]] == [["moderator@example.org"]]
    # Twice: nothing more.
    client.post(path_of(url))
    assert len(mail.outbox) == 2
    assert client.post("/en/join/confirm/forged-token/").status_code == 400


def test_the_honeypot_and_rate_limits(client, home):
    assert apply(client, nickname="bot").status_code == 200
    assert not MembershipApplication.objects.exists() and not mail.outbox
    for _ in range(3):
        assert apply(client).status_code == 200
    assert apply(client).status_code == 429
    for n in range(5):
        apply(client, email=f"other{n}@example.org")
    assert apply(client, email="new@example.org").status_code == 429


def test_only_moderators_see_applications(client, home, moderator):
    application = confirmed(client)
    editor = get_user_model().objects.create_user("editor", "e@example.org", "pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    client.force_login(editor)
    # Wagtail's admin turns the refusal into a redirect to the dashboard with a message.
    for url in ("/admin/joining/applications/", f"/admin/joining/applications/{application.pk}/"):
        response = client.get(url)
        assert response.status_code in (302, 403) and "Semillas" not in response.content.decode()
    assert "Membership applications" not in client.get("/admin/").content.decode()
    client.force_login(moderator)
    listing = client.get("/admin/joining/applications/")
    assert listing.status_code == 200 and "Semillas del Valle" in listing.content.decode()
    assert "Membership applications" in client.get("/admin/").content.decode()


def test_moderators_see_duplicates_by_name_and_website(client, members_index, moderator):
    MemberPageFactory(parent=members_index, title="Semillas del Valle, Inc.", website="https://other.example.org")
    MemberPageFactory(parent=members_index, title="Another", website="https://www.semillas.example.org/about")
    MemberPageFactory(parent=members_index, title="Unrelated", website="https://unrelated.example.org")
    application = confirmed(client)
    found = {page.title: reasons for page, reasons in services.duplicates(application)}
    assert found == {"Semillas del Valle, Inc.": ["same name"], "Another": ["same website"]}
    client.force_login(moderator)
    body = client.get(f"/admin/joining/applications/{application.pk}/").content.decode()
    assert "Possible duplicate" in body and "Semillas del Valle, Inc." in body and "Unrelated" not in body


def test_a_question_is_sent_and_the_answer_recorded(client, home, moderator):
    application = confirmed(client, "fr")
    client.force_login(moderator)
    response = client.post(
        f"/admin/joining/applications/{application.pk}/", {"action": "ask", "question": "Which districts?"}
    )
    assert response.status_code == 302
    application.refresh_from_db()
    assert application.state == State.QUESTION
    message = mail.outbox[-1]
    assert message.to == ["rosa@semillas.example.org"] and "Which districts?" in message.body
    url = path_of(link_in(message, "/join/answer/"))
    assert url.startswith("/fr/join/answer/")
    client.logout()
    assert client.post(url, {"answer": ""}).status_code == 400
    assert client.post(url, {"answer": "Cusco and Puno."}).status_code == 200
    application.refresh_from_db()
    assert application.state == State.REVIEW and application.answer == "Cusco and Puno."
    assert client.get(url).status_code == 400  # no open question any more
    # The audit log has the question, asked by the moderator, and the applicant's answer.
    entries = ModelLogEntry.objects.filter(object_id=str(application.pk), action__in=["joining.ask", "joining.answer"])
    assert [(e.action, e.user) for e in entries.order_by("timestamp", "pk")] == [
        ("joining.ask", moderator),
        ("joining.answer", None),
    ]


def test_approving_onboards_the_organisation_exactly_once(client, members_index, moderator):
    sector = SectorFactory(name="Agriculture", slug="agriculture")
    application = confirmed(client, "pt", sector=sector.pk)
    client.force_login(moderator)
    url = f"/admin/joining/applications/{application.pk}/"
    before = (Group.objects.count(), Collection.objects.count(), get_user_model().objects.count())
    assert client.post(url, {"action": "approve", "reason": ""}).status_code == 302
    application.refresh_from_db()
    assert application.state == State.APPROVED and application.decided_by == moderator
    page = MemberPage.objects.get(title="Semillas del Valle")
    assert application.member_page == page and not page.live
    draft = page.get_latest_revision_as_object()
    assert draft.website == "https://semillas.example.org" and draft.headquarters.code == "PE"
    assert {c.code for c in draft.countries} == {"PE", "BO"}
    assert list(draft.sectors.all()) == [sector]
    assert draft.contact_email == "rosa@semillas.example.org"
    user = get_user_model().objects.get(email="rosa@semillas.example.org")
    assert not user.is_active and user.groups.filter(name__startswith=roles.MEMBER_EDITORS_PREFIX).exists()
    after = (Group.objects.count(), Collection.objects.count(), get_user_model().objects.count())
    assert after == (before[0] + 1, before[1] + 2, before[2] + 1)  # group; "Member organisations" + its own
    told = [m for m in mail.outbox if "Semillas" in m.subject and m.to == ["rosa@semillas.example.org"]][-1]
    assert told.extra_headers["Content-Language"] == "pt" and "/admin/welcome/" in told.body
    sent = len(mail.outbox)
    # Approved again (a double click, a second moderator): nothing more.
    client.post(url, {"action": "approve", "reason": ""})
    services.approve(application, moderator)
    assert (Group.objects.count(), Collection.objects.count(), get_user_model().objects.count()) == after
    assert MemberPage.objects.filter(title="Semillas del Valle").count() == 1
    assert len(mail.outbox) == sent
    actions = list(ModelLogEntry.objects.filter(object_id=str(application.pk)).values_list("action", flat=True))
    assert sorted(actions) == ["joining.apply", "joining.approve", "joining.confirm"]


def test_declining_tells_the_applicant_why(client, home, moderator):
    application = confirmed(client, "fr")
    client.force_login(moderator)
    url = f"/admin/joining/applications/{application.pk}/"
    assert client.post(url, {"action": "decline", "reason": ""}).status_code == 400
    client.post(url, {"action": "decline", "reason": "Pas encore d'engagement public."})
    application.refresh_from_db()
    assert application.state == State.DECLINED
    message = mail.outbox[-1]
    assert "Pas encore d'engagement public." in message.body and message.extra_headers["Content-Language"] == "fr"
    assert not MemberPage.objects.exists()
    # A declined application cannot then be approved.
    client.post(url, {"action": "approve", "reason": ""})
    application.refresh_from_db()
    assert application.state == State.DECLINED
    assert ModelLogEntry.objects.filter(object_id=str(application.pk), action="joining.decline").exists()


def test_personal_data_is_erased_after_the_retention_period(client, home, moderator, settings):
    settings.HUB_APPLICATION_RETENTION_DAYS = 30
    application = confirmed(client)
    services.ask(application, "Which districts?", moderator)
    services.record_answer(application, "Cusco.")
    services.decline(application, "Not yet.", moderator)
    apply(client, email="never@example.org")  # never confirmed
    now = timezone.now()
    assert services.erase_decided(now + datetime.timedelta(days=10)) == (0, 0)
    assert services.erase_decided(now + datetime.timedelta(days=31)) == (1, 1)
    application.refresh_from_db()
    assert application.organisation == "Semillas del Valle" and application.state == State.DECLINED
    assert application.decided_at and application.erased_at
    for field in ("contact_name", "email", "question", "answer", "reason"):
        assert getattr(application, field) == ""
    assert MembershipApplication.objects.count() == 1
    actions = ModelLogEntry.objects.filter(object_id=str(application.pk)).order_by("timestamp", "pk")
    assert list(actions.values_list("action", flat=True)) == [
        "joining.apply",
        "joining.confirm",
        "joining.ask",
        "joining.answer",
        "joining.decline",
        "joining.erase",
    ]
    # Erased once: a later run logs nothing more.
    services.erase_decided(now + datetime.timedelta(days=60))
    assert ModelLogEntry.objects.filter(object_id=str(application.pk), action="joining.erase").count() == 1


def test_erasure_runs_as_a_periodic_job(client, home, moderator, settings):
    from hub.base.periodic import periodic_jobs

    settings.HUB_APPLICATION_RETENTION_DAYS = 0
    application = confirmed(client)
    services.decline(application, "Not yet.", moderator)
    MembershipApplication.objects.filter(pk=application.pk).update(decided_at=timezone.now() - datetime.timedelta(1))
    (job,) = [job for job in periodic_jobs() if job.name == "erase-decided-applications"]
    job.enqueue()
    application.refresh_from_db()
    assert application.email == "" and application.erased_at
