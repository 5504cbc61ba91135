"""The docs name only make targets, commands, settings and paths that exist.

README.md and docs/*.md are read as a newcomer acts on them. In code (inline `...` spans and
fenced blocks): every `make X` must be a Makefile target, every `manage.py X` a management
command, every `python -m X` an importable module, and every UPPER_CASE name with an underscore
a setting defined in hub/settings/, an environment variable read there or by the project's entry
points (manage.py, conftest.py, tools/, bench/, tests/browser/, the Makefile), or one of the few
external variables in EXTERNAL_ENV. Every repository path in a code span (`hub/...`) and every
relative link must exist, unless .gitignore says it is an output.
"""

import ast
import fnmatch
import functools
import importlib.util
import re
from pathlib import Path

from django.core.management import get_commands

import pytest

REPO = Path(__file__).resolve().parent.parent
DOCS = [REPO / "README.md", *sorted((REPO / "docs").glob("*.md"))]

# Environment variables the docs may name that no code of ours reads, each with its reason.
EXTERNAL_ENV = {
    "AWS_ACCESS_KEY_ID": "read by boto3 (django-storages) when media are on S3",
    "AWS_SECRET_ACCESS_KEY": "read by boto3 (django-storages) when media are on S3",
    "AWS_REQUEST_CHECKSUM_CALCULATION": "read by boto3: when_required for stores without the checksum headers",
    "AWS_RESPONSE_CHECKSUM_VALIDATION": "read by boto3: when_required for stores without the checksum headers",
}

# Python files whose environment reads count as documented variables, besides hub/settings/.
ENV_READERS = [
    "manage.py",
    "hub/wsgi.py",
    "conftest.py",
    "tools/**/*.py",
    "bench/**/*.py",
    "tests/browser/*.py",
    "tests/cluster/*.py",
    "deploy/*.py",
]
# Shell scripts whose `${NAME:-default}` reads count too (CI's and the services' knobs).
SHELL_ENV_READERS = [".ci/run", "services/*.sh"]
SHELL_DEFAULTED = re.compile(r"\$\{([A-Z][A-Z0-9_]*):[-=]")

FENCE = re.compile(r"^\s*(```|~~~)")
CODE_SPAN = re.compile(r"`([^`\n]+)`")
LINK = re.compile(r"\[[^\]]*\]\(([^)\s]+)\)")
MAKE = re.compile(r"(?:^|[\s;&|(])make\s+([a-z][\w-]*)")
MANAGE = re.compile(r"manage\.py\s+([a-z][\w-]*)")
PYTHON_M = re.compile(r"python3?\s+-m\s+([A-Za-z_][\w.]*)")
SETTING = re.compile(r"[A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+")
ASSIGNMENT = re.compile(r"(?<![\w-])([A-Z][A-Z0-9]*(?:_[A-Z0-9]+)+)=")
DOTTED = re.compile(r"(?:hub|members|resources|events|search|tests|bench|tools)(?:\.[A-Za-z_]\w*)+")
PATH = re.compile(r"\.?[\w-]+(?:\.[\w-]+)*(?:/[\w.-]*)+")
COMMENT = re.compile(r"(?:^|\s)#(?!\d).*$")


@functools.cache
def make_targets():
    text = (REPO / "Makefile").read_text()
    return set(re.findall(r"^([A-Za-z0-9][\w.-]*)\s*:(?!=)", text, re.MULTILINE))


@functools.cache
def make_variables():
    text = (REPO / "Makefile").read_text()
    names = set(re.findall(r"\$\(([A-Z][A-Z0-9_]*)\)", text))
    names |= set(re.findall(r"^([A-Z][A-Z0-9_]*)\s*[:?+]?=", text, re.MULTILINE))
    names |= set(re.findall(r"(?<![\w-])([A-Z][A-Z0-9_]*)=", text))
    return names


