"""Crash safety: SIGKILL at random moments during batches, and two writers at once."""

from __future__ import annotations

import random
import shutil
import signal
import sqlite3
import subprocess
import sys
import time

from conftest import CORPUS, ROOT


def make_batch(folder, start: int, count: int) -> None:
    folder.mkdir(parents=True, exist_ok=True)
    articles = sorted(CORPUS.glob("*.txt"))
    for index in range(start, start + count):
        source = articles[index % len(articles)]
        (folder / f"{index:03d}_{source.name}").write_text(
            f"第 {index} 份副本。\n" + source.read_text(encoding="utf-8"), encoding="utf-8"
        )


def zhdoc(*args: str) -> subprocess.Popen:
    return subprocess.Popen(
        [sys.executable, "-m", "zhdoc", *args], cwd=ROOT, stdout=subprocess.PIPE, stderr=subprocess.PIPE
    )


def state(db) -> tuple[list[str], list[tuple]]:
    connection = sqlite3.connect(db)
    try:
        assert connection.execute("PRAGMA integrity_check").fetchone() == ("ok",)
        documents = [row[0] for row in connection.execute("SELECT path FROM documents ORDER BY path")]
        pairs = connection.execute(
            "SELECT d.path, p.english, p.chinese, p.line FROM pairs p JOIN documents d ON d.id = p.doc_id "
            "ORDER BY 1, 4, 2, 3"
        ).fetchall()
        return documents, pairs
    finally:
        connection.close()


def test_sigkill_during_batches_loses_nothing_committed(tmp_path):
    first, second = tmp_path / "first", tmp_path / "second"
    make_batch(first, 0, 6)
    make_batch(second, 6, 60)
    reference = tmp_path / "reference.db"  # the uninterrupted run
    assert zhdoc("add", str(first), "--db", str(reference), "--jobs", "1").wait(timeout=300) == 0
    before_second = state(reference)
    started = time.monotonic()
    assert zhdoc("add", str(second), "--db", str(reference), "--jobs", "1").wait(timeout=300) == 0
    duration = time.monotonic() - started
    complete = state(reference)

    start_db = tmp_path / "start.db"
    assert zhdoc("add", str(first), "--db", str(start_db), "--jobs", "1").wait(timeout=300) == 0
    assert state(start_db) == before_second
    rng = random.Random(20261121)
    kills = interrupted = 0
    for attempt in range(8):
        db = tmp_path / f"attempt{attempt}.db"
        shutil.copyfile(start_db, db)  # every attempt starts from the committed first batch
        process = zhdoc("add", str(second), "--db", str(db), "--jobs", "1")
        time.sleep(rng.uniform(0.05, duration * 1.1))
        if process.poll() is None:
            process.send_signal(signal.SIGKILL)
            kills += 1
        process.wait(timeout=300)
        current = state(db)  # the file opens and passes integrity_check every time
        # exactly the documents of completed transactions: all of the batch or none of it
        assert current in (before_second, complete)
        interrupted += current == before_second
    assert kills >= 4 and interrupted >= 1  # kills did land inside running batches
    assert zhdoc("add", str(second), "--db", str(db), "--jobs", "1").wait(timeout=300) == 0
    assert state(db) == complete  # a re-run finishes the batch with the uninterrupted result


def test_two_writers_at_once(tmp_path):
    one, two = tmp_path / "one", tmp_path / "two"
    make_batch(one, 0, 4)
    make_batch(two, 4, 4)
    db = tmp_path / "t.db"
    first = zhdoc("add", str(one), "--db", str(db), "--jobs", "1")
    second = zhdoc("add", str(two), "--db", str(db), "--jobs", "1")
    outcomes = []
    for process in (first, second):
        _, err = process.communicate(timeout=300)
        outcomes.append((process.returncode, err.decode()))
    documents, _ = state(db)
    for (code, err), folder in zip(outcomes, (one, two), strict=True):
        names = {f"{folder.name}/{p.name}" for p in folder.iterdir()}  # keys: relative to the termbase's folder
        if code == 0:
            assert names <= set(documents)  # a writer that finished lost nothing
        else:
            assert "termbase busy" in err and "Traceback" not in err
            assert not names & set(documents)
    assert any(code == 0 for code, _ in outcomes)
    shutil.rmtree(one)


def test_ctrl_c_rolls_the_batch_back_with_one_line(tmp_path):
    batch = tmp_path / "batch"
    make_batch(batch, 0, 400)  # long enough that the interrupt lands inside the batch
    db = tmp_path / "t.db"
    process = zhdoc("add", str(batch), "--db", str(db), "--jobs", "2")
    time.sleep(2.5)
    process.send_signal(signal.SIGINT)
    _, err = process.communicate(timeout=120)
    assert process.returncode == 130
    assert err.decode().strip() == "zhdoc: interrupted: nothing was written; the termbase batch was rolled back"
    documents, pairs = state(db)
    assert (documents, pairs) == ([], [])
