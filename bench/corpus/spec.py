"""The shape of the synthetic corpus: shares of each type and locale, taxonomies, names."""

from bench.vocabulary import _words

# Share of each content type, and of each locale within a type.
TYPE_SHARES = {"member": 0.05, "chapter": 0.02, "term": 0.15, "paper": 0.53, "event": 0.25}
LOCALE_SHARES = {"fr": 0.12, "es": 0.08}  # the rest is English
LANGUAGES = ["en", "fr", "es"]

COUNTRIES = _words(
    """
AF AM BD BF BI BJ BO BR BT CD CI CM CO DO EC EG ET GH GT GN HN HT ID IN JO KE KG KH LA LB LK LR MA MG MM MW MX
MZ NE NG NI NP PE PH PK PY RW SD SL SN SO SS TD TG TJ TZ UG UZ VN YE ZA ZM ZW GB US FR
"""
)
EXTRA_METHODS = [
    "appreciative inquiry", "citizen juries", "community radio", "deliberative polling", "digital storytelling",
    "focus groups", "village savings groups", "photovoice", "most significant change", "participatory video",
    "social audits", "community score cards lite", "transect walks", "problem tree analysis", "seasonal calendars",
    "stakeholder mapping", "theory of change", "rapid appraisal", "public hearings", "budget tracking",
    "citizen report cards", "community mapping", "peer learning visits", "action learning sets",
    "participatory monitoring", "mobile surveys", "open data portals", "community dialogues",
]  # fmt: skip
EXTRA_THEMES = [
    "urban informality", "land and natural resources", "conflict and peacebuilding", "digital inclusion",
    "disability inclusion",
]  # fmt: skip
FIRST_NAMES = _words(
    """
Amina Grace Daniel Aigerim Bakyt Rosa Luis Maria Jean Awa Moussa Fatou Chinedu Ngozi Rahul Priya Sita Ram Nguyen
Thi Ana Pedro Carmen Jose Aisha Omar Leila Yusuf Mercy Joseph Esther Peter Ruth Samuel Lucia Diego Elena Marta
Tenzin Dawa
"""
)
SURNAMES = _words(
    """
Odhiambo Achieng Kiprono Mwangi Otieno Abdykadyrov Tokoeva Quispe Mamani Huaman Diallo Traore Ndiaye Okafor
Adeyemi Banerjee Sharma Thapa Gurung Tran Pham Silva Santos Rodriguez Gomez Haddad Khalil Mensah Asante Boateng
Banda Phiri Mutasa Nkurunziza Uwimana Rakoto Rasoa Kamara Conteh Sesay Kone Ouedraogo Sawadogo Hossain Rahman
Ahmed Khan Castillo Flores Morales Vargas Lopez Reyes Cruz Ortiz Alvarez Soto Chanda Mulenga
"""
)
ORG_WORDS = _words(
    """
Village Rural Community Local Citizen People Neighbourhood Harambee Mutirao Tamarind Baobab Highland Delta River
Valley Coastal Sahel Andean Savanna Commons Horizon Bridge
"""
)
ORG_NOUNS = _words(
    """
Voices Futures Action Partnerships Hands Roots Links Councils Circles Pathways Compass Assembly
"""
)
ORG_KINDS = _words(
    """
Network Alliance Foundation Trust Initiative Collective Association Institute Federation
"""
)
STOP = set(
    _words(
        """
the and to in of for with that is on what it from are their how we this or by as at not our will can be who have
an its than one each do your them they into many when you has more was so us does there but up set please
"""
    )
)
TIME_ZONES = [
    "UTC",
    "Africa/Nairobi",
    "Africa/Dakar",
    "America/Lima",
    "America/Bogota",
    "Asia/Bishkek",
    "Asia/Kathmandu",
    "Asia/Manila",
    "Europe/London",
    "America/New_York",
]
INDEX_TITLES = {
    "en": {
        "members": "Members",
        "chapters": "Country chapters",
        "glossary": "Glossary",
        "papers": "Methodology library",
        "events": "Events",
    },
    "fr": {
        "members": "Membres",
        "chapters": "Sections nationales",
        "glossary": "Glossaire",
        "papers": "Bibliothèque",
        "events": "Événements",
    },
    "es": {
        "members": "Miembros",
        "chapters": "Capítulos nacionales",
        "glossary": "Glosario",
        "papers": "Biblioteca",
        "events": "Eventos",
    },
}


def counts(pages):
    """{type: {language: count}} adding up to `pages`."""
    per_type = {kind: round(pages * share) for kind, share in TYPE_SHARES.items()}
    per_type["paper"] += pages - sum(per_type.values())
    result = {}
    for kind, total in per_type.items():
        other = {lang: round(total * share) for lang, share in LOCALE_SHARES.items()}
        result[kind] = {"en": total - sum(other.values()), **other}
    return result
