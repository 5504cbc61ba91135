"""The demo in other languages: the taxonomy, the home and index pages, some terms and papers."""

from django.db import transaction

from wagtail.models import Locale

from hub.base.models import SDG, DataSource, Method, Sector, Theme
from hub.base.sdgs import SDG_NAMES_TRANSLATED
from hub.base.translate import translate_page
from hub.demo import data
from hub.demo.taxonomy_alt_labels import ALT_LABELS
from hub.demo.taxonomy_i18n import TAXONOMY_NAMES

INDEX_TRANSLATIONS = {
    "fr": {
        "members": (
            "Membres",
            "Des organisations de tous les secteurs engagées publiquement pour le développement "
            "mené par les communautés.",
        ),
        "chapters": (
            "Chapitres nationaux",
            "Les chapitres réunissent les membres dans les pays d'intervention pour "
            "travailler avec les collectivités locales.",
        ),
        "glossary": (
            "Glossaire",
            "Le vocabulaire commun du mouvement, et les termes maison que les membres emploient pour les mêmes idées.",
        ),
        "papers": (
            "Bibliothèque méthodologique",
            "Notes méthodologiques, études de cas, plans d'apprentissage et boîtes à outils partagés par les membres.",
        ),
        "events": (
            "Événements",
            "Webinaires, séminaires, événements parallèles et rencontres d'échange d'expériences.",
        ),
    },
    "es": {
        "members": (
            "Miembros",
            "Organizaciones de todos los sectores comprometidas públicamente con el desarrollo "
            "liderado por las comunidades.",
        ),
        "chapters": (
            "Capítulos nacionales",
            "Los capítulos reúnen a los miembros en los países donde trabajan para "
            "colaborar con los gobiernos locales.",
        ),
        "glossary": (
            "Glosario",
            "El vocabulario común del movimiento y los términos propios que cada miembro usa para las mismas ideas.",
        ),
        "papers": (
            "Biblioteca metodológica",
            "Documentos metodológicos, estudios de caso, planes de aprendizaje y "
            "cajas de herramientas que comparten los miembros.",
        ),
        "events": (
            "Eventos",
            "Seminarios web, seminarios, eventos paralelos y encuentros de intercambio de experiencias.",
        ),
    },
    "pt": {
        "members": (
            "Membros",
            "Organizações de todos os setores publicamente comprometidas com o desenvolvimento "
            "liderado pelas comunidades.",
        ),
        "chapters": (
            "Capítulos nacionais",
            "Os capítulos reúnem os membros nos países onde atuam para trabalhar com os governos locais.",
        ),
        "glossary": (
            "Glossário",
            "O vocabulário comum do movimento e os termos próprios que cada membro usa para as mesmas ideias.",
        ),
        "papers": (
            "Biblioteca metodológica",
            "Documentos metodológicos, estudos de caso, planos de aprendizagem e "
            "kits de ferramentas partilhados pelos membros.",
        ),
        "events": ("Eventos", "Webinários, seminários, eventos paralelos e encontros de troca de experiências."),
    },
}


class DemoTranslations:
    """Translates the demo's records and pages (a part of `DemoBuilder`)."""

    def translations(self, home):
        """The home page, index pages, some glossary terms and papers in other languages."""
        self.taxonomy_translations()
        for code, texts in data.TRANSLATIONS.items():
            locale = Locale.objects.filter(language_code=code).first()
            if locale is None or home.has_translation(locale):
                continue
            jobs = [(home, texts["home"])]
            for slug, index in self.indexes.items():
                title, intro = INDEX_TRANSLATIONS[code][slug]
                jobs.append((index, {"title": title, "intro": f"<p>{intro}</p>"}))
            jobs += [(self.glossary[key], values) for key, values in texts.get("glossary", {}).items()]
            jobs += [(self.papers[key], values) for key, values in texts.get("papers", {}).items()]
            for page, values in jobs:
                with transaction.atomic():
                    translate_page(page, locale, values)
                self.created += 1

    def taxonomy_translations(self):
        """Themes, methods, sectors, data sources and the SDGs in every language the demo speaks.

        Before the pages, so translated pages pick up the translated choices (hub.base.i18n.localise_choices).
        """

        for code, names in TAXONOMY_NAMES.items():
            locale = Locale.objects.filter(language_code=code).first()
            if locale is None:
                continue
            alt_labels = ALT_LABELS.get(code, {})
            records = [
                (record, {"name": names[record.slug]} | _alt_labels_segment(alt_labels.get(record.slug)))
                for model in (Theme, Method, Sector, DataSource)
                for record in model.objects.filter(locale=self.locale, slug__in=names)
            ]
            records += [
                (sdg, {"name": SDG_NAMES_TRANSLATED[code][sdg.number]})
                for sdg in SDG.objects.filter(locale=self.locale)
                if sdg.number in SDG_NAMES_TRANSLATED.get(code, {})
            ]
            for record, values in records:
                if record.has_translation(locale):
                    continue
                with transaction.atomic():
                    translate_page(record, locale, values)
                self.created += 1


def _alt_labels_segment(labels):
    """Alternative labels as wagtail-localize holds the field's one segment: lines joined by <br>."""
    return {"alt_labels": "<br>".join(labels.splitlines())} if labels else {}
