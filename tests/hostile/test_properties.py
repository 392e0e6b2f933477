"""Properties over hostile input: the CSV loader, the YAML readers and the placeholder pipeline
only ever let the project's own InputError escape, and never take long.

These extend tests/data/test_loading_properties.py (any bytes, text and rows as a CSV, any
manifest) and tests/narrative/test_properties.py (Markdown and placeholders from fragments) with
what those do not reach: files in other encodings, number-like cells at the edges of floats,
YAML built from anchors, tags and impossible dates, and placeholder expressions built from
Jinja's grammar (attribute walks, calls, operators, loops, macros) rather than from text.
"""

from __future__ import annotations

import tempfile
from pathlib import Path

from fixtures.one_dataset import ONE_DATASET_MANIFEST as MANIFEST
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st
from narrative.facts import FACTS
from narrative.helpers import render_text

from assessment_doc.data import COLUMNS, load_datasets
from assessment_doc.data.characters import first_unprintable
from assessment_doc.data.rows import MAX_VALUE
from assessment_doc.errors import InputError
from assessment_doc.narrative.content import parse_content_text
from assessment_doc.settings import load_settings

HEADER = ",".join(COLUMNS)
QUICK = settings(max_examples=150, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
"""Two seconds an example: a hostile input that makes the code work for ever fails here."""


def load_csv(content: bytes):
    """Load a data folder holding MANIFEST and ``content`` as recorded_crime.csv."""
    with tempfile.TemporaryDirectory() as folder:
        data = Path(folder, "data")
        data.mkdir()
        (data / "datasets.yaml").write_text(MANIFEST, encoding="utf-8")
        (data / "recorded_crime.csv").write_bytes(content)
        try:
            return load_datasets(data, focus_area="Maidstone")
        except InputError as error:
            assert all(p.file.startswith("data/") and p.message for p in error.problems)
            return None


# --- CSV ------------------------------------------------------------------------------------------

ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "utf-16-le", "utf-16-be", "latin-1", "cp1252"]


@QUICK
@given(text=st.text(max_size=200), encoding=st.sampled_from(ENCODINGS))
def test_a_csv_in_any_encoding_loads_or_gives_input_error(text: str, encoding: str) -> None:
    body = f"{HEADER}\nMaidstone,district,2014,offences,1\n{text}"
    load_csv(body.encode(encoding, errors="replace"))


number_like = st.one_of(
    st.integers().map(str),
    st.integers(min_value=10**14, max_value=10**500).map(str),
    st.floats(allow_nan=True, allow_infinity=True).map(repr),
    st.floats().map(lambda x: f"{x:.400f}"),
    st.decimals(allow_nan=True, allow_infinity=True).map(str),
    st.sampled_from(["nan", "NaN", "inf", "-inf", "Infinity", "1e308", "1e999", "-0", "0x10",
                     "1_000", "١٢٣", "１２３", "=1+1", "+1", "-1", "@1", "=cmd|' /C calc'!A0",
                     "1" * 400, "9" * 5000, ".5", "5.", "[c]", "*", "\ufeff1"]),
)


@QUICK
@given(values=st.lists(number_like, min_size=1, max_size=5))
def test_number_like_cells_give_finite_published_values_or_input_error(values: list[str]) -> None:
    rows = "".join(f"Maidstone,district,{2000 + n},offences,{value}\n"
                   for n, value in enumerate(values))
    loaded = load_csv(f"{HEADER}\n{rows}".encode())
    if loaded is not None:
        frame = loaded.frame("recorded_crime")
        numbers = frame.loc[~frame["suppressed"], "value"]
        assert numbers.map(lambda v: abs(v) < MAX_VALUE).all()


# --- YAML: settings -------------------------------------------------------------------------------

YAML_FRAGMENTS = [
    "title: ", "subtitle: ", "partnership: ", "area: ", "date: ", "language: ", "periods:",
    "emerging_themes:", "\n", "\n  ", "\n  - ", "- ", ": ", "Maidstone", "Strategic", "en-GB",
    "2016-03-01", "2016-02-30", "2016-13-01", "9999-12-31", "0000-01-01", "&a ", "*a", "&b ",
    "*b", "[*a, *a, *a]", "{", "}", "[", "]", ",", "!!python/object/apply:os.system [id]",
    "!!binary x", "!!timestamp 2016-02-30", "!!float x", "!!int 1_0", ".nan", ".inf", "1.0e+999",
    "~", "null", "yes", "'", '"', "#", "|", ">", "? ", "<<: *a", "%YAML 1.1\n", "---\n", "...\n",
    "\t", "\x00", "\ufeff", "\u2028", "\x85",
]
yaml_text = st.lists(st.sampled_from(YAML_FRAGMENTS) | st.text(max_size=5), max_size=30).map("".join)


