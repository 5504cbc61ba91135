"""Fails when a template line is longer than MAX_LENGTH characters.

`python -m tools.template_lines [DIR ...]` (run by make lint; default: templates/). Prints each
offending `file:line: length` and exits 1. djhtml only indents, so long lines need wrapping by
hand: between attributes of a start tag, or between block elements. A `{% %}` tag, a `{{ }}`
variable or a `{# #}` comment must stay on one line; a long `{% blocktranslate %}` gets `trimmed`
so that its text can span lines without changing its msgid.
"""

import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
MAX_LENGTH = 160


def check(directories):
    """["file:line: length", ...] for every *.html line over MAX_LENGTH characters."""
    problems = []
    for directory in directories:
        for path in sorted(Path(directory).rglob("*.html")):
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
                if len(line) > MAX_LENGTH:
                    problems.append(f"{path}:{number}: {len(line)} characters (at most {MAX_LENGTH})")
    return problems


def main(argv=None):
    directories = (sys.argv[1:] if argv is None else argv) or [BASE_DIR / "templates"]
    problems = check(directories)
    for problem in problems:
        print(problem)  # noqa: T201
    return 1 if problems else 0


if __name__ == "__main__":
    sys.exit(main())
