"""The movement's knowledge: the shared-vocabulary glossary and methodology papers."""

from .glossary import EXPLANATION_FEATURES, GlossaryIndexPage, GlossarySource, GlossaryTermPage, GlossaryVariant
from .imports import ImportJob
from .papers import PAPER_LANGUAGES, PaperAttachment, PaperAuthor, PaperIndexPage, PaperPage
from .withdrawals import PaperWithdrawal

__all__ = [
    "EXPLANATION_FEATURES",
    "PAPER_LANGUAGES",
    "GlossaryIndexPage",
    "GlossarySource",
    "GlossaryTermPage",
    "GlossaryVariant",
    "ImportJob",
    "PaperAttachment",
    "PaperAuthor",
    "PaperIndexPage",
    "PaperPage",
    "PaperWithdrawal",
]