@QUICK
@given(text=yaml_text)
def test_any_settings_file_loads_or_gives_input_error(text: str) -> None:
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "assessment.yaml").write_text(text, encoding="utf-8")
        try:
            load_settings(Path(folder))
        except InputError as error:
            assert all(problem.file == "assessment.yaml" for problem in error.problems)


@QUICK
@given(text=yaml_text)
def test_any_front_matter_loads_or_gives_input_error(text: str) -> None:
    try:
        parse_content_text(f"---\n{text}\n---\nText.\n", Path("content/01-a.md"), "content/01-a.md")
    except InputError as error:
        assert all(problem.file == "content/01-a.md" for problem in error.problems)


# --- placeholders: expressions from Jinja's grammar -------------------------------------------------

NAMES = ["recorded_crime", "recorded_crime.focus", "recorded_crime.focus.offences.value",
         "iom.focus.reoffending_rate", "iom.focus.suppressed_count", "settings.area", "neighbour",
         "range", "cycler", "joiner", "namespace", "lipsum", "self", "loop", "caller", "x",
         "varargs", "kwargs", "undefined_name"]
ATTRIBUTES = ["__class__", "__mro__", "__subclasses__", "__globals__", "__init__", "__dict__",
              "__builtins__", "__code__", "__getattribute__", "mro", "format", "format_map",
              "ljust", "center", "zfill", "join", "split", "replace", "real", "imag", "items",
              "keys", "pop", "append", "gi_frame", "f_globals", "func_globals", "value", "focus",
              "_TemplateReference__context", "environment", "cycle", "length", "os", "system"]
FILTERS = ["count", "rate", "percent", "number", "change", "change_words", "signed", "gbp",
           "ordinal", "abs", "default", "d", "lower", "upper", "capitalize", "title", "trim",
           "replace", "attr", "map", "format", "tojson", "safe", "list", "join", "sum", "batch",
           "indent", "wordwrap", "center", "pprint", "xmlattr", "selectattr", "unknown"]
literals = st.one_of(
    st.integers(min_value=-(10**30), max_value=10**30).map(str),
    st.sampled_from(["9**99", "10**100", "2**64", "1e308", "1e309", "0.1", "-0", "''", "'x'",
                     "'x' * 10000", "'{:>99999999}'", "'%99999999d'", "[]", "[1, 2, 3]",
                     "{'a': 1}", "true", "none", "(1,)", "'%s%s%s'"]),
)


def _expression(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.tuples(children, st.sampled_from(ATTRIBUTES)).map(lambda t: f"{t[0]}.{t[1]}"),
        st.tuples(children, children).map(lambda t: f"{t[0]}[{t[1]}]"),
        st.tuples(children, st.lists(children, max_size=2)).map(
            lambda t: f"{t[0]}({', '.join(t[1])})"),
        st.tuples(children, st.sampled_from(["+", "-", "*", "/", "//", "%", "**", "~", "and",
                                             "or", "==", "<", "in"]), children).map(
            lambda t: f"({t[0]} {t[1]} {t[2]})"),
        st.tuples(children, st.sampled_from(FILTERS), st.lists(children, max_size=2)).map(
            lambda t: f"({t[0]} | {t[1]}({', '.join(t[2])}))"),
        st.tuples(children, st.sampled_from(["defined", "number", "string", "sameas x",
                                             "divisibleby 0", "callable"])).map(
            lambda t: f"({t[0]} is {t[1]})"),
        children.map(lambda e: f"(not {e})"),
    )


expressions = st.recursive(st.sampled_from(NAMES) | literals, _expression, max_leaves=8)


