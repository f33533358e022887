"""Stories about where `export -o` writes (issue 10, item 6): a regular file is replaced whole by rename;
a pipe, a terminal or /dev/null is written to, never replaced; a disk device, a socket or a folder is
refused; `-o -` and `-o /dev/stdout` are standard output; a named pipe nobody reads is refused at once."""

from __future__ import annotations

import json
import os
import socket
import stat
import subprocess
import threading
import time

import pytest

from terminal_helpers import BIZOP

MODEL = '[model]\nname = "Acme"\n\n[[business.customer_segments]]\nid = "seg"\nname = "Shops"\n'


@pytest.fixture
def model(model_file):
    return model_file(MODEL)


def test_a_regular_file_is_replaced_whole_and_keeps_its_permissions(run, model, tmp_path):
    out = tmp_path / "report.json"
    out.write_text("old report")
    os.chmod(out, 0o640)
    result = run("export", model, "-o", str(out))
    assert result.exit_code == 0 and "wrote" in result.stderr
    assert json.loads(out.read_text())["model"]["name"] == "Acme"
    assert stat.S_IMODE(out.stat().st_mode) == 0o640


def test_dash_is_standard_output(run, model, tmp_path):
    result = run("export", model, "-o", "-")
    assert result.exit_code == 0 and json.loads(result.stdout)["model"]["name"] == "Acme"
    assert not (tmp_path / "-").exists() and "wrote" not in result.stderr


def test_dev_stdout_is_standard_output_even_when_it_is_a_pipe(model):
    """It used to fail with a /proc path: the rename went to the pipe's /proc link."""
    completed = subprocess.run([*BIZOP, "export", model, "-o", "/dev/stdout"], capture_output=True, timeout=60)
    assert completed.returncode == 0, completed.stderr
    assert json.loads(completed.stdout)["model"]["name"] == "Acme"


def test_dev_null_is_written_to_and_never_replaced(run, model, tmp_path):
    # A null device of our own (as root), so that a regression cannot replace the machine's /dev/null.
    if os.geteuid() == 0:
        null = tmp_path / "null"
        os.mknod(null, 0o666 | stat.S_IFCHR, os.makedev(1, 3))  # /dev/null's numbers
        null = str(null)
    else:
        null = os.devnull  # not root: the real one, which an ordinary user cannot replace anyway
    before = os.stat(null)
    result = run("export", model, "-o", null)
    after = os.stat(null)
    assert result.exit_code == 0
    assert stat.S_ISCHR(after.st_mode) and (after.st_ino, after.st_rdev) == (before.st_ino, before.st_rdev)


def test_a_character_device_that_is_not_a_terminal_or_null_is_refused(run, model, tmp_path):
    if os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    device = tmp_path / "zero"
    os.mknod(device, 0o666 | stat.S_IFCHR, os.makedev(1, 5))  # /dev/zero's numbers
    result = run("export", model, "-o", str(device))
    assert result.exit_code == 2 and "device" in result.stderr
    assert stat.S_ISCHR(device.stat().st_mode)


def test_a_disk_device_is_refused(run, model, tmp_path):
    if os.geteuid() != 0:
        pytest.skip("making a device node needs root")
    device = tmp_path / "disk"
    os.mknod(device, 0o600 | stat.S_IFBLK, os.makedev(7, 200))  # a loop device number nothing uses
    result = run("export", model, "-o", str(device))
    assert result.exit_code == 2 and "device" in result.stderr
    assert stat.S_ISBLK(device.stat().st_mode)


def test_a_named_pipe_with_a_reader_gets_the_report_and_stays_a_pipe(run, model, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    received = []

    def read():  # as `cat pipe &` does: the open waits for a writer
        with open(fifo, "rb") as handle:
            received.append(handle.read())

    reader = threading.Thread(target=read)
    reader.start()
    time.sleep(0.3)  # the reader is waiting in open()
    result = run("export", model, "-o", str(fifo))
    reader.join(10)
    assert result.exit_code == 0, result.output
    assert json.loads(received[0])["model"]["name"] == "Acme"
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_named_pipe_nobody_reads_is_refused_at_once_instead_of_hanging(model, tmp_path):
    fifo = tmp_path / "pipe"
    os.mkfifo(fifo)
    completed = subprocess.run([*BIZOP, "export", model, "-o", str(fifo)], capture_output=True, text=True,
                               timeout=60)
    assert completed.returncode == 2
    assert "nothing is reading from this named pipe" in completed.stderr
    assert stat.S_ISFIFO(fifo.stat().st_mode)


def test_a_socket_is_refused(run, model, tmp_path):
    path = tmp_path / "sock"
    server = socket.socket(socket.AF_UNIX)
    server.bind(str(path))
    try:
        result = run("export", model, "-o", str(path))
    finally:
        server.close()
    assert result.exit_code == 2 and "socket" in result.stderr
    assert stat.S_ISSOCK(path.stat().st_mode)


def test_a_folder_is_refused(run, model, tmp_path):
    folder = tmp_path / "reports"
    folder.mkdir()
    result = run("export", model, "-o", str(folder))
    assert result.exit_code == 2 and "folder" in result.stderr
    assert folder.is_dir() and os.listdir(folder) == []


def test_the_model_itself_is_refused_however_it_is_named(run, model, tmp_path):
    link = tmp_path / "link.toml"
    link.symlink_to(model)
    for name in (model, str(link), os.path.relpath(model)):
        result = run("export", model, "-o", name)
        assert result.exit_code == 2 and "is the model itself" in result.stderr
    assert open(model).read() == MODEL


def test_a_terminal_is_written_to_and_never_replaced(model):
    from terminal_helpers import run_in_terminal

    run = run_in_terminal([*BIZOP, "export", model, "-o", "{tty}"])
    assert run.returncode == 0, run.output
    assert b'"name": "Acme"' in run.output
