"""Checks that requirements*.lock are up to date with the human-edited requirements*.txt.

`python -m tools.lockcheck` (run by make lint and make lock). Offline: it compares the files, it does
not resolve anything. Fails (exit 1) when a .txt pin is missing from its lock or locked at another
version, when a package the lock says came from a .txt is no longer in it, when a locked package has
no hash, or when the dev lock pins a runtime package differently from requirements.lock. The fix is
always `make lock`, which regenerates both locks with uv (see the Makefile).
"""

import re
import sys
from pathlib import Path

BASE_DIR = Path(__file__).resolve().parent.parent
LOCKS = {"requirements.txt": "requirements.lock", "requirements-dev.txt": "requirements-dev.lock"}
PIN = re.compile(r"^([A-Za-z0-9][A-Za-z0-9._-]*)(\[[^\]]*\])?\s*==\s*([^\s;\\]+)")


def normalise(name):
    return re.sub(r"[-_.]+", "-", name).lower()


def read_requirements(path, seen=None):
    """{file name: {package: version}} for a .txt and the files it includes with -r; errors."""
    seen = {} if seen is None else seen
    pins, errors = {}, []
    seen[path.name] = pins
    for number, raw in enumerate(path.read_text().splitlines(), 1):
        line = raw.split(" #", 1)[0].strip()
        if not line or line.startswith("#"):
            continue
        if line.startswith(("-r ", "--requirement ")):
            included = path.parent / line.split(maxsplit=1)[1]
            if included.name not in seen:
                errors += read_requirements(included, seen)[1]
            continue
        match = PIN.match(line)
        if not match:
            errors.append(f"{path.name}:{number}: {line!r} is not pinned exactly (name==version)")
            continue
        pins[normalise(match.group(1))] = match.group(3)
    return seen, errors


def read_lock(path):
    """{package: (version, hash count, {"-r file", ...})} from a uv/pip-tools lock with hashes."""
    packages, current, in_via = {}, None, False
    for raw in path.read_text().splitlines():
        line = raw.strip()
        match = PIN.match(raw)
        if match:
            current = normalise(match.group(1))
            packages[current] = [match.group(3), 0, set()]
            in_via = False
        elif current and line.startswith("--hash="):
            packages[current][1] += 1
        elif current and line.startswith("# via"):
            in_via = True
            source = line.removeprefix("# via").strip()
            if source.startswith("-r "):
                packages[current][2].add(source)
        elif current and in_via and line.startswith("#   -r "):
            packages[current][2].add(line.removeprefix("#").strip())
    return {name: tuple(value) for name, value in packages.items()}


def check(base_dir=BASE_DIR):
    """A list of problems, empty when every lock matches its .txt."""
    errors, locks = [], {}
    for txt_name, lock_name in LOCKS.items():
        txt, lock = base_dir / txt_name, base_dir / lock_name
        if not lock.exists():
            errors.append(f"{lock_name} is missing")
            continue
        files, problems = read_requirements(txt)
        errors += problems
        locked = locks[lock_name] = read_lock(lock)
        for file_name, pins in files.items():
            for name, version in pins.items():
                if name not in locked:
                    errors.append(f"{file_name} pins {name}=={version}, {lock_name} lacks it")
                elif locked[name][0] != version:
                    errors.append(f"{file_name} pins {name}=={version}, {lock_name} has {name}=={locked[name][0]}")
        for name, (version, hashes, sources) in locked.items():
            if not hashes:
                errors.append(f"{lock_name}: {name}=={version} has no --hash")
            for source in sources:
                file_name = Path(source.removeprefix("-r ").strip()).name
                if file_name in files and name not in files[file_name]:
                    errors.append(f"{lock_name} locks {name}=={version} for {file_name}, which no longer lists it")
    runtime, dev = locks.get("requirements.lock", {}), locks.get("requirements-dev.lock", {})
    for name, (version, _, _) in runtime.items():
        if dev and dev.get(name, (None,))[0] != version:
            errors.append(f"requirements.lock has {name}=={version}, requirements-dev.lock does not")
    return errors


def main():
    errors = check()
    for error in errors:
        print(error)  # noqa: T201
    if errors:
        print("The locks are out of date with requirements*.txt: run `make lock` and commit the .lock files.")  # noqa: T201
        return 1
    print(f"locks up to date: {', '.join(LOCKS.values())}")  # noqa: T201
    return 0


if __name__ == "__main__":
    sys.exit(main())
