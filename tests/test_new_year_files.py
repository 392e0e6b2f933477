"""new-year copies the files the settings point at (the Word template, the logo), so next
year's project builds with the same look instead of stopping at a missing file."""

from __future__ import annotations

from pathlib import Path

import yaml
from bundled_build import copy_bundled_project
from docx import Document as WordDocument
from PIL import Image

from assessment_doc.cli import main
from assessment_doc.settings import load_settings


def test_the_template_and_the_logo_go_with_the_project(tmp_path: Path) -> None:
    project = copy_bundled_project(tmp_path / "2016-17")
    (project / "house").mkdir()
    WordDocument().save(str(project / "house" / "house.docx"))
    (project / "images").mkdir()
    Image.new("RGB", (40, 20), "#1F3864").save(project / "images" / "logo.png")
    settings_path = project / "assessment.yaml"
    settings = yaml.safe_load(settings_path.read_text(encoding="utf-8"))
    settings["word_template"] = "house/house.docx"
    settings["style"] = {"logo": "images/logo.png"}
    settings_path.write_text(yaml.safe_dump(settings, sort_keys=False), encoding="utf-8")

    new = tmp_path / "2017-18"
    assert main(["new-year", str(project), "-o", str(new)]) == 0
    for name in ("house/house.docx", "images/logo.png"):
        assert (new / name).read_bytes() == (project / name).read_bytes(), name
    loaded = load_settings(new)  # the logo is checked to exist where the settings say
    assert (loaded.word_template, loaded.style.logo) == ("house/house.docx", "images/logo.png")