def _statement(children: st.SearchStrategy[str]) -> st.SearchStrategy[str]:
    return st.one_of(
        st.tuples(expressions, children).map(lambda t: f"{{% if {t[0]} %}}{t[1]}{{% endif %}}"),
        st.tuples(expressions, children).map(
            lambda t: f"{{% for x in {t[0]} %}}{t[1]}{{% endfor %}}"),
        st.tuples(expressions, children).map(
            lambda t: f"{{% for x in {t[0]} recursive %}}{t[1]}{{{{ loop(x) }}}}{{% endfor %}}"),
        st.tuples(expressions, children).map(lambda t: f"{{% set x = {t[0]} %}}{t[1]}"),
        children.map(lambda body: f"{{% macro m(n) %}}{body}{{{{ m(n) }}}}{{% endmacro %}}"
                                  "{{ m(1) }}"),
        children.map(lambda body: f"{{% filter upper %}}{body}{{% endfilter %}}"),
        st.tuples(expressions, children).map(
            lambda t: f"{{% with x = {t[0]} %}}{t[1]}{{% endwith %}}"),
        st.lists(children, min_size=2, max_size=3).map("\n".join),
    )


templates = st.recursive(expressions.map(lambda e: f"{{{{ {e} }}}}") | st.just("text"),
                         _statement, max_leaves=6)


@settings(max_examples=400, deadline=2000, suppress_health_check=[HealthCheck.too_slow])
@given(body=templates)
def test_any_placeholder_expression_renders_or_gives_input_error_quickly(body: str) -> None:
    try:
        render_text(body, FACTS)
    except InputError as error:
        assert all(problem.file == "content/02-total-crime.md" for problem in error.problems)
        assert all(problem.line is None or problem.line >= 5 for problem in error.problems)


# --- any Unicode, written as YAML escapes, in every settings field and caption (issue 19) -------

SETTINGS_FIELDS = ("title", "subtitle", "partnership", "area")
_any_unicode = st.text(st.characters(codec=None, blacklist_categories=()), max_size=40)
"""Any code points, surrogates and noncharacters among them."""


def _escaped(text: str) -> str:
    """``text`` as a YAML double-quoted scalar, every character an escape (so surrogates and
    control characters reach the parser as YAML writes them, not as bytes)."""
    return '"' + "".join(f"\\U{ord(c):08x}" if ord(c) > 0xFFFF else f"\\u{ord(c):04x}"
                         for c in text) + '"'


def _holds_only_printable(value: object) -> bool:
    return not isinstance(value, str) or first_unprintable(value) is None


@QUICK
@given(field=st.sampled_from(SETTINGS_FIELDS), text=_any_unicode)
def test_any_unicode_in_a_settings_field_loads_printable_or_gives_input_error(
    field: str, text: str
) -> None:
    settings_text = {"title": "Strategic Assessment", "subtitle": "Appendix 1",
                     "partnership": "Safer Maidstone", "area": "Maidstone"}
    lines = [f"{key}: {_escaped(text) if key == field else value!r}".replace("'", '"')
             for key, value in settings_text.items()] + ["date: 2016-03-01"]
    with tempfile.TemporaryDirectory() as folder:
        Path(folder, "assessment.yaml").write_text("\n".join(lines) + "\n", encoding="utf-8")
        try:
            loaded = load_settings(Path(folder))
        except InputError as error:
            str(error).encode("utf-8")  # the message itself can be printed
            return
    assert all(_holds_only_printable(getattr(loaded, name)) for name in SETTINGS_FIELDS)
    assert first_unprintable(text) is None  # else it was refused


@QUICK
@given(text=_any_unicode)
def test_any_unicode_in_a_caption_loads_printable_or_gives_input_error(text: str) -> None:
    from assessment_doc.figures import load_figure_specs

    spec = (f"figures:\n  chart:\n    kind: ranked_bars\n    dataset: recorded_crime\n"
            f"    measure: offences\n    value_label: Offences\n    noun: offences\n"
            f"    caption: {_escaped(text)}\n")
    with tempfile.TemporaryDirectory() as folder:
        path = Path(folder, "figures.yaml")
        path.write_text(spec, encoding="utf-8")
        try:
            specs = load_figure_specs(path, shown_as="content/figures.yaml")
        except InputError as error:
            str(error).encode("utf-8")
            return
    assert _holds_only_printable(specs["chart"].caption)
    assert first_unprintable(text) is None  # else it was refused
