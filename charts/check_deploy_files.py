#!/usr/bin/env python3
"""Consistency checks for the deployment files that need neither docker nor helm (Python 3.11, stdlib).

It does not render the chart or build the image. It checks what drifts when the code moves:
  1. every path the Dockerfile COPYs from the context exists, no .dockerignore rule hides it, and the
     restore stage copies every project file and Directory.Build.* under src/ (a project missing there
     would break `dotnet publish --no-restore`);
  2. every --flag the Dockerfile, the chart templates and the Tiltfile pass exists in the server's CLI;
  3. every .Values path the templates read exists in values.yaml, and every key tilt/values-dev.yaml
     sets exists there too (a typo in an override is otherwise silently ignored by Helm).

Usage: python3 charts/check_deploy_files.py   (from anywhere; exits 1 on any failure)
"""
import fnmatch
import re
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
CHART = ROOT / "charts" / "granary"
failures: list[str] = []
passed = 0


def check(ok: bool, message: str) -> None:
    global passed
    if ok:
        passed += 1
    else:
        failures.append(message)


def dockerfile_instructions() -> list[str]:
    text = (ROOT / "Dockerfile").read_text()
    text = re.sub(r"\\\n", " ", text)  # join continuation lines
    return [line.strip() for line in text.splitlines() if line.strip() and not line.strip().startswith("#")]


def check_dockerfile() -> None:
    ignore = [p.strip().rstrip("/") for p in (ROOT / ".dockerignore").read_text().splitlines()
              if p.strip() and not p.startswith("#")]
    copied: list[str] = []
    stages: set[str] = set()
    for line in dockerfile_instructions():
        if m := re.match(r"FROM\s+\S+\s+AS\s+(\S+)", line, re.I):
            stages.add(m.group(1))
        if m := re.match(r"COPY\s+--from=(\S+)", line, re.I):
            check(m.group(1) in stages, f"Dockerfile: COPY --from={m.group(1)} names no earlier stage")
            continue
        if line.upper().startswith("COPY "):
            parts = [p for p in line.split()[1:] if not p.startswith("--")]
            copied += parts[:-1]
    for source in copied:
        check((ROOT / source).exists(), f"Dockerfile: COPY source {source} does not exist")
        hidden = [p for p in ignore if not p.startswith("!") and
                  (fnmatch.fnmatch(source.rstrip("/"), p) or fnmatch.fnmatch(source.rstrip("/"), p.lstrip("*/")))]
        check(not hidden, f"Dockerfile: COPY source {source} is excluded by .dockerignore {hidden}")
    wanted = [p.relative_to(ROOT).as_posix() for p in ROOT.glob("src/**/*.csproj")]
    wanted += [p.relative_to(ROOT).as_posix() for p in ROOT.glob("src/**/Directory.Build.*")]
    wanted += [p.name for p in ROOT.glob("Directory.*")] + ["global.json"]
    for path in wanted:
        check(path in copied or any(path.startswith(c.rstrip("/") + "/") and c not in ("src/", "src") for c in copied),
              f"Dockerfile: the restore stage does not copy {path}")


def cli_flags() -> set[str]:
    # Every flag is one line of the table in Flags.cs: new("--name", "Section:Key", ...).
    source = (ROOT / "src" / "Granary.Server" / "CommandLine" / "Flags.cs").read_text()
    return set(re.findall(r'new\("(--[a-z][a-z-]*)",', source)) | {"--config", "--help", "--version"}


def check_flags() -> None:
    flags = cli_flags()
    check(len(flags) > 10, "could not read the flags from ServerCommandLine.cs")
    # redis.yaml passes redis-server's flags, not granary's.
    templates = [t for t in sorted((CHART / "templates").glob("*")) if t.name != "redis.yaml"]
    files = [ROOT / "Dockerfile", ROOT / "tilt" / "Tiltfile", *templates]
    for path in files:
        for flag in sorted(set(re.findall(r'"(--[a-z][a-z-]*)"', path.read_text()))):
            check(flag in flags, f"{path.relative_to(ROOT)}: {flag} is not a granary flag")


def yaml_key_paths(path: Path) -> set[str]:
    """Key paths of a plain block-style YAML mapping (enough for values files written like ours)."""
    paths: set[str] = set()
    stack: list[tuple[int, str]] = []
    in_list = -1  # indent of the "- " item being skipped: list contents are data, not chart keys
    for raw in path.read_text().splitlines():
        line = raw.split(" #")[0].rstrip() if not raw.lstrip().startswith("#") else ""
        if not line.strip():
            continue
        indent = len(line) - len(line.lstrip())
        if in_list >= 0 and indent > in_list:
            continue
        in_list = -1
        if line.lstrip().startswith("- "):
            in_list = indent
            continue
        m = re.match(r"^( *)([A-Za-z0-9_.\-/]+):(\s|$)", line)
        if not m:
            continue
        indent, key = len(m.group(1)), m.group(2)
        while stack and stack[-1][0] >= indent:
            stack.pop()
        stack.append((indent, key))
        paths.add(".".join(k for _, k in stack))
    return paths


def check_values() -> None:
    known = yaml_key_paths(CHART / "values.yaml")
    for template in sorted((CHART / "templates").glob("*")):
        text = template.read_text()
        aliases = dict(re.findall(r"\{\{-?\s*(\$\w+)\s*:=\s*\.Values\.([\w.]+)\s*-?\}\}", text))
        refs = set(re.findall(r"\.Values\.([A-Za-z_][\w.]*)", text))
        for alias, target in aliases.items():
            refs |= {f"{target}.{rest}" for rest in re.findall(re.escape(alias) + r"\.([A-Za-z_][\w.]*)", text)}
        for ref in sorted(refs):
            check(ref in known, f"{template.relative_to(ROOT)}: .Values.{ref} is not in values.yaml")
    for key in sorted(yaml_key_paths(ROOT / "tilt" / "values-dev.yaml")):
        check(key in known, f"tilt/values-dev.yaml: {key} is not a chart value")


def main() -> int:
    check_dockerfile()
    check_flags()
    check_values()
    for failure in failures:
        print(f"FAIL {failure}")
    print(f"deploy files: {passed} passed, {len(failures)} failed")
    return 1 if failures else 0


if __name__ == "__main__":
    sys.exit(main())
