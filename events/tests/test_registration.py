"""Registration on the hub: the form, places and the waiting list, cancelling, rate limits, erasure,
and who sees the registrations."""

import datetime
import io

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.test import override_settings
from django.utils import timezone

import pytest

from events import registrations
from events.factories import EventPageFactory
from events.models import Registration
from members import roles
from members.onboarding import onboard_chapter

pytestmark = pytest.mark.django_db


def form_data(**changes):
    data = {
        "name": "Ana Quispe",
        "email": "ana@example.org",
        "organisation": "Village Voices Network",
        "country": "PE",
        "accessibility": "Spanish interpretation",
        "consent": "on",
        "website": "",
    }
    data.update(changes)
    return data


@pytest.fixture
def event(tree):
    event = tree["event"]
    event.registration_open = True
    event.capacity = 2
    event.online_url = "https://meet.example.org/peru-webinar"
    event.save_revision().publish()
    return event


def register_url(event):
    return event.url + "register/"


def post(client, event, ip="192.0.2.1", **changes):
    return client.post(register_url(event), form_data(**changes), REMOTE_ADDR=ip)


def register(event, email, name="Someone"):
    return registrations.register(event, name=name, email=email, language="en")[0]


def test_the_event_page_offers_the_form_and_shows_places_left(client, event):
    response = client.get(event.url)
    content = response.content.decode()
    assert response.status_code == 200
    assert 'action="' + register_url(event) + '"' in content
    assert 'data-places-left="2"' in content
    assert 'for="id_email"' in content


def test_an_event_taking_registrations_stays_within_the_query_budget(client, event, django_assert_max_num_queries):
    register(event, "one@example.org")
    with django_assert_max_num_queries(20):
        assert client.get(event.url).status_code == 200


def test_registering_takes_a_place(client, event):
    response = post(client, event)
    assert response.status_code == 200
    assert "Thank you, Ana Quispe." in response.content.decode()
    registration = Registration.objects.get()
    assert registration.status == "confirmed"
    assert (registration.email, registration.country.code) == ("ana@example.org", "PE")
    assert registration.event_key == event.translation_key
    assert 'data-places-left="1"' in client.get(event.url).content.decode()


def test_the_same_address_twice_keeps_one_registration(client, event):
    post(client, event)
    response = post(client, event, email="ANA@example.org ", name="Ana Q.")
    assert response.status_code == 200
    assert Registration.objects.count() == 1
    assert registrations.places_left(event) == 1


def test_when_every_place_is_taken_people_join_the_waiting_list(client, event):
    register(event, "one@example.org")
    register(event, "two@example.org")
    page = client.get(event.url).content.decode()
    assert "Join the waiting list" in page
    assert 'data-places-left="0"' in page
    response = post(client, event)
    assert "you are on the waiting list" in response.content.decode()
    assert Registration.objects.get(email="ana@example.org").status == Registration.WAITLISTED


def test_a_cancelled_place_goes_to_the_longest_waiting(event):
    first = register(event, "one@example.org")
    register(event, "two@example.org")
    waiting = register(event, "three@example.org")
    later = register(event, "four@example.org")
    assert registrations.cancel(first) is True
    waiting.refresh_from_db()
    later.refresh_from_db()
    assert waiting.status == Registration.CONFIRMED and waiting.promoted_at is not None
    assert later.status == Registration.WAITLISTED
    assert registrations.cancel(first) is False  # twice changes nothing


def test_cancelling_a_waiting_place_promotes_nobody(event):
    register(event, "one@example.org")
    register(event, "two@example.org")
    waiting = register(event, "three@example.org")
    later = register(event, "four@example.org")
    registrations.cancel(waiting)
    later.refresh_from_db()
    assert later.status == Registration.WAITLISTED


def test_more_places_published_go_to_the_waiting_list(event):
    register(event, "one@example.org")
    register(event, "two@example.org")
    waiting = register(event, "three@example.org")
    event.capacity = 3
    event.save_revision().publish()
    waiting.refresh_from_db()
    assert waiting.status == Registration.CONFIRMED


