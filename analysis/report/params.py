"""A notebook's declared parameters (papermill's ``inspect_notebook``) and the checking of values
against them, before anything runs.

Declared types come from the annotations of the ``parameters`` cell (``min_confidence: float = 0.0``,
``categories: Optional[list[str]] = None``). Values from the command line are text and are parsed for
the declared type; values from ``reports.toml`` are already typed and are only checked. Filter values
are then checked for meaning (a real date, a known category) by ``selection.check_filters``.

Example::

    >>> declared = declared_parameters("notebooks/brief.ipynb")          # doctest: +SKIP
    >>> parse_cli([("categories", "attack,diplomacy")], declared)       # doctest: +SKIP
    {'categories': ['attack', 'diplomacy']}
"""
from __future__ import annotations

import ast
import difflib
import re
import sys
from dataclasses import dataclass
from pathlib import Path

from analysis.report.selection import ParameterError, check_filters

def skip_slow_optional_imports() -> None:
    """jsonschema (imported by nbformat, so by papermill and nbconvert) loads the optional rfc3987-syntax
    package when installed, which builds a Lark grammar at import: ~0.8 s of every report's start-up, for
    an "iri" string format no notebook uses. Marking it absent makes jsonschema skip that one checker."""
    sys.modules.setdefault("rfc3987_syntax", None)


FILTERS = ("start_date", "end_date", "categories", "actors", "countries", "min_confidence")


@dataclass(frozen=True)
class Declared:
    name: str
    type: str          # annotation as written: "str", "float", "Optional[list[str]]"
    default: str       # the default's source text
    help: str


def declared_parameters(notebook: str | Path) -> dict[str, Declared]:
    """The notebook's parameters by name, from papermill's inspection of its ``parameters`` cell."""
    skip_slow_optional_imports()
    from papermill.inspection import inspect_notebook

    path = Path(notebook)
    if not path.is_file():
        raise ParameterError(f"{path}: notebook not found — give the path of a .ipynb file")
    found = inspect_notebook(str(path))
    if not found:
        raise ParameterError(f"{path}: no cell tagged 'parameters' — tag the cell of defaults 'parameters'")
    return {name: Declared(name, p["inferred_type_name"], p["default"], p["help"]) for name, p in found.items()}


def _split_type(annotation: str) -> tuple[bool, str]:
    """``Optional[list[str]]`` → ``(True, "list[str]")``; ``float`` → ``(False, "float")``."""
    a = annotation.replace(" ", "")
    m = re.fullmatch(r"Optional\[(.+)\]", a)
    if m:
        return True, m.group(1)
    parts = [p for p in a.split("|")]
    if "None" in parts and len(parts) > 1:
        return True, "|".join(p for p in parts if p != "None")
    return False, a


def _example(p: Declared) -> str:
    _, base = _split_type(p.type)
    return {"str": f"-p {p.name} text", "float": f"-p {p.name} 0.5", "int": f"-p {p.name} 3",
            "bool": f"-p {p.name} true", "list[str]": f"-p {p.name} a,b"}.get(base, f"-p {p.name} VALUE")


def check_value(p: Declared, value):
    """``value`` if it fits the declared type (ints accepted for floats), else a ParameterError."""
    optional, base = _split_type(p.type)
    if value is None:
        if optional or p.type == "None":
            return None
        raise ParameterError(f"parameter {p.name} cannot be None — give a {base}, e.g. {_example(p)}")
    ok = {"str": lambda v: isinstance(v, str),
          "float": lambda v: isinstance(v, (int, float)) and not isinstance(v, bool),
          "int": lambda v: isinstance(v, int) and not isinstance(v, bool),
          "bool": lambda v: isinstance(v, bool),
          "list[str]": lambda v: isinstance(v, list) and all(isinstance(x, str) for x in v),
          "list": lambda v: isinstance(v, list),
          "dict": lambda v: isinstance(v, dict)}.get(base)
    if ok is None:
        return value   # a type we do not know how to check: the notebook decides
    if not ok(value):
        raise ParameterError(f"parameter {p.name} must be {p.type}, got {type(value).__name__} {value!r} — "
                             f"e.g. {_example(p)}")
    return float(value) if base == "float" else value


def parse_text(p: Declared, raw: str):
    """A command-line value parsed for the declared type: ``"0.5"`` → 0.5, ``"a,b"`` → ['a', 'b'], ``None``."""
    optional, base = _split_type(p.type)
    text = raw.strip()
    if optional and text in ("None", "null", "none", ""):
        return None
    if base == "str":
        if len(text) >= 2 and text[0] == text[-1] and text[0] in "'\"":
            return text[1:-1]
        return raw
    if base == "bool":
        low = text.lower()
        if low in ("true", "yes", "1", "on"):
            return True
        if low in ("false", "no", "0", "off"):
            return False
        raise ParameterError(f"parameter {p.name}: {raw!r} is not true or false — e.g. {_example(p)}")
    if base == "list[str]" and not text.startswith("["):
        return [part.strip() for part in text.split(",") if part.strip()]
    try:
        value = ast.literal_eval(text)
    except (ValueError, SyntaxError):
        raise ParameterError(f"parameter {p.name}: {raw!r} is not a {p.type} — e.g. {_example(p)}") from None
    return check_value(p, value)


def unknown(name: str, declared: dict[str, Declared], notebook) -> ParameterError:
    close = difflib.get_close_matches(name, list(declared), n=1)
    hint = f"did you mean {close[0]}? " if close else ""
    return ParameterError(f"unknown parameter {name!r} for {notebook} — {hint}it takes: {', '.join(declared)}")


def check(values: dict, declared: dict[str, Declared], notebook="the notebook", parse: bool = False) -> dict:
    """Every value checked (and parsed from text when ``parse``) against the declared parameters;
    filter parameters also checked for meaning. Returns the values to inject."""
    out = {}
    for name, value in values.items():
        if name not in declared:
            raise unknown(name, declared, notebook)
        out[name] = parse_text(declared[name], value) if parse and isinstance(value, str) else \
            check_value(declared[name], value)
    filters = {k: v for k, v in out.items() if k in FILTERS}
    if filters:
        check_filters(**filters)
    if "title" in out and not str(out["title"]).strip():
        raise ParameterError("parameter title is empty — give the report a heading, e.g. -p title 'Weekly brief'")
    return out


def parse_cli(pairs: list[tuple[str, str]], declared: dict[str, Declared], notebook="the notebook") -> dict:
    """``-p NAME VALUE`` pairs → checked values (a name given twice: the last one wins)."""
    return check(dict(pairs), declared, notebook, parse=True)
