"""Import action learning plans and similar Markdown records as papers (`manage.py import_papers`).

`parser` reads a file into a `Record`, `values` and `body` turn its metadata and answers into
page values, and `papers` creates or updates the PaperPage.
"""

from .papers import (
    FileResult,
    ImportRefused,
    ImportReport,
    ImportSetupError,
    PaperImporter,
    default_parent,
    find_parent,
    get_locale,
    read_record,
)
from .parser import Record, RecordError, parse

__all__ = [
    "FileResult",
    "ImportRefused",
    "ImportReport",
    "ImportSetupError",
    "PaperImporter",
    "Record",
    "RecordError",
    "default_parent",
    "find_parent",
    "get_locale",
    "parse",
    "read_record",
]
