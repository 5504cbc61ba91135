"""A site with every role onboarded the way the secretariat does it, for the permission and moderation tests.

Built once per test module (`site_fixture`): each test then runs in a savepoint inside the module's
transaction, which is rolled back at the end, so the tests stay independent and the setup is paid once.
"""

from django.contrib.auth import get_user_model
from django.contrib.auth.models import Group
from django.db import transaction

from wagtail.models import Page, Site

import pytest

from events.factories import EventIndexPageFactory, EventPageFactory
from hub.base.factories import HomePageFactory
from hub.catalogue.factories import MethodIndexPageFactory, ReadingListIndexPageFactory, ThemeIndexPageFactory
from members import roles
from members.factories import ChapterIndexPageFactory, ChapterPageFactory, MemberIndexPageFactory, MemberPageFactory
from members.onboarding import onboard_chapter, onboard_member
from resources.factories import (
    GlossaryIndexPageFactory,
    GlossaryTermPageFactory,
    PaperIndexPageFactory,
    PaperPageFactory,
)


def activate(user):
    """What the password-set link does, without the e-mail round trip."""
    user.is_active = True
    user.set_password("pw")
    user.save()
    return user


def published(page):
    page.save_revision().publish()
    return page


def build():
    home = HomePageFactory(parent=Page.get_first_root_node())
    Site.objects.update_or_create(is_default_site=True, defaults={"root_page": home, "hostname": "localhost"})
    member_index = MemberIndexPageFactory(parent=home)
    chapter_index = ChapterIndexPageFactory(parent=home)
    library = PaperIndexPageFactory(parent=home)
    glossary = GlossaryIndexPageFactory(parent=home)
    EventIndexPageFactory(parent=home)
    # One of every index type, so that the home page takes no other child.
    MethodIndexPageFactory(parent=home)
    ThemeIndexPageFactory(parent=home)
    ReadingListIndexPageFactory(parent=home)

    member = published(MemberPageFactory(parent=member_index, title="Village Voices Network"))
    other_member = published(MemberPageFactory(parent=member_index, title="Harbour Families Alliance"))
    own_paper = PaperPageFactory(parent=member, title="Our draft paper", live=False)
    own_paper.save_revision()
    own_live_paper = published(PaperPageFactory(parent=member, title="Our published paper"))
    other_paper = published(PaperPageFactory(parent=other_member, title="Their paper"))
    # A library paper naming the organisation: its editors edit it, the secretariat publishes and files it.
    library_paper = PaperPageFactory.build(title="Library paper")
    library_paper.organisations = [member]
    library.add_child(instance=library_paper)
    published(library_paper)
    chapter = published(ChapterPageFactory(parent=chapter_index, title="Peru chapter", country="PE"))
    own_event = published(EventPageFactory(parent=chapter, title="Peru chapter webinar"))
    other_chapter = published(ChapterPageFactory(parent=chapter_index, title="Kenya chapter", country="KE"))
    other_event = published(EventPageFactory(parent=other_chapter, title="Kenya chapter webinar"))
    term = published(GlossaryTermPageFactory(parent=glossary, title="Participatory planning"))

    moderator = get_user_model().objects.create_user("moderator", "moderator@example.org", "pw")
    moderator.groups.add(Group.objects.get(name=roles.MODERATORS))
    return {
        "home": home,
        "member_index": member_index,
        "chapter_index": chapter_index,
        "library": library,
        "own_member": member,
        "own_paper": own_paper,
        "own_live_paper": own_live_paper,
        "other_member": other_member,
        "other_paper": other_paper,
        "library_paper": library_paper,
        "own_chapter": chapter,
        "own_event": own_event,
        "other_chapter": other_chapter,
        "other_event": other_event,
        "glossary_term": term,
        "moderator": moderator,
        "member_editor": activate(onboard_member(member.title, "editor@example.org").user),
        "other_editor": activate(onboard_member(other_member.title, "other-editor@example.org").user),
        "chapter_lead": activate(onboard_chapter(chapter.title, "lead@example.org").user),
        "other_lead": activate(onboard_chapter(other_chapter.title, "other-lead@example.org").user),
    }


@pytest.fixture(scope="module")
def site_fixture(django_db_setup, django_db_blocker):
    with django_db_blocker.unblock(), transaction.atomic():
        yield build()
        transaction.set_rollback(True)
