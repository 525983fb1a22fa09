"""The wheel: built from the tree, installed into a fresh virtual environment, it renders a brief from
its own packaged templates and prompts (the same bytes as the golden brief), not from the checkout."""

from __future__ import annotations

import subprocess
import sys
import sysconfig
import venv
import zipfile
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "tests" / "golden"

_SCRIPT = """
import glob, sys
from pathlib import Path
import factcheck
from factcheck.resources import data_dir, render_prompt
package = Path(factcheck.__file__).resolve().parent
assert package.is_relative_to(Path(sys.prefix).resolve()), package
assert Path(str(data_dir("templates"))).resolve().is_relative_to(package)
assert render_prompt("system.j2", guide=True)
brief = factcheck.generate_brief(sorted(glob.glob("fixtures/seeds/*.txt")))
sys.stdout.write(factcheck.render(brief, format=sys.argv[1]))
"""


@pytest.fixture(scope="module")
def installed(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A virtual environment holding the wheel; its dependencies come from this environment's site-packages."""
    tmp = tmp_path_factory.mktemp("wheel")
    built = subprocess.run(
        [sys.executable, "-m", "pip", "wheel", "--no-deps", "--no-build-isolation", "-q", "-w", str(tmp), str(ROOT)],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert built.returncode == 0, built.stderr[-2000:]
    (wheel,) = tmp.glob("factcheck-*.whl")
    names = zipfile.ZipFile(wheel).namelist()
    for data in ("factcheck/templates/brief.md.j2", "factcheck/prompts/system.j2", "factcheck/lexicon/ar.toml"):
        assert data in names, data
    env = tmp / "venv"
    venv.create(env, with_pip=False)
    python = env / "bin" / "python"
    site = Path(
        subprocess.check_output(
            [python, "-c", "import sysconfig; print(sysconfig.get_paths()['purelib'])"], text=True
        ).strip()
    )
    done = subprocess.run(
        [sys.executable, "-m", "pip", "install", "-q", "--no-deps", "--no-index", "--target", str(site), str(wheel)],
        capture_output=True,
        text=True,
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    # The dependencies (pydantic, jinja2, ...) from this environment, after the wheel on the path; a plain
    # path entry, so the editable install's own .pth hook there is not run.
    (site / "zz_dependencies.pth").write_text(sysconfig.get_paths()["purelib"] + "\n", encoding="utf-8")
    return python


@pytest.mark.slow
@pytest.mark.parametrize("fmt", ["md", "html"])
def test_the_installed_wheel_renders_the_golden_brief_from_its_packaged_templates(installed: Path, fmt: str) -> None:
    done = subprocess.run(
        [installed, "-I", "-c", _SCRIPT, fmt],  # -I: neither the checkout nor PYTHONPATH is on sys.path
        cwd=ROOT,
        capture_output=True,
        text=True,
        encoding="utf-8",
        check=False,
        timeout=600,
    )
    assert done.returncode == 0, done.stderr[-2000:]
    assert done.stdout == (GOLDEN / f"seeds.{fmt}").read_text(encoding="utf-8")
