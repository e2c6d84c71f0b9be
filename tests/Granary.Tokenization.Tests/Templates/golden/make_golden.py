#!/usr/bin/env python3
"""Regenerates jinja_golden.json: expected outputs of real Jinja2 configured exactly like Hugging Face
transformers renders chat templates (ImmutableSandboxedEnvironment, trim_blocks, lstrip_blocks,
loopcontrols, the `generation` tag, HF's tojson / raise_exception / strftime_now).

Run from this folder:  python3 make_golden.py   (needs only jinja2; made with Jinja2 3.1.6, Python 3.11)

strftime_now uses a pinned clock (FIXED_NOW) so the output is reproducible; the C# tests pin the same one.
Each case is {name, template, variables, expected} or, for failures, {name, template, variables, error, line}
where `line` is the template line Jinja blames (null when it names none). cases_features.py holds small
feature snippets; cases_models.py renders the templates in model_templates/, written in the style of popular
models' chat templates, over several conversations.
"""
import datetime
import json
import os
import sys
import traceback

import jinja2
from jinja2 import nodes
from jinja2.ext import Extension
from jinja2.sandbox import ImmutableSandboxedEnvironment

sys.dont_write_bytecode = True  # keep __pycache__ out of the test folder
sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import cases_features  # noqa: E402
import cases_models  # noqa: E402

FIXED_NOW = datetime.datetime(2024, 7, 5, 14, 3, 9, 123456)


class GenerationTracker(Extension):
    """HF's AssistantTracker when not tracking: {% generation %}...{% endgeneration %} renders its body."""

    tags = {"generation"}

    def parse(self, parser):
        lineno = next(parser.stream).lineno
        body = parser.parse_statements(["name:endgeneration"], drop_needle=True)
        return nodes.CallBlock(self.call_method("_generation_support"), [], [], body).set_lineno(lineno)

    def _generation_support(self, caller):
        return caller()


def raise_exception(message):
    raise jinja2.exceptions.TemplateError(message)


def tojson(x, ensure_ascii=False, indent=None, separators=None, sort_keys=False):
    # transformers' tojson: plain json.dumps, no HTML escaping
    return json.dumps(x, ensure_ascii=ensure_ascii, indent=indent, separators=separators, sort_keys=sort_keys)


def strftime_now(format):
    return FIXED_NOW.strftime(format)


def make_environment():
    env = ImmutableSandboxedEnvironment(
        trim_blocks=True, lstrip_blocks=True, extensions=[GenerationTracker, jinja2.ext.loopcontrols]
    )
    env.filters["tojson"] = tojson
    env.globals["raise_exception"] = raise_exception
    env.globals["strftime_now"] = strftime_now
    return env


def error_line(error):
    if isinstance(error, jinja2.TemplateSyntaxError):
        return error.lineno
    frames = [frame.lineno for frame in traceback.extract_tb(error.__traceback__) if frame.filename == "<template>"]
    return frames[-1] if frames else None


def render(env, name, template, variables):
    # A case may pin the line we must report where Jinja's own traceback mapping is coarser than the
    # failing expression (multi-line expressions, namespace assignment); the Jinja line is kept alongside.
    expect_line = variables.pop("_expect_line", None)
    entry = {"name": name, "template": template, "variables": variables}
    try:
        entry["expected"] = env.from_string(template).render(**variables)
    except Exception as error:  # every failure is recorded, the C# side must fail too
        entry["error"] = f"{type(error).__name__}: {error}"
        entry["line"] = error_line(error)
        if expect_line is not None:
            entry["jinja_line"] = entry["line"]
            entry["line"] = expect_line
    return entry


def main():
    env = make_environment()
    all_cases = cases_features.CASES + cases_models.CASES
    names = [name for name, _, _ in all_cases]
    duplicates = {name for name in names if names.count(name) > 1}
    if duplicates:
        raise SystemExit(f"duplicate case names: {sorted(duplicates)}")
    output = {
        "generator": f"make_golden.py with Jinja2 {jinja2.__version__}, Python {sys.version.split()[0]}",
        "fixed_now": FIXED_NOW.isoformat(),
        "cases": [render(env, name, template, variables) for name, template, variables in all_cases],
    }
    path = os.path.join(os.path.dirname(os.path.abspath(__file__)), "jinja_golden.json")
    with open(path, "w", encoding="utf-8") as handle:
        json.dump(output, handle, ensure_ascii=False, indent=1)
        handle.write("\n")
    errors = sum(1 for entry in output["cases"] if "error" in entry)
    print(f"wrote {len(output['cases'])} cases ({errors} expected errors) to {path}")


if __name__ == "__main__":
    main()