def _is_environ(node):
    return (isinstance(node, ast.Name) and node.id in {"env", "environ"}) or (
        isinstance(node, ast.Attribute) and node.attr == "environ"
    )


def _env_key(node):
    """The "X" of env["X"], env.get("X"), os.environ.setdefault("X", ...) or os.getenv("X"), else None."""
    if isinstance(node, ast.Subscript) and _is_environ(node.value):
        return node.slice
    if isinstance(node, ast.Call) and node.args and isinstance(node.func, ast.Attribute):
        reads_environ = node.func.attr in {"get", "setdefault", "pop"} and _is_environ(node.func.value)
        if reads_environ or node.func.attr == "getenv":
            return node.args[0]
    return None


def _env_reads(tree):
    for node in ast.walk(tree):
        key = _env_key(node)
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            yield key.value


@functools.cache
def known_settings():
    """Settings assigned in hub/settings/*.py and environment variables read there or by entry points."""
    names = set(EXTERNAL_ENV) | make_variables()
    for path in (REPO / "hub" / "settings").glob("*.py"):
        tree = ast.parse(path.read_text())
        names.update(_env_reads(tree))
        for node in ast.walk(tree):
            targets = node.targets if isinstance(node, ast.Assign) else [getattr(node, "target", None)]
            if isinstance(node, ast.Assign | ast.AnnAssign):
                names.update(t.id for t in targets if isinstance(t, ast.Name) and t.id.isupper())
    for pattern in ENV_READERS:
        for path in REPO.glob(pattern):
            names.update(_env_reads(ast.parse(path.read_text())))
    for pattern in SHELL_ENV_READERS:
        for path in REPO.glob(pattern):
            names.update(SHELL_DEFAULTED.findall(path.read_text()))
    return names


@functools.cache
def commands():
    return set(get_commands())


@functools.cache
def top_level():
    """Repository folders and files a path in the docs may start with."""
    return {p.name for p in REPO.iterdir() if not p.name.startswith(".") or p.name == ".ci"}


@functools.cache
def ignored_patterns():
    lines = (REPO / ".gitignore").read_text().splitlines()
    return [line.strip().strip("/") for line in lines if line.strip() and not line.startswith("#")]


def is_output(path):
    """A git-ignored path (a build or test output) need not exist in a checkout."""
    path = path.rstrip("/")
    return any(fnmatch.fnmatch(path, p) or path.startswith(p + "/") for p in ignored_patterns())


def python_name_exists(dotted):
    """`hub.settings.dev` is a module; `search.views.search` a module and a name it defines."""
    parts = dotted.split(".")
    for n in range(len(parts), 1, -1):
        try:
            spec = importlib.util.find_spec(".".join(parts[:n]))
        except ImportError:
            spec = None
        if spec is not None:
            break
    else:
        return False
    if n == len(parts):
        return True
    name = re.escape(parts[n])
    source = Path(spec.origin).read_text()
    return re.search(rf"^(?:def|class)\s+{name}\b|^{name}\s*[:=]", source, re.MULTILINE) is not None


def _code(text):
    """Yield (line number, code) for each inline code span and each line of a fenced block."""
    fenced = False
    for number, line in enumerate(text.splitlines(), 1):
        if FENCE.match(line):
            fenced = not fenced
            continue
        if fenced:
            yield number, COMMENT.sub("", line), True
        else:
            for span in CODE_SPAN.findall(line):
                yield number, span, False


