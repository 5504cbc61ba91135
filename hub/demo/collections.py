"""The demo's curated collections: the index at /<lang>/collections/ and two collections of demo pages.

Items name demo pages by their data keys (g- glossary terms, r- papers, e- events); a key whose
page the demo did not build is skipped. Safe to re-run: an existing collection is left as it is.
"""

from hub.catalogue.models import ReadingListIndexPage, ReadingListItem, ReadingListPage
from hub.demo.files import make_logo

INDEX = {
    "slug": "collections",
    "title": "Collections",
    "intro": (
        "<p>Short reading paths chosen by the secretariat: each collection puts papers, glossary terms "
        "and events in an order that makes sense for a first visit, with a note on why each is there.</p>"
    ),
}

COLLECTIONS = [
    {
        "slug": "start-here",
        "title": "Start here: community-led development in ten readings",
        "intro": (
            "<p>New to the movement? Begin with the words we share, then see them at work: how "
            "villages plan and budget with their councils, how residents hold services to account, "
            "and what it takes for that to spread beyond a pilot.</p>"
        ),
        "cover": ("START", "#0b5d3b"),
        "items": [
            (
                "g-community-led-development",
                "The idea in one page: people decide, plan and act on their own priorities.",
            ),
            ("g-local-self-government", "Why the local council, not a project, is the partner that lasts."),
            ("r-kyrgyzstan-learning-plan", "A whole programme seen from the inside, with its learning questions."),
            (
                "g-community-action-plan",
                "The plan a village writes for itself, and what makes it more than a wish list.",
            ),
            ("r-mutirao-method", "From mapping what a neighbourhood has to deciding what to do with it."),
            ("g-participatory-budgeting", "When residents decide part of the public budget."),
            ("r-senegal-pb", "What participatory budgeting changed in rural Senegal, and for whom."),
            ("r-scorecard-toolkit", "A practical tool for holding services to account, step by step."),
            ("e-scorecard-walkthrough", "See a scorecard run, and ask the facilitators your own questions."),
            ("r-transformative-scale", "Finally, what it means for this way of working to reach a whole country."),
        ],
    },
    {
        "slug": "localisation-toolkit",
        "title": "Localisation toolkit",
        "intro": (
            "<p>For funders, international NGOs and local organisations working out what "
            "“local actors in charge” means in practice: the vocabulary, the evidence and "
            "the conversations under way.</p>"
        ),
        "cover": ("LOC", "#1d4e89"),
        "items": [
            ("g-localisation", "The term, and the commitments donors have made under it."),
            ("g-shifting-power", "Who decides, who holds the money, whose knowledge counts."),
            ("r-localisation-brief", "The policy brief: what to change in funding and partnership."),
            ("g-pooled-funding", "One way to put decisions about money closer to communities."),
            ("r-local-coalitions", "Coalitions of local actors in three countries, and what made them work."),
            ("e-localisation-seminar", "The seminar where funders and local actors compared notes."),
            ("g-grant-dependency", "The trap to avoid, in the words of those who lived it."),
        ],
    },
]


def collection_pages(command, home, pages):
    """Build the collections index under `home` and the collections, with items from `pages` (key -> page)."""
    index = ReadingListIndexPage.objects.child_of(home).filter(slug=INDEX["slug"]).first()
    if index is None:
        index = command._publish(home, ReadingListIndexPage(**INDEX, show_in_menus=True))
    built = {}
    for row in COLLECTIONS:
        page = ReadingListPage.objects.child_of(index).filter(slug=row["slug"]).first()
        if page is None:
            initials, colour = row["cover"]
            page = ReadingListPage(
                title=row["title"],
                slug=row["slug"],
                intro=row["intro"],
                cover_image=command._image(f"Cover: {row['title']}", f"{row['slug']}.png", make_logo(initials, colour)),
            )
            page.items = [
                ReadingListItem(item_page=pages[key], note=note) for key, note in row["items"] if key in pages
            ]
            command._publish(index, page)
        built[row["slug"]] = page
    return index, built
