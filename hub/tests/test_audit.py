"""tools/audit.py reads pip-audit's JSON report: a known vulnerability fails, an unreachable service
is never taken for a clean bill of health. The reports below have the shape pip-audit 2.10 writes."""

import pytest

from tools import audit

CLEAN = {"dependencies": [{"name": "django", "version": "5.2.19", "vulns": []}], "fixes": []}
VULNERABLE = {
    "dependencies": [
        {"name": "django", "version": "5.2.19", "vulns": []},
        {
            "name": "pillow",
            "version": "9.0.0",
            "vulns": [{"id": "PYSEC-2022-10", "fix_versions": ["9.0.1"], "aliases": [], "description": "..."}],
        },
    ],
    "fixes": [],
}
UNREACHABLE = {
    "dependencies": [
        {"name": "django", "skip_reason": "Dependency not found on PyPI and could not be audited: django (5.2.19)"},
        {"name": "wagtail", "skip_reason": "Dependency not found on PyPI and could not be audited: wagtail (8.0.1)"},
    ],
    "fixes": [],
}


@pytest.fixture
def services(monkeypatch):
    """Answer each vulnerability service with the given report (None: pip-audit could not run)."""
    asked = []

    def use(**reports):
        def run_audit(service):
            asked.append(service)
            return reports.get(service), "connection refused"

        monkeypatch.setattr(audit, "run_audit", run_audit)
        return asked

    monkeypatch.delenv("AUDIT_SERVICE", raising=False)
    monkeypatch.delenv("AUDIT_STRICT", raising=False)
    return use


def test_a_known_vulnerability_fails_and_names_the_fix(services, capsys):
    services(pypi=VULNERABLE)
    assert audit.main() == 1
    out = capsys.readouterr().out
    assert "VULNERABLE pillow 9.0.0: PYSEC-2022-10 (fixed in 9.0.1)" in out
    assert "2 of 2 packages audited, 1 vulnerable" in out


def test_clean_dependencies_pass(services, capsys):
    services(pypi=CLEAN)
    assert audit.main() == 0
    assert "1 of 1 packages audited, 0 vulnerable" in capsys.readouterr().out


def test_an_unreachable_service_hands_over_to_the_next(services, capsys):
    asked = services(pypi=UNREACHABLE, osv=VULNERABLE)
    assert audit.main() == 1
    assert asked == ["pypi", "osv"]


def test_nothing_audited_is_said_loudly_and_fails_when_strict(services, capsys, monkeypatch):
    asked = services(pypi=UNREACHABLE, osv=None, esms=UNREACHABLE)
    assert audit.main() == 0
    assert asked == ["pypi", "osv", "esms"]
    assert "NOTHING WAS AUDITED" in capsys.readouterr().out
    monkeypatch.setenv("AUDIT_STRICT", "1")
    assert audit.main() == 2
