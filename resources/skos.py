"""The glossary as a SKOS vocabulary (Turtle and JSON-LD), built with rdflib.

One skos:Concept per term, gathering all its translations (pages sharing a translation_key):
a prefLabel and a definition per language, an altLabel per in-house variant, skos:related for
related terms. URIs are stable: the scheme is the default locale's glossary URL and a concept is
`<scheme>concept/<translation_key>/`, which the glossary answers with a redirect to the term in
the visitor's language, so renaming a term or moving its translations keeps its URI.
"""

from collections import defaultdict

from rdflib import RDF, Graph, Literal, URIRef
from rdflib.namespace import DCTERMS, SKOS

from hub.base.i18n import real_translations
from hub.base.memo import default_locale, public

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


def turtle(request=None):
    return build_graph(request).serialize(format="turtle")


def json_ld(request=None):
    return build_graph(request).serialize(format="json-ld", context=JSONLD_CONTEXT, indent=2)