def problems_in(text, source="README.md"):
    """What in one Markdown text names something that does not exist, as "source:line: ..." messages."""
    found = []
    base = (REPO / source).parent
    for number, code, fenced in _code(text):
        where = f"{source}:{number}"
        for target in MAKE.findall(code):
            if target not in make_targets():
                found.append(f"{where}: `make {target}`: no such target in the Makefile")
        for command in MANAGE.findall(code):
            if command not in commands():
                found.append(f"{where}: `manage.py {command}`: no such management command")
        for module in PYTHON_M.findall(code):
            if importlib.util.find_spec(module) is None:
                found.append(f"{where}: `python -m {module}`: no such module")
        names = set(ASSIGNMENT.findall(code))
        if not fenced:
            match = SETTING.fullmatch(code.strip().split("=", 1)[0])
            if match:
                names.add(match.group())
        for name in sorted(names - known_settings()):
            found.append(
                f"{where}: `{name}`: not a setting in hub/settings/ nor an environment variable read by the code"
            )
        candidate = code.strip()
        if not fenced and DOTTED.fullmatch(candidate) and not python_name_exists(candidate):
            found.append(f"{where}: `{candidate}`: no such module or name in it")
        in_repo = PATH.fullmatch(candidate) and candidate.split("/")[0] in top_level()
        if not fenced and in_repo and not (REPO / candidate).exists() and not is_output(candidate):
            found.append(f"{where}: `{candidate}`: no such path in the repository")
    for number, line in enumerate(text.splitlines(), 1):
        for target in LINK.findall(line):
            if re.match(r"[a-z][a-z0-9+.-]*:|#", target):
                continue
            path = (base / target.split("#", 1)[0]).resolve()
            inside = path.is_relative_to(REPO)
            if not inside or not path.exists() and not is_output(str(path.relative_to(REPO))):
                found.append(f"{source}:{number}: link to {target}: no such file")
    return found


@pytest.mark.parametrize("doc", DOCS, ids=lambda p: str(p.relative_to(REPO)))
def test_every_target_command_setting_and_path_named_in_the_docs_exists(doc):
    assert problems_in(doc.read_text(), str(doc.relative_to(REPO))) == []


def test_the_readme_stays_short_and_the_docs_index_lists_every_page():
    assert len((REPO / "README.md").read_text().splitlines()) <= 200
    index = (REPO / "docs" / "README.md").read_text()
    linked = set(LINK.findall(index))
    pages = {p.name for p in DOCS if p.parent.name == "docs" and p.name != "README.md"}
    assert pages - linked == set()


def test_a_doc_line_naming_what_does_not_exist_is_flagged():
    bad = (
        "Run `make frobnicate`, then `python manage.py no_such_command`, set `HUB_NO_SUCH_SETTING`, "
        "read `hub/no_such_module.py`, use `hub.settings.no_such_profile`, call "
        "`search.views.no_such_function` and see [the design](search/NO_SUCH.md)."
    )
    found = problems_in(bad)
    assert len(found) == 7, found
    names = [
        "make frobnicate",
        "manage.py no_such_command",
        "HUB_NO_SUCH_SETTING",
        "hub/no_such_module.py",
        "hub.settings.no_such_profile",
        "search.views.no_such_function",
    ]
    for name in names:
        assert any(name in problem for problem in found), (name, found)
    assert any("search/NO_SUCH.md" in problem for problem in found)


def test_a_fenced_block_is_checked_too_but_its_comments_are_not():
    bad = "```sh\nNO_SUCH_VARIABLE=1 make bench   # then make sure it passes\npython -m no_such_tool\n```\n"
    found = problems_in(bad)
    assert len(found) == 2, found
    assert "NO_SUCH_VARIABLE" in found[0]
    assert "no_such_tool" in found[1]


def test_a_doc_line_naming_what_exists_is_not_flagged():
    good = (
        "Run `make test` or `make backup BACKUP=/tmp/x`, then `python manage.py update_index`, set "
        "`ELASTICSEARCH_URL`, `HUB_PAGE_CACHE_SECONDS`, `AWS_ACCESS_KEY_ID` and `SOAK_SECONDS=60`, read "
        "`search/DESIGN.md`, `bench/results.json` (an output) and [the design](search/DESIGN.md); use "
        "`hub.settings.production` and `search.views.search`; "
        "`js/app.js`, `text/plain` and `/en/map/` are not repository paths."
    )
    assert problems_in(good) == []
