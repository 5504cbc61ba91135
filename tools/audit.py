"""Dependency audit: pip-audit over the locked requirements, failing on any known vulnerability.

`python -m tools.audit` (make audit). Exit 1 when a locked package (requirements-dev.lock: every
direct and indirect dependency, with hashes, so pip-audit reads it as is instead of resolving it in
a throwaway virtualenv) has a known vulnerability. pip-audit asks a vulnerability service about
every package; the services are tried in turn (AUDIT_SERVICE, default "pypi,osv,esms") until one
answers, each request giving up after AUDIT_TIMEOUT seconds (default 10). When none can be reached,
pip-audit skips every package and reports nothing: that is not a pass, so it is said loudly, and it
fails when AUDIT_STRICT=1 (exit 2).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
SERVICES = ("pypi", "osv", "esms")


def run_audit(service):
    command = [
        sys.executable, "-m", "pip_audit", "-r", str(BASE_DIR / "requirements-dev.lock"), "--disable-pip",
        "--vulnerability-service", service, "--format", "json", "--progress-spinner", "off",
        "--timeout", os.environ.get("AUDIT_TIMEOUT", "10"),
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=900)  # noqa: S603
    try:
        return json.loads(result.stdout), result.stderr
    except ValueError:
        return None, result.stderr


def evaluate(report):
    """(vulnerable, audited, total, lines) from pip-audit's JSON report."""
    dependencies = report.get("dependencies", [])
    vulnerable = [d for d in dependencies if d.get("vulns")]
    audited = sum(1 for d in dependencies if not d.get("skip_reason"))
    lines = []
    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            fixes = ", ".join(vuln.get("fix_versions", [])) or "no fixed version yet"
            lines.append(f"VULNERABLE {dependency['name']} {dependency['version']}: {vuln['id']} (fixed in {fixes})")
    return len(vulnerable), audited, len(dependencies), lines


def main():
    services = [s.strip() for s in os.environ.get("AUDIT_SERVICE", ",".join(SERVICES)).split(",") if s.strip()]
    strict = os.environ.get("AUDIT_STRICT", "") == "1"
    for service in services:
        report, errors = run_audit(service)
        if report is None:
            print(f"pip-audit could not run against {service}: {errors.strip()[-500:]}")  # noqa: T201
            continue
        vulnerable, audited, total, lines = evaluate(report)
        print(f"pip-audit ({service}): {audited} of {total} packages audited, {vulnerable} vulnerable")  # noqa: T201
        if not audited:
            continue  # the service did not answer: try the next one
        print("\n".join(lines))  # noqa: T201
        return 1 if vulnerable else 0
    print(  # noqa: T201
        f"WARNING: no vulnerability service could be reached ({', '.join(services)}): NOTHING WAS AUDITED. "
        "Set AUDIT_STRICT=1 to fail in this case."
    )
    return 2 if strict else 0


if __name__ == "__main__":
    sys.exit(main())
