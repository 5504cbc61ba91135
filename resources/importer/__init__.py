"""Import action learning plans and similar Markdown records as papers (`manage.py import_papers`),
and open methods archives' files as catalogue method pages (`manage.py import_methods`).

`parser` reads a file into a `Record`, `values` and `body` turn its metadata and answers into
page values, and `papers` creates or updates the PaperPage. `methods` reads and writes method
pages with the same pieces, and `images` stores the images embedded in their files.
"""

from .methods import MethodImporter, default_catalogue
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
    "MethodImporter",
    "PaperImporter",
    "Record",
    "RecordError",
    "default_catalogue",
    "default_parent",
    "find_parent",
    "get_locale",
    "parse",
    "read_record",
]
