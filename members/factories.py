import factory
import wagtail_factories

from members import models


class PersonFactory(factory.django.DjangoModelFactory):
    name = factory.Sequence(lambda n: f"Amina Person {n}")
    role = "Programme lead"

    class Meta:
        model = models.Person


class MemberIndexPageFactory(wagtail_factories.PageFactory):
    title = "Members"
    slug = "members"

    class Meta:
        model = models.MemberIndexPage


class MemberPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Village Voices Network {n}")
    slug = factory.Sequence(lambda n: f"member-{n}")
    short_name = "VVN"
    summary = "Supports village councils to plan and budget with their residents."
    website = "https://example.org/vvn"
    headquarters = "KE"
    countries = ["KE", "UG"]
    year_joined = 2019
    commitment = "<p>We commit to letting communities set their own priorities.</p>"
    contact_email = "secretariat-only@example.org"

    class Meta:
        model = models.MemberPage


class ChapterIndexPageFactory(wagtail_factories.PageFactory):
    title = "Chapters"
    slug = "chapters"

    class Meta:
        model = models.ChapterIndexPage


class ChapterPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Chapter {n}")
    slug = factory.Sequence(lambda n: f"chapter-{n}")
    country = "PE"
    status = models.ChapterPage.STATUS_ACTIVE
    intro = "Members working with municipalities across the highlands."
    contact_email = "peru-chapter@example.org"

    class Meta:
        model = models.ChapterPage
