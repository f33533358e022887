"""A model file as it was at a git revision, or as it is staged: the bytes git holds, with a clear error
for every way that can fail (no git, no repository, no such revision, the file not there).

Only plumbing commands run (rev-parse, ls-tree, ls-files, cat-file, diff --name-status), so no
diff driver, textconv or pager of the user's configuration takes part, and the revision is
resolved to a commit before it is used, so it cannot be read as an option.
"""

from __future__ import annotations

import os
import shutil
import subprocess
from dataclasses import dataclass

from bizop_tui.model.errors import BizopError
from bizop_tui.model.source import MAX_FILE_BYTES
from bizop_tui.model.text import one_line

INDEX = ":staged"  # the revision name used for the index in labels and errors
_ENV_PATHS = ("GIT_DIR", "GIT_WORK_TREE", "GIT_INDEX_FILE", "GIT_OBJECT_DIRECTORY", "GIT_COMMON_DIR")


@dataclass(frozen=True, slots=True)
class Revision:
    """The bytes of a file at a revision, and how to name that version in a report or an error."""

    raw: bytes
    label: str  # "models/acme.toml at HEAD~1 (3f2a9c1)"
    path: str  # the path in the repository at that revision (differs when the file was renamed since)
    commit: str | None  # the full commit id; None for the index


def read_revision(path: str, rev: str = "HEAD", *, staged: bool = False) -> Revision:
    """`path` (a file in a work tree) as it is at `rev`: a branch, tag, commit or expression git knows.

    When the file is not at that path in `rev`, a rename git detects (between `rev` and the work tree,
    or the index with `staged`) is followed."""
    repo = _Repository.of(path)
    commit = repo.commit(rev)
    found = repo.blob_at(commit, repo.relpath)
    at = f"{rev} ({commit[:7]})" if rev != commit else commit[:12]
    if found is None:
        renamed = repo.renamed_from(commit, staged=staged)
        found = repo.blob_at(commit, renamed) if renamed else None
        if found is None:
            raise BizopError(f"is not in the repository at {one_line(rev)}", path=path,
                             hint=_not_there_hint(repo.relpath, rev))
        return Revision(repo.cat(found), f"{one_line(renamed)} at {one_line(at)}", renamed, commit)
    return Revision(repo.cat(found), f"{one_line(path)} at {one_line(at)}", repo.relpath, commit)


def read_staged(path: str) -> Revision:
    """`path` as it is in the index (what `git commit` would record)."""
    repo = _Repository.of(path)
    out = repo.git("ls-files", "--stage", "-z", "--", repo.relpath, what="list the staged files")
    rows = [r for r in out.split(b"\0") if r]
    if not rows:
        raise BizopError("is not staged or tracked by git", path=path,
                         hint=f"Stage it first:  git add {_shell(repo.relpath)}")
    if len(rows) > 1:
        raise BizopError("has merge conflicts in the index", path=path,
                         hint="Resolve the conflict and stage the file, then run bizop diff again.")
    blob = rows[0].split(b" ")[1].decode("ascii")
    return Revision(repo.cat(blob), f"{one_line(path)} (staged)", repo.relpath, None)


def _not_there_hint(relpath: str, rev: str) -> str:
    return (f"It was added after {one_line(rev)}, or renamed in a way git does not detect. To see its history:  "
            f"git log --follow --name-status -- {_shell(relpath)}   then compare by hand:  "
            f"git show {_shell(rev)}:OLD-PATH | bizop diff - {_shell(relpath)}")


def _shell(text: str) -> str:
    """A path or revision for a command line the user may copy."""
    shown = one_line(text)
    if shown and all(c.isalnum() or c in "-_./~^@:" for c in shown):
        return shown
    return "'" + shown.replace("'", "'\\''") + "'"


