"""Dependency audit: pip-audit over the pinned requirements, failing on any known vulnerability.

`python -m tools.audit` (make audit). Exit 1 when a pinned package (or a dependency of one) has a
known vulnerability. When the vulnerability service cannot be reached, pip-audit skips every
package and reports nothing: that is not a pass, so it is said loudly, and it fails when
AUDIT_STRICT=1 (exit 2). AUDIT_SERVICE picks the service (pypi, the default, or osv).
"""

import json
import os
import subprocess
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent


def run_audit(service):
    command = [
        sys.executable, "-m", "pip_audit", "-r", str(BASE_DIR / "requirements-dev.txt"),
        "--vulnerability-service", service, "--format", "json", "--progress-spinner", "off",
    ]  # fmt: skip
    result = subprocess.run(command, capture_output=True, text=True, check=False, timeout=900)  # noqa: S603
    try:
        return json.loads(result.stdout), result.stderr
    except ValueError:
        return None, result.stderr


def main():
    service = os.environ.get("AUDIT_SERVICE", "pypi")
    strict = os.environ.get("AUDIT_STRICT", "") == "1"
    report, errors = run_audit(service)
    if report is None:
        print(f"pip-audit could not run against {service}:\n{errors.strip()[-1500:]}")  # noqa: T201
        return 2 if strict else 0
    dependencies = report.get("dependencies", [])
    vulnerable = [d for d in dependencies if d.get("vulns")]
    skipped = [d for d in dependencies if d.get("skip_reason")]
    for dependency in vulnerable:
        for vuln in dependency["vulns"]:
            fixes = ", ".join(vuln.get("fix_versions", [])) or "no fixed version yet"
            print(f"VULNERABLE {dependency['name']} {dependency['version']}: {vuln['id']} (fixed in {fixes})")  # noqa: T201
    audited = len(dependencies) - len(skipped)
    print(f"pip-audit ({service}): {audited} of {len(dependencies)} packages audited, {len(vulnerable)} vulnerable")  # noqa: T201
    if vulnerable:
        return 1
    if skipped and not audited:
        print(  # noqa: T201
            f"WARNING: the {service} vulnerability service could not be reached or knew none of the packages: "
            "NOTHING WAS AUDITED. Set AUDIT_STRICT=1 to fail in this case."
        )
        return 2 if strict else 0
    return 0


if __name__ == "__main__":
    sys.exit(main())
