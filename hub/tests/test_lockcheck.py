"""tools/lockcheck.py (make lint) fails when requirements*.lock no longer match requirements*.txt."""

import shutil

import pytest

from tools import lockcheck


@pytest.fixture
def repo(tmp_path):
    """A copy of the project's requirements files and locks."""
    for name in ("requirements.txt", "requirements-dev.txt", "requirements.lock", "requirements-dev.lock"):
        shutil.copy(lockcheck.BASE_DIR / name, tmp_path / name)
    return tmp_path


def edit(path, old, new):
    text = path.read_text()
    assert old in text
    path.write_text(text.replace(old, new))


def test_the_committed_locks_match_the_requirements(repo):
    assert lockcheck.check(repo) == []


def test_a_new_or_changed_pin_needs_make_lock(repo):
    edit(repo / "requirements.txt", "Django==5.2.19", "Django==5.2.20")
    (repo / "requirements-dev.txt").write_text(
        (repo / "requirements-dev.txt").read_text() + "example-unlocked-package==1.0\n"
    )
    assert set(lockcheck.check(repo)) == {
        "requirements.txt pins django==5.2.20, requirements.lock has django==5.2.19",
        "requirements.txt pins django==5.2.20, requirements-dev.lock has django==5.2.19",
        "requirements-dev.txt pins example-unlocked-package==1.0, requirements-dev.lock lacks it",
    }


def test_a_removed_package_or_a_missing_hash_needs_make_lock(repo):
    edit(repo / "requirements-dev.txt", "ruff==0.17.6\n", "")
    lock = repo / "requirements-dev.lock"
    lines = lock.read_text().splitlines(keepends=True)
    start = next(i for i, line in enumerate(lines) if line.startswith("pytest==")) + 1
    end = next(i for i in range(start, len(lines)) if not lines[i].startswith("    --hash"))
    lock.write_text("".join(lines[:start] + lines[end:]))
    errors = lockcheck.check(repo)
    assert "requirements-dev.lock locks ruff==0.17.6 for requirements-dev.txt, which no longer lists it" in errors
    assert "requirements-dev.lock: pytest==9.2.0 has no --hash" in errors


def test_an_unpinned_requirement_is_refused(repo):
    edit(repo / "requirements.txt", "Markdown==3.11.3", "Markdown>=3.11")
    assert any("'Markdown>=3.11' is not pinned exactly" in error for error in lockcheck.check(repo))