class _Repository:
    def __init__(self, folder: str, relpath: str, shown: str) -> None:
        self.folder, self.relpath, self.shown = folder, relpath, shown
        self.env = _environment()

    @classmethod
    def of(cls, path: str) -> _Repository:
        if shutil.which("git") is None:
            raise BizopError("git is not installed, or not on the PATH", path=path,
                             hint="Install git, or compare two files:  bizop diff OLD.toml NEW.toml")
        real = os.path.realpath(path)  # a symlink is read where it points
        folder = os.path.dirname(real)
        if not os.path.isdir(folder):
            raise BizopError("its folder does not exist", path=path, hint="Check the path.")
        repo = cls(folder, "", path)
        out = repo.git("rev-parse", "--show-toplevel", "--show-prefix", what="find the repository", outside=True)
        lines = out.split(b"\n")  # the root, then the folder's path under it ("" at the root)
        top, prefix = os.fsdecode(lines[0]), os.fsdecode(lines[1]) if len(lines) > 1 else ""
        repo.folder = top  # every later command runs at the root, where paths are relative to it
        repo.relpath = prefix + os.path.basename(real)
        return repo

    def git(self, *args: str, what: str, outside: bool = False) -> bytes:
        try:
            done = subprocess.run(["git", *args], cwd=self.folder, env=self.env, capture_output=True,
                                  stdin=subprocess.DEVNULL, check=False)
        except OSError as error:
            raise BizopError(f"git could not be run ({error.strerror or error})", path=self.shown,
                             hint="Check that git is installed and works:  git --version") from None
        if done.returncode != 0:
            message = done.stderr.decode("utf-8", "replace").strip().splitlines()
            reason = one_line(message[-1] if message else f"exit code {done.returncode}")
            if outside and "not a git repository" in reason.lower():
                raise BizopError("is not in a git repository", path=self.shown,
                                 hint="Run it on a file inside a git work tree, or compare two files:  "
                                      "bizop diff OLD.toml NEW.toml")
            raise BizopError(f"git could not {what}: {reason.removeprefix('fatal: ')}", path=self.shown)
        return done.stdout

    def commit(self, rev: str) -> str:
        """The commit `rev` names, or a clear error (no such revision, no commits yet, a shallow clone)."""
        if not rev or rev.startswith("-") or "\0" in rev:
            raise BizopError(f"'{one_line(rev)}' is not a revision", path=self.shown,
                             hint="Give a branch, tag or commit, e.g.  --rev HEAD~1  or  --rev origin/main")
        try:
            out = self.git("rev-parse", "--verify", "--quiet", f"{rev}^{{commit}}", what="read the revision")
        except BizopError:
            out = b""
        commit = out.decode("ascii", "replace").strip()
        if not commit:
            head = self.git("rev-parse", "--verify", "--quiet", "HEAD", what="read HEAD") if rev != "HEAD" else b""
            raise BizopError(f"git knows no revision '{one_line(rev)}' in this repository", path=self.shown,
                             hint=("The repository has no commits yet: commit the file first." if not head.strip()
                                   else "Give a branch, tag or commit (git log --oneline lists them). In CI, "
                                        "fetch the history (actions/checkout with fetch-depth: 0)."))
        return commit

    def blob_at(self, commit: str, relpath: str) -> str | None:
        """The blob id of `relpath` in `commit`, None when there is none; an error for a folder or a link."""
        out = self.git("ls-tree", "-z", "--full-tree", commit, "--", relpath, what="list the revision's files")
        for row in out.split(b"\0"):
            if not row:
                continue
            meta, _, name = row.partition(b"\t")
            if os.fsdecode(name) != relpath:
                continue
            mode, kind, blob = meta.decode("ascii").split(" ")
            if kind != "blob" or mode == "120000":
                what = "a folder" if kind == "tree" else "a symbolic link" if mode == "120000" else f"a {kind}"
                raise BizopError(f"is {what} at that revision, not a model file", path=self.shown)
            return blob
        return None

    def renamed_from(self, commit: str, staged: bool) -> str | None:
        """The path the file had at `commit`, when git sees it as renamed since."""
        args = ["diff", "--name-status", "-z", "-M", "--no-ext-diff", "--no-textconv"]
        if staged:
            args.append("--cached")
        out = self.git(*args, commit, "--", what="look for a rename")
        fields = out.split(b"\0")
        i = 0
        while i < len(fields) - 1:
            status = fields[i].decode("ascii", "replace")
            if status.startswith(("R", "C")) and i + 2 < len(fields):
                old, new = os.fsdecode(fields[i + 1]), os.fsdecode(fields[i + 2])
                if new == self.relpath and status.startswith("R"):
                    return old
                i += 3
            else:
                i += 2
        return None

    def cat(self, blob: str) -> bytes:
        size = int(self.git("cat-file", "-s", blob, what="read the file's size").strip() or 0)
        if size > MAX_FILE_BYTES:  # asked first: a huge blob is never read into memory
            raise BizopError(f"the file is {size / 1048576:.1f} MB at that revision; bizop reads models of up to "
                             f"{MAX_FILE_BYTES // 1048576} MB", path=self.shown, hint="Split the model into smaller files.")
        return self.git("cat-file", "blob", blob, what="read the file")


def _configured_work_tree(env: dict[str, str]) -> bool:
    try:
        done = subprocess.run(["git", "config", "--get", "core.worktree"], env=env, capture_output=True,
                              stdin=subprocess.DEVNULL, check=False)
    except OSError:
        return False
    return bool(done.stdout.strip())


def _environment() -> dict[str, str]:
    """The environment for git: paths git was given relative to where bizop started (a hook may set
    GIT_DIR=.git) made absolute, since git runs in the file's folder; never a pager or a prompt."""
    env = dict(os.environ)
    for key in _ENV_PATHS:
        value = env.get(key)
        if value and not os.path.isabs(value):
            env[key] = os.path.abspath(value)
    if env.get("GIT_DIR") and not env.get("GIT_WORK_TREE") and not _configured_work_tree(env):
        # With GIT_DIR alone git takes the folder it runs in for the top of the work tree (a hook runs
        # at the root); bizop runs git in the file's folder, so it says where that was.
        env["GIT_WORK_TREE"] = os.getcwd()
    env["GIT_PAGER"] = "cat"
    env["GIT_TERMINAL_PROMPT"] = "0"
    env["GIT_LITERAL_PATHSPECS"] = "1"  # a file called '*.toml' is that file, not a pattern
    env.pop("GIT_EXTERNAL_DIFF", None)
    return env
