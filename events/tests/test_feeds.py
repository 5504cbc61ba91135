"""Calendars (.ics) and RSS/Atom feeds of events, read back with real parsers."""

import datetime

from django.utils import timezone

from wagtail.models import Locale, PageViewRestriction

import pytest
from defusedxml import ElementTree
from icalendar import Calendar

from events.factories import EventPageFactory

pytestmark = pytest.mark.django_db

ATOM = "{http://www.w3.org/2005/Atom}"


def calendar_from(response):
    assert response.status_code == 200
    assert response["Content-Type"].startswith("text/calendar")
    return Calendar.from_ical(response.content)


def vevents_by_summary(calendar):
    return {str(event["SUMMARY"]): event for event in calendar.walk("VEVENT")}


def draft_event(parent, title):
    """An event saved as a draft and never published."""
    event = EventPageFactory.build(title=title, slug="draft-event", live=False)
    parent.add_child(instance=event)
    event.save_revision()
    return event


def translate(page, language_code, **changes):
    locale, _ = Locale.objects.get_or_create(language_code=language_code)
    translation = page.copy_for_translation(locale, copy_parents=True)
    for name, value in changes.items():
        setattr(translation, name, value)
    translation.save_revision().publish()
    return translation


def test_site_calendar_lists_upcoming_and_recent_events_in_their_own_time_zone(client, tree):
    calendar = calendar_from(client.get("/events/feed.ics"))
    events = vevents_by_summary(calendar)
    assert set(events) == {"Peru chapter webinar", "Localisation seminar"}
    webinar = events["Peru chapter webinar"]
    start = webinar.decoded("DTSTART")
    assert str(start.tzinfo) == "America/Lima"
    assert webinar["DTSTART"].params["TZID"] == "America/Lima"
    # iCalendar times have whole seconds.
    assert start == tree["event"].start.replace(microsecond=0)
    assert webinar.decoded("DTEND") == tree["event"].end.replace(microsecond=0)
    assert str(webinar["URL"]) == tree["event"].get_full_url()
    assert "Chapter leads compare notes" in str(webinar["DESCRIPTION"])
    assert [timezone.tz_name for timezone in calendar.timezones] == ["America/Lima"]
    assert calendar.get_missing_tzids() == set()


def test_event_uid_is_stable_across_edits(client, tree):
    event = tree["event"]
    uid = str(vevents_by_summary(calendar_from(client.get("/events/feed.ics")))["Peru chapter webinar"]["UID"])
    assert uid == f"{event.translation_key}@localhost"
    event.title = "Peru chapter webinar (new date)"
    event.slug = "moved-webinar"
    event.start += datetime.timedelta(days=1)
    event.end += datetime.timedelta(days=1)
    event.save_revision().publish()
    edited = vevents_by_summary(calendar_from(client.get("/events/feed.ics")))["Peru chapter webinar (new date)"]
    assert str(edited["UID"]) == uid


def test_recording_of_a_past_event_stays_in_the_calendar(client, tree):
    seminar = vevents_by_summary(calendar_from(client.get("/events/feed.ics")))["Localisation seminar"]
    assert "https://example.org/recording" in str(seminar["DESCRIPTION"])
    assert str(seminar["ATTACH"]) == "https://example.org/recording"


def test_events_older_than_the_window_leave_the_calendar(client, tree):
    EventPageFactory(parent=tree["events"], title="Long ago", start=timezone.now() - datetime.timedelta(days=200))
    assert "Long ago" not in vevents_by_summary(calendar_from(client.get("/events/feed.ics")))


def test_chapter_calendar_holds_only_that_chapters_events(client, tree):
    calendar = calendar_from(client.get(f"/events/chapters/{tree['chapter'].slug}/feed.ics"))
    assert set(vevents_by_summary(calendar)) == {"Peru chapter webinar"}
    assert "Peru chapter" in str(calendar["NAME"])


@pytest.mark.parametrize("slug", ["nowhere", "draft-chapter"])
def test_calendar_of_an_unknown_or_unpublished_chapter_is_not_found(client, tree, slug):
    from members.factories import ChapterPageFactory

    ChapterPageFactory(parent=tree["chapter_index"], slug="draft-chapter", live=False)
    response = client.get(f"/events/chapters/{slug}/feed.ics")
    assert response.status_code == 404


def test_drafts_private_events_and_unpublished_edits_stay_out_of_calendars(client, tree):
    draft_event(tree["events"], "Secret draft webinar")
    private = EventPageFactory(parent=tree["events"], title="Members-only retreat")
    PageViewRestriction.objects.create(page=private, restriction_type="password", password="letmein")
    event = tree["event"]
    event.title = "Unpublished new title"
    event.save_revision()
    for url in ("/events/feed.ics", f"/events/chapters/{tree['chapter'].slug}/feed.ics"):
        content = client.get(url).content.decode()
        for hidden in ("Secret draft webinar", "Members-only retreat", "Unpublished new title"):
            assert hidden not in content, f"{hidden!r} in {url}"
    assert not client.get(private.url + "event.ics")["Content-Type"].startswith("text/calendar")


