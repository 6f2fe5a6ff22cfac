"""zhdoc on a real Dask cluster: a `dask scheduler` and two `dask worker` processes on 127.0.0.1.

The cluster's output must be the local run's, byte for byte; a dead scheduler is a one-line error;
a worker killed mid-run is replaced by Dask and the output is still the same.
"""

from __future__ import annotations

import os
import signal
import socket
import subprocess
import sys
import time
from pathlib import Path

import pytest

pytest.importorskip("distributed")

ROOT = Path(__file__).resolve().parent.parent
DEVSET = ROOT.parent / "shared" / "devsets" / "d2l-zh" / "docs"
DASK = Path(sys.executable).with_name("dask")

ARTICLES = {
    "a.md": (
        "# 大模型简介\n\n"
        "大语言模型(Large Language Model, LLM)是近年来人工智能领域的重要进展。\n"
        "大语言模型通常基于变换器(Transformer)架构,并通过自监督学习(self-supervised learning)进行预训练。\n"
        "训练大语言模型需要大量算力。\n"
    ),
    "b.md": (
        "# 检索增强\n\n"
        "检索增强生成(Retrieval-Augmented Generation, RAG)把外部知识库接入大语言模型。\n"
        "在检索增强生成中,向量数据库(vector database)负责存储文档的嵌入。\n"
        "有人也把 RAG 称为检索式生成。\n"
    ),
    "c.txt": (
        "强化学习(reinforcement learning)研究智能体如何在环境中最大化回报。\n"
        "基于人类反馈的强化学习(RLHF)是对齐大语言模型的常用方法,其中奖励模型(reward model)给回答打分。\n"
    ),
}


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return probe.getsockname()[1]


def _zhdoc(*args: str, timeout: float = 300) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "zhdoc", *args], capture_output=True, text=True, timeout=timeout, cwd=ROOT
    )


class Cluster:
    """A scheduler and two single-threaded workers (no nanny, so killing one really loses it)."""

    def __init__(self, tmp: Path) -> None:
        self.address = f"tcp://127.0.0.1:{_free_port()}"
        self.processes: list[subprocess.Popen] = []
        log = open(tmp / "dask.log", "wb")  # noqa: SIM115 - closed with the processes
        self.log = log
        port = self.address.rsplit(":", 1)[1]
        self.processes.append(
            subprocess.Popen(
                [str(DASK), "scheduler", "--host", "127.0.0.1", "--port", port, "--no-dashboard"],
                stdout=log,
                stderr=log,
            )
        )
        self.workers = [
            subprocess.Popen(
                [str(DASK), "worker", self.address, "--nthreads", "1", "--no-nanny", "--no-dashboard"],
                stdout=log,
                stderr=log,
                cwd=tmp,
            )
            for _ in range(2)
        ]
        self.processes.extend(self.workers)
        from distributed import Client

        self.client = Client(self.address, timeout="60s")
        self.client.wait_for_workers(2, timeout=120)

    def close(self) -> None:
        self.client.close()
        for process in reversed(self.processes):
            if process.poll() is None:
                process.terminate()
        for process in self.processes:
            try:
                process.wait(timeout=20)
            except subprocess.TimeoutExpired:
                process.kill()
                process.wait()
        self.log.close()


@pytest.fixture(scope="module")
def cluster(tmp_path_factory):
    running = Cluster(tmp_path_factory.mktemp("dask"))
    try:
        yield running
    finally:
        running.close()


@pytest.fixture
def corpus(tmp_path: Path) -> Path:
    folder = tmp_path / "corpus"
    folder.mkdir()
    for name, text in ARTICLES.items():
        (folder / name).write_text(text, encoding="utf-8")
    return folder


@pytest.mark.parametrize("fmt", ["csv", "json"])
def test_cluster_output_is_the_local_output(cluster, corpus, fmt):
    local = _zhdoc("extract", str(corpus), "--format", fmt, "--jobs", "1")
    remote = _zhdoc("extract", str(corpus), "--format", fmt, "--scheduler", cluster.address)
    assert local.returncode == 0, local.stderr
    assert remote.returncode == 0, remote.stderr
    assert remote.stdout == local.stdout
    if fmt == "csv":  # the glossary is really there, with the uses counted in the second pass
        rows = {tuple(line.split(",")[:5]) for line in remote.stdout.splitlines()}
        # 大语言模型: three times in a.md, once each in b.md and c.txt
        assert ("Large Language Model", "大语言模型", "term", "1", "5") in rows
        assert ("Retrieval-Augmented Generation", "检索增强生成", "term", "1", "2") in rows
        # 强化学习 inside 基于人类反馈的强化学习 counts for the longer rendering only
        assert ("reinforcement learning", "强化学习", "term", "1", "1") in rows