def test_an_event_without_a_limit_confirms_everyone(event):
    event.capacity = None
    event.save()
    for number in range(5):
        assert register(event, f"p{number}@example.org").status == Registration.CONFIRMED
    assert registrations.places_left(event) is None


def test_a_translation_shares_the_places(event):
    from events.tests.test_feeds import translate

    french = translate(event, "fr")
    register(event, "one@example.org")
    registration = registrations.register(french, name="Lucie", email="lucie@example.org", language="fr")[0]
    assert registration.status == Registration.CONFIRMED
    assert registrations.places_left(french) == 0
    assert registrations.register(french, name="X", email="ONE@example.org", language="fr")[1] is False


@pytest.mark.parametrize(
    ("changes", "field"),
    [
        ({"email": "not an address"}, "email"),
        ({"email": ""}, "email"),
        ({"name": ""}, "name"),
        ({"name": "x" * 500}, "name"),
        ({"country": "ZZ"}, "country"),
        ({"consent": ""}, "consent"),
        ({"accessibility": "x" * 3000}, "accessibility"),
        ({"name": "Ana\x00"}, "name"),
    ],
)
def test_bad_input_gets_a_400_with_the_field_marked(client, event, changes, field):
    response = post(client, event, **changes)
    assert response.status_code == 400
    assert "Please correct the fields marked below." in response.content.decode()
    assert field in response.context["registration_form"].errors
    assert not Registration.objects.exists()


def test_a_filled_honeypot_stores_nothing_but_looks_the_same(client, event):
    response = post(client, event, website="http://spam.example")
    assert response.status_code == 200
    assert "Thank you" in response.content.decode()
    assert not Registration.objects.exists()


def test_registration_closed_is_a_409(client, event):
    event.registration_closes = timezone.now() - datetime.timedelta(minutes=1)
    event.save_revision().publish()
    response = post(client, event)
    assert response.status_code == 409
    assert "Registration for this event is closed." in response.content.decode()
    assert 'class="registration-form"' not in client.get(event.url).content.decode()


def test_a_get_of_the_form_target_goes_back_to_the_page(client, event):
    response = client.get(register_url(event))
    assert response.status_code == 302
    assert response["Location"] == event.url + "#register"


@override_settings(HUB_REGISTRATION_LIMIT_PER_ADDRESS=2)
def test_registrations_per_address_are_limited(client, event):
    for ip in ("192.0.2.1", "192.0.2.2"):
        assert post(client, event, ip=ip).status_code == 200
    response = post(client, event, ip="192.0.2.3")
    assert response.status_code == 429
    assert "Too many registrations for this e-mail address" in response.content.decode()


@override_settings(HUB_REGISTRATION_LIMIT_PER_IP=2)
def test_registrations_per_client_address_are_limited(client, event):
    for number in range(2):
        assert post(client, event, email=f"p{number}@example.org").status_code == 200
    response = post(client, event, email="p3@example.org")
    assert response.status_code == 429
    assert "Too many registrations from your network" in response.content.decode()
    assert post(client, event, ip="198.51.100.7", email="p4@example.org").status_code == 200


def test_a_registration_only_event_keeps_its_online_link_off_the_page_the_calendar_and_the_api(client, event):
    link = "https://meet.example.org/peru-webinar"
    assert link not in client.get(event.url).content.decode()
    assert link not in client.get(event.url + "event.ics").content.decode()
    assert link not in client.get("/events/feed.ics").content.decode()
    api = client.get(f"/api/v2/pages/{event.pk}/").json()
    assert api["online_url"] == ""


def test_registrants_are_in_no_search_api_feed_or_sitemap(client, event):
    register(event, "secret-person@example.org", name="Zebedee Secretname")
    # The search page repeats the query: what matters is that the event is not found by it.
    assert event.title not in client.get("/en/search/", {"q": "Zebedee"}).content.decode()
    assert event.title in client.get("/en/search/", {"q": "Peru webinar"}).content.decode()
    for url in (
        f"/api/v2/pages/{event.pk}/?fields=*",
        "/api/v2/pages/?type=events.EventPage&fields=*",
        "/en/feeds/events.rss",
        "/events/feed.ics",
        "/sitemap.xml",
        event.url,
    ):
        content = client.get(url).content.decode()
        assert "Zebedee" not in content and "secret-person" not in content, url


