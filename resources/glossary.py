import string

from django.utils.text import slugify


def initial(title):
    """The A-Z letter a term files under; accents fold to their base letter."""
    folded = slugify(title)[:1].upper()
    return folded if folded in string.ascii_uppercase else "#"


def group_by_letter(terms):
    """[(letter, [terms])] for A-Z plus '#', keeping letters without terms (for the jump bar)."""
    groups = {letter: [] for letter in [*string.ascii_uppercase, "#"]}
    for term in terms:
        groups[initial(term.title)].append(term)
    return list(groups.items())
