import datetime

from django.utils import timezone

from wagtail.models import Page, Site

import pytest


@pytest.fixture
def home(db):
    """A hub home page as the default site's root, like load_demo builds."""
    from hub.factories import HomePageFactory

    root = Page.get_first_root_node()
    home = HomePageFactory(parent=root)
    Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home, "hostname": "localhost"})
    return home


@pytest.fixture
def tree(home):
    """One page of every type under its index, with taxonomy attached."""
    from events.factories import EventIndexPageFactory, EventPageFactory
    from hub.factories import DataSourceFactory, MethodFactory, SectorFactory, ThemeFactory
    from hub.models import SDG
    from members.factories import (
        ChapterIndexPageFactory,
        ChapterPageFactory,
        MemberIndexPageFactory,
        MemberPageFactory,
        PersonFactory,
    )
    from members.models import ChapterPartnership, ChapterProgramme, MemberSocialLink
    from resources.factories import (
        GlossaryIndexPageFactory,
        GlossaryTermPageFactory,
        PaperIndexPageFactory,
        PaperPageFactory,
    )
    from resources.models import GlossaryVariant, PaperAuthor

    theme = ThemeFactory(name="Local governance", slug="local-governance")
    method = MethodFactory(name="Community scorecards", slug="community-scorecards")
    sector = SectorFactory(name="Health", slug="health")
    source = DataSourceFactory(name="Household surveys", slug="household-surveys")

    member_index = MemberIndexPageFactory(parent=home)
    member = MemberPageFactory(parent=member_index, title="Village Voices Network")
    member.themes.set([theme])
    member.sectors.set([sector])
    member.social_links.add(MemberSocialLink(platform="linkedin", url="https://example.org/li"))
    member.save()
    person = PersonFactory(name="Amina Odhiambo", organisation=member)

    chapter_index = ChapterIndexPageFactory(parent=home)
    chapter = ChapterPageFactory(parent=chapter_index, title="Peru chapter")
    chapter.lead_organisations.set([member])
    chapter.lead_people.set([person])
    chapter.partnerships.add(
        ChapterPartnership(
            partner="Municipality of Cusco", level="local", status="signed", date_signed=datetime.date(2024, 3, 1)
        )
    )
    chapter.programmes.add(
        ChapterProgramme(name="Andean village plans", description="Plans in 40 villages.", start_year=2022)
    )
    chapter.save()

    glossary = GlossaryIndexPageFactory(parent=home)
    term = GlossaryTermPageFactory(parent=glossary, title="Participatory planning")
    term.variants.add(GlossaryVariant(label="Village visioning", organisation=member, language="en"))
    term.themes.set([theme])
    term.save()
    related = GlossaryTermPageFactory(parent=glossary, title="Local self-government")
    term.related_terms.set([related])
    term.save()

    library = PaperIndexPageFactory(parent=home)
    paper = PaperPageFactory(parent=library, title="Community scorecards in practice")
    paper.organisations.set([member])
    paper.methods.set([method])
    paper.themes.set([theme])
    paper.data_sources.set([source])
    paper.sdgs.set(SDG.objects.filter(number__in=[3, 16]))
    paper.authors.add(PaperAuthor(person=person))
    paper.save()

    events = EventIndexPageFactory(parent=home)
    event = EventPageFactory(parent=chapter, title="Peru chapter webinar")
    event.organisers.set([member])
    event.speakers.set([person])
    event.save()
    past = EventPageFactory(
        parent=events,
        title="Localisation seminar",
        start=timezone.now() - datetime.timedelta(days=30),
        recording_url="https://example.org/recording",
    )
    for page in (member, chapter, term, paper, event):
        page.save_revision().publish()
    return {
        "home": home,
        "member_index": member_index,
        "member": member,
        "person": person,
        "chapter_index": chapter_index,
        "chapter": chapter,
        "glossary": glossary,
        "term": term,
        "related_term": related,
        "library": library,
        "paper": paper,
        "events": events,
        "event": event,
        "past_event": past,
        "theme": theme,
        "method": method,
    }