# --- the registrant's link ---------------------------------------------------------------


def test_the_signed_link_cancels_on_post_only(client, event):
    registration = register(event, "one@example.org", name="Ana")
    url = registrations.registration_url(registration)
    page = client.get(url)
    assert page.status_code == 200
    assert "Cancel my registration" in page.content.decode()
    registration.refresh_from_db()
    assert registration.status == Registration.CONFIRMED  # a mail scanner's GET changes nothing
    response = client.post(url)
    assert response.status_code == 200
    assert "Your registration is cancelled." in response.content.decode()
    registration.refresh_from_db()
    assert registration.status == Registration.CANCELLED


@pytest.mark.parametrize(
    "token",
    ["forged", "1-1tXXXX-abcdefghijklmnopqrstuvwxyz0", "99999-1tYYYY-signature-that-does-not-match", "x-y-z"],
)
def test_a_forged_link_is_a_400(client, event, token):
    register(event, "one@example.org")
    response = client.post(event.url + f"registration/{token}/")
    assert response.status_code == 400
    assert "This link is not valid." in response.content.decode()
    assert Registration.objects.get().status == Registration.CONFIRMED


def test_an_expired_link_is_a_400(client, event):
    registration = register(event, "one@example.org")
    url = registrations.registration_url(registration)
    later = timezone.now() + registrations.TOKEN_MAX_AGE + datetime.timedelta(days=1)
    with pytest.MonkeyPatch.context() as patch:
        patch.setattr("django.core.signing.time.time", lambda: later.timestamp())
        response = client.post(url)
    assert response.status_code == 400
    registration.refresh_from_db()
    assert registration.status == Registration.CONFIRMED


def test_a_link_for_another_event_is_a_400(client, event, tree):
    registration = register(event, "one@example.org")
    other = tree["past_event"]
    token = registrations.token_for(registration)
    assert client.get(other.url + f"registration/{token}/").status_code == 400


def test_after_the_start_a_registration_cannot_be_cancelled(client, event):
    registration = register(event, "one@example.org")
    url = registrations.registration_url(registration)
    event.start = timezone.now() - datetime.timedelta(minutes=5)
    event.save_revision().publish()
    response = client.post(url)
    assert response.status_code == 409
    registration.refresh_from_db()
    assert registration.status == Registration.CONFIRMED


# --- retention ---------------------------------------------------------------------------


@override_settings(HUB_REGISTRATION_RETENTION_DAYS=30)
def test_personal_data_is_erased_after_the_retention_period_keeping_the_counts(event, tree):
    register(event, "one@example.org")
    register(event, "two@example.org")
    register(event, "three@example.org")
    now = event.end + datetime.timedelta(days=29)
    assert registrations.erase_personal_data(now) == 0
    assert registrations.erase_personal_data(event.end + datetime.timedelta(days=31)) == 3
    assert registrations.counts(event) == {"confirmed": 2, "waitlisted": 1, "cancelled": 0}
    for registration in Registration.objects.all():
        assert (registration.name, registration.email, registration.organisation, registration.accessibility) == (
            "",
            None,
            "",
            "",
        )
        assert registration.erased_at is not None


def test_one_persons_data_is_exported_and_deleted_on_request(event, tree):
    register(event, "one@example.org", name="Ana")
    register(event, "two@example.org")
    register(event, "three@example.org")
    exported = registrations.personal_data("ONE@example.org")
    assert [(row["name"], row["email"], row["event"]) for row in exported] == [("Ana", "one@example.org", event.title)]
    assert registrations.delete_personal_data("one@example.org") == 1
    assert registrations.personal_data("one@example.org") == []
    assert Registration.objects.get(email="three@example.org").status == Registration.CONFIRMED


# --- who sees the registrations ------------------------------------------------------------


def user_in(group_name, username):
    user = get_user_model().objects.create_user(username, f"{username}@example.org", "pw")
    user.groups.add(Group.objects.get(name=group_name))
    return user


