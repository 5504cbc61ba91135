"""The glossary as a SKOS vocabulary (Turtle and JSON-LD), built with rdflib.

One skos:Concept per term, gathering all its translations (pages sharing a translation_key):
a prefLabel and a definition per language, an altLabel per in-house variant, skos:related for
related terms. URIs are stable: the scheme is the default locale's glossary URL and a concept is
`<scheme>concept/<translation_key>/`, which the glossary answers with a redirect to the term in
the visitor's language, so renaming a term or moving its translations keeps its URI.

Beside the glossary, the taxonomy (themes, methods, sectors, data sources) is one concept scheme
per kind, `<site root>taxonomy/<kind>/`, a concept per record and its translations
(`<scheme><translation_key>/`), with its alternative labels as skos:altLabel.
"""

from collections import defaultdict

from django.utils import translation

from wagtail.models import Locale, Site

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from hub.base.i18n import real_translations
from hub.base.memo import default_locale, public
from hub.base.models import DataSource, Method, Sector, Theme

TAXONOMY_KINDS = {"themes": Theme, "methods": Method, "sectors": Sector, "data-sources": DataSource}

JSONLD_CONTEXT = {"skos": str(SKOS), "dct": str(DCTERMS)}


def scheme_root(request=None):
    """The glossary index whose URL names the scheme: the default locale's, else any."""
    from .models import GlossaryIndexPage

    indexes = list(real_translations(public(GlossaryIndexPage.objects.live())).select_related("locale").order_by("pk"))
    default = default_locale()
    indexes.sort(key=lambda page: page.locale_id != default.pk)
    return indexes


def concept_uri(scheme, translation_key):
    return URIRef(f"{scheme}concept/{translation_key}/")


def build_graph(request=None):
    from .models import GlossaryTermPage, GlossaryVariant

    graph = Graph()
    graph.bind("skos", SKOS)
    graph.bind("dct", DCTERMS)
    add_taxonomy(graph, request)
    indexes = scheme_root(request)
    if not indexes:
        return graph
    base = indexes[0].get_full_url(request)
    scheme = URIRef(base)
    graph.add((scheme, RDF.type, SKOS.ConceptScheme))
    for index in indexes:
        graph.add((scheme, SKOS.prefLabel, Literal(index.title, lang=index.locale.language_code)))
        graph.add((scheme, DCTERMS.title, Literal(index.title, lang=index.locale.language_code)))

    terms = list(
        real_translations(public(GlossaryTermPage.objects.live()))
        .select_related("locale")
        .only("id", "title", "short_definition", "translation_key", "locale__language_code")
        .order_by("translation_key", "locale_id")
    )
    concepts = {}
    pref_labels = defaultdict(set)
    for term in terms:
        concept = concepts.setdefault(term.translation_key, concept_uri(base, term.translation_key))
        language = term.locale.language_code
        graph.add((concept, RDF.type, SKOS.Concept))
        graph.add((concept, SKOS.inScheme, scheme))
        graph.add((concept, SKOS.topConceptOf, scheme))
        graph.add((scheme, SKOS.hasTopConcept, concept))
        graph.add((concept, SKOS.prefLabel, Literal(term.title, lang=language)))
        graph.add((concept, SKOS.definition, Literal(term.short_definition, lang=language)))
        pref_labels[term.translation_key].add((term.title.casefold(), language))

    term_ids = [term.pk for term in terms]
    variants = GlossaryVariant.objects.filter(page_id__in=term_ids).values_list(
        "label", "language", "page__translation_key"
    )
    for label, language, key in variants:
        # SKOS keeps a concept's preferred and alternative labels apart in each language.
        if (label.casefold(), language) not in pref_labels[key]:
            graph.add((concepts[key], SKOS.altLabel, Literal(label, lang=language)))

    through = GlossaryTermPage.related_terms.through
    related = through.objects.filter(from_glossarytermpage_id__in=term_ids).values_list(
        "from_glossarytermpage__translation_key", "to_glossarytermpage__translation_key"
    )
    for source, target in related:
        if target in concepts and target != source:
            graph.add((concepts[source], SKOS.related, concepts[target]))
    return graph


def taxonomy_root(request=None):
    site = (Site.find_for_request(request) if request else None) or Site.objects.filter(is_default_site=True).first()
    root = site.root_url if site else "http://localhost"
    return f"{root}/taxonomy/"


def add_taxonomy(graph, request=None):
    """One skos:ConceptScheme per kind of taxonomy record, with prefLabels and altLabels per language."""
    root = taxonomy_root(request)
    languages = list(Locale.objects.values_list("language_code", flat=True))
    for kind, model in TAXONOMY_KINDS.items():
        records = list(model.objects.select_related("locale").order_by("translation_key", "locale_id"))
        if not records:
            continue
        scheme = URIRef(f"{root}{kind}/")
        graph.add((scheme, RDF.type, SKOS.ConceptScheme))
        for language in languages:
            with translation.override(language):
                title = str(model._meta.verbose_name_plural).capitalize()
            graph.add((scheme, SKOS.prefLabel, Literal(title, lang=language)))
            graph.add((scheme, DCTERMS.title, Literal(title, lang=language)))
        for record in records:
            concept = URIRef(f"{scheme}{record.translation_key}/")
            language = record.locale.language_code
            graph.add((concept, RDF.type, SKOS.Concept))
            graph.add((concept, SKOS.inScheme, scheme))
            graph.add((concept, SKOS.topConceptOf, scheme))
            graph.add((scheme, SKOS.hasTopConcept, concept))
            graph.add((concept, SKOS.prefLabel, Literal(record.name, lang=language)))
            if record.description:
                graph.add((concept, SKOS.definition, Literal(record.description, lang=language)))
            for label in record.alt_label_list:
                if label.casefold() != record.name.casefold():
                    graph.add((concept, SKOS.altLabel, Literal(label, lang=language)))


def turtle(request=None):
    return build_graph(request).serialize(format="turtle")


def json_ld(request=None):
    return build_graph(request).serialize(format="json-ld", context=JSONLD_CONTEXT, indent=2)
