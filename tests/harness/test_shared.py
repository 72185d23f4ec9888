"""What xdist workers share: one synthesis per key (file lock), one plugin cache with one init at a time."""

import stat
import threading
import time
from pathlib import Path

from harness import shared
from harness.terraform import Terraform, TerraformOptions
from harness.toolchain import offline_cli_environment
from modules.app.synth_cache import key_path


def test_the_shared_root_is_the_parent_of_a_workers_basetemp(tmp_path):
    assert shared.shared_root(tmp_path / "popen-gw0", {"PYTEST_XDIST_WORKER": "gw0"}) == tmp_path
    assert shared.shared_root(tmp_path, {}) == tmp_path


def test_the_key_follows_the_inputs():
    assert shared.synth_key(("pr-123",), None) == shared.synth_key(("pr-123",), None)
    assert shared.synth_key(("pr-123",), None) != shared.synth_key(("pr-124",), None)
    assert shared.synth_key(("pr-123",), None) != shared.synth_key(("pr-123",), "http://127.0.0.1:1")


def test_concurrent_workers_synthesize_once(tmp_path, monkeypatch):
    calls = []

    def fake_synth(outdir: Path, stages, endpoint_url=None):
        calls.append(outdir)
        time.sleep(0.5)  # long enough for the other thread to reach the lock
        outdir.mkdir(parents=True)
        key_path(outdir).write_text("{}")  # what main.py writes after a complete synthesis

    monkeypatch.setattr(shared, "run_synth", fake_synth)
    outputs = []
    workers = [
        threading.Thread(target=lambda: outputs.append(shared.shared_synth(tmp_path, ("pr-123",))))
        for _ in range(2)
    ]
    for worker in workers:
        worker.start()
    for worker in workers:
        worker.join()
    assert len(calls) == 1 and len(outputs) == 2
    assert outputs[0].outdir == outputs[1].outdir == calls[0]


def test_inits_sharing_a_plugin_cache_never_overlap(tmp_path):
    """Terraform #31964: two inits filling one cache race, so `init` holds the cache's lock."""
    log = tmp_path / "intervals"
    binary = tmp_path / "fake-terraform"
    binary.write_text(
        f'#!/bin/sh\necho "start $(date +%s.%N)" >> {log}\nsleep 0.5\necho "end $(date +%s.%N)" >> {log}\n'
    )
    binary.chmod(binary.stat().st_mode | stat.S_IEXEC)
    cache = tmp_path / "cache"
    cache.mkdir()
    runners = []
    for index in range(2):
        workdir = tmp_path / f"work-{index}"
        workdir.mkdir()
        env = offline_cli_environment(tmp_path / f"cli-{index}", None, cache)
        runners.append(Terraform(TerraformOptions(working_dir=workdir, binary=str(binary), env=env)))
    assert "plugin_cache_dir" in Path(runners[0].options.env["TF_CLI_CONFIG_FILE"]).read_text()
    threads = [threading.Thread(target=runner.init) for runner in runners]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    events = [line.split() for line in log.read_text().splitlines()]
    assert [kind for kind, _ in events] == ["start", "end", "start", "end"], events