@pytest.fixture
def people(event, tree):
    from members.factories import ChapterPageFactory

    lead = onboard_chapter(tree["chapter"].title, "lead@example.org").user
    lead.is_active = True
    lead.save()
    other_chapter = ChapterPageFactory(parent=tree["chapter_index"], title="Kenya chapter", country="KE")
    other_chapter.save_revision().publish()
    other_lead = onboard_chapter(other_chapter.title, "other-lead@example.org").user
    other_lead.is_active = True
    other_lead.save()
    editor = get_user_model().objects.create_user("editor", "editor@example.org", "pw")
    editor.groups.add(Group.objects.get(name="Editors"))
    return {
        "moderator": user_in(roles.MODERATORS, "moderator"),
        "lead": lead,
        "other_lead": other_lead,
        "editor": editor,
    }


@pytest.mark.parametrize(("who", "status"), [("moderator", 200), ("lead", 200), ("other_lead", 403), ("editor", 403)])
def test_only_moderators_and_the_chapters_lead_see_and_export_registrations(client, event, people, who, status):
    register(event, "one@example.org", name='=HYPERLINK("http://evil")')
    client.force_login(people[who])
    listing = client.get(f"/admin/events/{event.pk}/registrations/")
    export = client.get(f"/admin/events/{event.pk}/registrations.csv")
    assert (listing.status_code, export.status_code) == (status, status)
    if status == 200:
        assert "one@example.org" in listing.content.decode()
        rows = export.content.decode("utf-8-sig").splitlines()
        assert rows[0].startswith("Name,E-mail,Organisation,Country")
        # A name a spreadsheet would run as a formula is written as text.
        assert rows[1].startswith("\"'=HYPERLINK(")
        assert "one@example.org" in rows[1]
        assert export["Content-Type"].startswith("text/csv")


def test_the_registrations_index_lists_only_the_users_events(client, event, people, tree):
    other = EventPageFactory(parent=tree["events"], title="Movement-wide webinar", registration_open=True)
    other.save_revision().publish()
    client.force_login(people["lead"])
    content = client.get("/admin/events/registrations/").content.decode()
    assert event.title in content and "Movement-wide webinar" not in content
    client.force_login(people["moderator"])
    content = client.get("/admin/events/registrations/").content.decode()
    assert event.title in content and "Movement-wide webinar" in content


def test_only_moderators_export_or_delete_ones_data_in_the_admin(client, event, people):
    register(event, "one@example.org", name="Ana")
    client.force_login(people["lead"])
    assert client.post("/admin/events/registrations/personal-data/", {"email": "one@example.org"}).status_code == 403
    client.force_login(people["moderator"])
    export = client.post("/admin/events/registrations/personal-data/", {"email": "one@example.org", "action": "export"})
    assert export.status_code == 200
    assert export.json()["registrations"][0]["name"] == "Ana"
    url = "/admin/events/registrations/personal-data/"
    deleted = client.post(url, {"email": "one@example.org", "action": "delete"})
    assert deleted.status_code == 302
    assert not Registration.objects.exists()
    bad = client.post("/admin/events/registrations/personal-data/", {"email": "nope", "action": "delete"})
    assert bad.status_code == 200 and "Enter a valid email address." in bad.content.decode()


def test_the_personal_data_command_exports_and_deletes_one_address(event):
    import json

    from django.core.management import CommandError, call_command

    register(event, "one@example.org", name="Ana")
    out = io.StringIO()
    call_command("personal_data", "export", "One@Example.org", stdout=out)
    assert json.loads(out.getvalue())["event_registrations"][0]["name"] == "Ana"
    call_command("personal_data", "erase", "one@example.org", stdout=io.StringIO())
    assert not Registration.objects.exists()
    with pytest.raises(CommandError, match="Not an e-mail address"):
        call_command("personal_data", "export", "nobody")


def test_the_periodic_command_erases_registrations_of_long_past_events(event):
    from django.core.management import call_command

    register(event, "one@example.org")
    event.start = timezone.now() - datetime.timedelta(days=200)
    event.end = event.start + datetime.timedelta(hours=2)
    event.save_revision().publish()
    call_command("run_periodic", only=["event-registrations-erasure"])
    registration = Registration.objects.get()
    assert registration.email is None and registration.erased_at is not None
    assert registrations.counts(event)["confirmed"] == 1