def test_fsspec_urls_are_read_by_the_workers(cluster, corpus):
    local = _zhdoc("extract", str(corpus), "--format", "csv", "--jobs", "1")
    remote = _zhdoc("extract", f"file://{corpus}", "--format", "csv", "--scheduler", cluster.address)
    assert remote.returncode == 0, remote.stderr
    assert remote.stdout == local.stdout.replace(str(corpus), f"file://{corpus}")
    assert f"file://{corpus}/b.md:3" in remote.stdout


def test_add_on_the_cluster_writes_the_same_termbase(cluster, corpus, tmp_path):
    local_db, remote_db = tmp_path / "local.db", tmp_path / "remote.db"
    local = _zhdoc("add", str(corpus), "--db", str(local_db), "--jobs", "1")
    remote = _zhdoc("add", str(corpus), "--db", str(remote_db), "--scheduler", cluster.address)
    assert remote.returncode == 0, remote.stderr
    assert remote.stdout == local.stdout
    assert remote.stdout.startswith(
        "batch: 3 processed (0 changed), 0 unchanged, 0 duplicate, 0 moved, 0 removed\nnew English terms (10):\n"
    )
    exports = [_zhdoc("glossary", "--db", str(db), "--format", "json").stdout for db in (local_db, remote_db)]
    assert exports[0] == exports[1]


def test_local_cluster_gives_the_same_output(corpus):
    local = _zhdoc("extract", str(corpus), "--format", "csv", "--jobs", "1")
    remote = _zhdoc("extract", str(corpus), "--format", "csv", "--scheduler", "local:2")
    assert remote.returncode == 0, remote.stderr
    assert remote.stdout == local.stdout


def test_dead_scheduler_is_one_line_error(corpus):
    address = f"tcp://127.0.0.1:{_free_port()}"  # nothing listens there
    run = _zhdoc("extract", str(corpus), "--format", "csv", "--scheduler", address)
    assert run.returncode == 1
    assert run.stdout == ""
    lines = run.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith(f"zhdoc: error: cannot reach the Dask scheduler {address}: ")


def test_bad_local_worker_count_is_one_line_error(corpus):
    run = _zhdoc("extract", str(corpus), "--scheduler", "local:zero")
    assert run.returncode == 1
    assert run.stderr == "zhdoc: error: --scheduler local:zero: expected local:N with N >= 1 workers\n"


@pytest.mark.skipif(not DEVSET.is_dir(), reason="needs ../shared/devsets/d2l-zh")
def test_worker_killed_mid_run_gives_the_same_output(cluster, tmp_path):
    local = _zhdoc("extract", str(DEVSET), "--format", "csv", "--jobs", "1")
    assert local.returncode == 0, local.stderr
    out = tmp_path / "remote.csv"
    with open(out, "w") as stdout:
        run = subprocess.Popen(
            [sys.executable, "-m", "zhdoc", "extract", str(DEVSET), "--format", "csv", "--scheduler", cluster.address],
            stdout=stdout,
            stderr=subprocess.PIPE,
            cwd=ROOT,
        )
        victim = _wait_for_busy_worker(cluster, deadline=time.monotonic() + 120)
        assert run.poll() is None, "the run ended before a worker could be killed"
        os.kill(victim.pid, signal.SIGKILL)
        victim.wait()
        _, stderr = run.communicate(timeout=600)
    assert run.returncode == 0, stderr.decode()
    assert out.read_text(encoding="utf-8") == local.stdout
    assert sum(process.poll() is None for process in cluster.workers) == 1


def _wait_for_busy_worker(cluster: Cluster, deadline: float) -> subprocess.Popen:
    """The worker process that is mining a batch right now."""
    ours = {process.pid: process for process in cluster.workers}
    pids = cluster.client.run(os.getpid)  # worker address -> process id
    while time.monotonic() < deadline:
        for address, keys in cluster.client.processing().items():
            if any("mine_batch" in str(key) for key in keys) and pids.get(address) in ours:
                time.sleep(0.5)  # well into the batch
                return ours[pids[address]]
        time.sleep(0.05)
    raise AssertionError("no worker got a batch to mine")
