import datetime

from django.utils import timezone

import pytest

from hub.base.testing import refresh_search_engine


@pytest.fixture
def corpus(home):
    """A small hub whose facet counts are known exactly."""
    from events.factories import EventIndexPageFactory, EventPageFactory
    from hub.base.factories import MethodFactory, ThemeFactory
    from hub.base.models import SDG
    from members.factories import (
        ChapterIndexPageFactory,
        ChapterPageFactory,
        MemberIndexPageFactory,
        MemberPageFactory,
    )
    from resources.factories import (
        GlossaryIndexPageFactory,
        GlossaryTermPageFactory,
        PaperIndexPageFactory,
        PaperPageFactory,
    )
    from resources.models import GlossaryVariant

    governance = ThemeFactory(name="Local governance", slug="governance")
    climate = ThemeFactory(name="Climate resilience", slug="climate")
    mapping = MethodFactory(name="Asset mapping", slug="asset-mapping")
    sdg = {s.number: s for s in SDG.objects.all()}

    members = MemberIndexPageFactory(parent=home)
    alpha = MemberPageFactory(parent=members, title="Alpha Alliance", slug="alpha", headquarters="KE", countries=[])
    beta = MemberPageFactory(parent=members, title="Beta Collective", slug="beta", headquarters="PE", countries=[])
    alpha.themes.set([governance])

    chapters = ChapterIndexPageFactory(parent=home)
    peru = ChapterPageFactory(parent=chapters, title="Peru chapter", slug="peru", country="PE")
    peru.lead_organisations.set([beta])

    library = PaperIndexPageFactory(parent=home)
    budgets = PaperPageFactory(
        parent=library,
        title="Participatory budgeting in Osh",
        abstract="Villagers and councils share a budgeting calendar.",
        countries=["KG"],
        publication_date=datetime.date(2021, 3, 1),
    )
    budgets.themes.set([governance])
    budgets.methods.set([mapping])
    budgets.sdgs.set([sdg[11], sdg[16]])
    budgets.organisations.set([alpha])
    floods = PaperPageFactory(
        parent=library,
        title="Flood maps drawn by villagers",
        abstract="Community asset maps guide municipal flood plans.",
        countries=["PE"],
        publication_date=datetime.date(2023, 6, 1),
    )
    floods.themes.set([climate])
    floods.methods.set([mapping])
    floods.sdgs.set([sdg[13]])
    floods.organisations.set([beta])

    events = EventIndexPageFactory(parent=home)
    webinar = EventPageFactory(
        parent=peru,
        title="Budgeting webinar for councillors",
        summary="How municipalities open their budgeting to residents.",
        start=timezone.make_aware(datetime.datetime(2026, 12, 2, 15)),
    )
    webinar.themes.set([governance])
    webinar.organisers.set([alpha])

    glossary = GlossaryIndexPageFactory(parent=home)
    term = GlossaryTermPageFactory(
        parent=glossary,
        title="Participatory budgeting",
        slug="participatory-budgeting",
        short_definition="Residents decide how part of a public budget is spent.",
    )
    term.variants.add(GlossaryVariant(label="Citizen budget circles", organisation=beta, language="en"))
    term.themes.set([governance])

    pages = [alpha, beta, peru, budgets, floods, webinar, term]
    for page in pages:
        page.save_revision().publish()
    refresh_search_engine()
    return {
        "alpha": alpha,
        "beta": beta,
        "peru": peru,
        "budgets": budgets,
        "floods": floods,
        "webinar": webinar,
        "term": term,
        "events": events,
        "library": library,
    }