def test_event_page_links_to_its_own_calendar_file(client, tree):
    event = tree["event"]
    html = client.get(event.url).content.decode()
    assert f'href="{event.url}event.ics"' in html
    assert "Add to calendar (.ics)" in html
    response = client.get(event.url + "event.ics")
    assert response["Content-Disposition"].startswith("attachment")
    (vevent,) = calendar_from(response).walk("VEVENT")
    assert str(vevent["SUMMARY"]) == "Peru chapter webinar"
    assert str(vevent["UID"]) == f"{event.translation_key}@localhost"


def test_draft_event_has_no_calendar_file(client, tree):
    draft = draft_event(tree["events"], "Secret draft webinar")
    assert client.get(f"/en/events/{draft.slug}/event.ics").status_code == 404


def test_calendar_location_is_the_venue_in_person_and_the_joining_link_online(client, tree):
    start = timezone.now() + datetime.timedelta(days=3)
    EventPageFactory(
        parent=tree["events"],
        title="Town hall meeting",
        format="in-person",
        venue="Cusco town hall",
        country="PE",
        start=start,
    )
    EventPageFactory(
        parent=tree["events"],
        title="Online clinic",
        format="online",
        online_url="https://meet.example.org/x",
        start=start,
    )
    events = vevents_by_summary(calendar_from(client.get("/events/feed.ics")))
    assert str(events["Town hall meeting"]["LOCATION"]) == "Cusco town hall, Peru"
    assert str(events["Online clinic"]["LOCATION"]) == "https://meet.example.org/x"


def test_translated_event_appears_once_in_the_visitors_language(client, tree):
    event = tree["event"]
    translate(event, "fr", title="Webinaire du chapitre Pérou")
    english = vevents_by_summary(calendar_from(client.get("/events/feed.ics", HTTP_ACCEPT_LANGUAGE="en")))
    french = vevents_by_summary(calendar_from(client.get("/events/feed.ics", HTTP_ACCEPT_LANGUAGE="fr")))
    assert "Webinaire du chapitre Pérou" not in english
    assert "Peru chapter webinar" not in french
    assert str(french["Webinaire du chapitre Pérou"]["UID"]) == str(english["Peru chapter webinar"]["UID"])


def test_event_page_gives_times_in_the_event_zone_and_loads_the_local_time_script(client, tree):
    html = client.get(tree["event"].url).content.decode()
    start = tree["event"].local_start.replace(microsecond=0).isoformat()
    assert start.endswith("-05:00")
    assert f'<time datetime="{start}" data-local-time>' in html
    assert "data-local-time-output" in html
    assert '<script src="/static/js/local-time.js" defer></script>' in html


def test_event_feeds_are_valid_rss_and_atom(client, tree):
    rss = client.get("/en/feeds/events.rss")
    assert rss["Content-Type"].startswith("application/rss+xml")
    channel = ElementTree.fromstring(rss.content).find("channel")
    items = {item.findtext("title"): item for item in channel.findall("item")}
    assert set(items) == {"Peru chapter webinar", "Localisation seminar"}
    assert items["Peru chapter webinar"].findtext("link") == tree["event"].get_full_url()
    assert "America/Lima" in items["Peru chapter webinar"].findtext("description")
    assert "https://example.org/recording" in items["Localisation seminar"].findtext("description")

    atom = client.get("/en/feeds/events.atom")
    assert atom["Content-Type"].startswith("application/atom+xml")
    feed = ElementTree.fromstring(atom.content)
    entries = {entry.findtext(f"{ATOM}title"): entry for entry in feed.findall(f"{ATOM}entry")}
    assert set(entries) == {"Peru chapter webinar", "Localisation seminar"}
    assert entries["Peru chapter webinar"].find(f"{ATOM}link").get("href") == tree["event"].get_full_url()


def test_event_feeds_give_each_event_in_the_language_of_the_url_else_in_its_source(client, tree):
    translation = translate(tree["event"], "fr", title="Webinaire du chapitre Pérou")
    channel = ElementTree.fromstring(client.get("/fr/feeds/events.rss").content).find("channel")
    links = {item.findtext("title"): item.findtext("link") for item in channel.findall("item")}
    assert links == {
        "Webinaire du chapitre Pérou": translation.get_full_url(),
        "Localisation seminar": tree["past_event"].get_full_url(),
    }
    assert channel.findtext("language") == "fr"


def test_drafts_and_unpublished_edits_stay_out_of_event_feeds(client, tree):
    draft_event(tree["events"], "Secret draft webinar")
    event = tree["event"]
    event.title = "Unpublished new title"
    event.save_revision()
    for url in ("/en/feeds/events.rss", "/en/feeds/events.atom"):
        content = client.get(url).content.decode()
        assert "Secret draft webinar" not in content
        assert "Unpublished new title" not in content


def test_event_index_advertises_its_feeds(client, tree):
    html = client.get(tree["events"].url).content.decode()
    for content_type, href in [
        ("application/rss+xml", "/en/feeds/events.rss"),
        ("application/atom+xml", "/en/feeds/events.atom"),
        ("text/calendar", "/events/feed.ics"),
    ]:
        assert f'<link rel="alternate" type="{content_type}"' in html
        assert f'href="{href}"' in html
        assert client.get(href).status_code == 200


def test_chapter_page_links_to_its_calendar(client, tree):
    chapter = tree["chapter"]
    html = client.get(chapter.url).content.decode()
    href = f"/events/chapters/{chapter.slug}/feed.ics"
    assert f'href="{href}"' in html
    assert "Subscribe to the events of Peru chapter (.ics)" in html
