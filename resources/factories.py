import datetime

import factory
import wagtail_factories

from resources import models


class GlossaryIndexPageFactory(wagtail_factories.PageFactory):
    title = "Glossary"
    slug = "glossary"

    class Meta:
        model = models.GlossaryIndexPage


class GlossaryTermPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Participatory planning {n}")
    slug = factory.Sequence(lambda n: f"term-{n}")
    short_definition = "Residents and local government decide priorities together."
    explanation = "<p>A longer explanation of the term.</p>"

    class Meta:
        model = models.GlossaryTermPage


class PaperIndexPageFactory(wagtail_factories.PageFactory):
    title = "Library"
    slug = "papers"

    class Meta:
        model = models.PaperIndexPage


class PaperPageFactory(wagtail_factories.PageFactory):
    title = factory.Sequence(lambda n: f"Community scorecards in practice {n}")
    slug = factory.Sequence(lambda n: f"paper-{n}")
    publication_date = datetime.date(2023, 5, 4)
    abstract = "How village committees used scorecards to hold clinics to account."
    document_type = "methodology"
    countries = ["UG"]
    licence = "cc-by-4.0"
    doi = "10.5555/cldhub.0001"
    language = "en"

    class Meta:
        model = models.PaperPage
