"""Imports only for the work done: ``check`` draws and renders nothing, so it imports neither
matplotlib nor a renderer's library; a build whose charts are all kept imports no matplotlib.
Each command runs in a new process, which then lists what it imported."""

from __future__ import annotations

import json
import os
import subprocess
import sys
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
HEAVY = ("matplotlib", "reportlab", "docx", "PIL", "odf")

RUN = """
import json, sys
from assessment_doc.cli import main
status = main(sys.argv[1:])
print(json.dumps({"status": status, "imported": [name for name in %r if name in sys.modules]}))
""" % (HEAVY,)


def run(*args: str, cache_home: Path) -> dict:
    result = subprocess.run([sys.executable, "-c", RUN, *args], cwd=ROOT, capture_output=True,
                            text=True, timeout=600, check=False,
                            env={**os.environ, "XDG_CACHE_HOME": str(cache_home)})
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_check_of_the_bundled_project_imports_no_matplotlib_nor_any_renderer(tmp_path) -> None:
    found = run("check", str(ROOT), cache_home=tmp_path)
    assert found == {"status": 0, "imported": []}
    assert not (tmp_path / "assessment_doc").exists()  # and keeps no chart


def test_explain_decides_without_drawing_a_chart(tmp_path) -> None:
    found = run("explain", str(ROOT), cache_home=tmp_path)
    assert found == {"status": 0, "imported": []}  # nor keeps one, nor makes matplotlib's cache
    assert list(tmp_path.iterdir()) == []


def test_a_build_whose_charts_are_all_kept_imports_no_matplotlib(tmp_path) -> None:
    first = run("build", str(ROOT), "-o", str(tmp_path / "first"), "--format", "pdf",
                cache_home=tmp_path)
    assert first["status"] == 0
    assert "matplotlib" in first["imported"]  # the charts were drawn
    again = run("build", str(ROOT), "-o", str(tmp_path / "again"), "--format", "pdf",
                cache_home=tmp_path)
    assert again["status"] == 0
    assert "matplotlib" not in again["imported"]
    assert "reportlab" in again["imported"]  # the PDF asked for was rendered
    name = "strategic-assessment-2016-17-appendix-1.pdf"
    assert (tmp_path / "again" / name).read_bytes() == (tmp_path / "first" / name).read_bytes()


def imported_by(code: str) -> dict:
    """What a new interpreter has imported after running ``code``: of the heavy libraries and
    of :mod:`pydantic`, pandas and Jinja, which are imported at first use only."""
    names = (*HEAVY, "pandas", "pydantic", "jinja2", "yaml", "markdown_it")
    probe = (f"{code}\nimport json, sys\n"
             f"print(json.dumps(sorted(name for name in {names!r} if name in sys.modules)))")
    result = subprocess.run([sys.executable, "-c", probe], cwd=ROOT, capture_output=True, text=True,
                            timeout=120, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_import_assessment_doc_imports_none_of_its_libraries_until_a_name_is_used() -> None:
    assert imported_by("import assessment_doc") == []
    assert imported_by("import assessment_doc as ad\nad.SUPPRESSED, ad.Problem") == []
    # a name that needs the data imports what loading data needs, and still no renderer
    loading = imported_by("from assessment_doc import load_project")
    assert {"pandas", "pydantic", "yaml"} <= set(loading)
    assert not set(loading) & set(HEAVY)
    assert "jinja2" not in loading  # the settings need the rules' Override, not their engine


MODELS = """
import json, sys
import assessment_doc.cli, pydantic
import assessment_doc.data, assessment_doc.settings, assessment_doc.rules.schema
import assessment_doc.tables.specs, assessment_doc.figures.specs

def ours(cls):
    for sub in cls.__subclasses__():
        if sub.__module__.startswith("assessment_doc."):
            yield sub
        yield from ours(sub)

command = sys.argv[1:]
if command:
    assessment_doc.cli.main(command)
complete = {f"{model.__module__}.{model.__qualname__}": model.__pydantic_complete__
            for model in ours(pydantic.BaseModel)}
print(json.dumps(complete))
"""


def models_built(*command: str) -> dict[str, bool]:
    """Each pydantic model of ours, and whether it is built, after importing the command line
    and the modules defining the models, and running ``command``, in a new process."""
    result = subprocess.run([sys.executable, "-c", MODELS, *command], cwd=ROOT,
                            capture_output=True, text=True, timeout=300, check=False)
    assert result.returncode == 0, result.stderr
    return json.loads(result.stdout.strip().splitlines()[-1])


def test_no_pydantic_model_of_ours_is_built_at_import() -> None:
    models = models_built()
    assert len(models) >= 30  # settings, datasets.yaml, data rows, rules, tables, figures
    assert {name for name, built in models.items() if built} == set()


def test_facts_builds_the_models_of_settings_and_datasets_only() -> None:
    built = {name for name, complete in models_built("facts", ".").items() if complete}
    assert {"assessment_doc.settings.Settings", "assessment_doc.data.manifest.Manifest"} <= built
    assert not {name for name in built if name.startswith(("assessment_doc.rules.",
                                                           "assessment_doc.tables.",
                                                           "assessment_doc.figures."))}


def test_facts_imports_neither_the_narrative_nor_jinja() -> None:
    found = imported_by("from assessment_doc.cli import main\nmain(['facts', '.', 'asb.focus.*'])")
    assert {"pandas", "pydantic"} <= set(found)
    assert not set(found) & {"jinja2", "markdown_it", *HEAVY}
