"""A throwaway PostgreSQL cluster for the team-store tests (stdlib only).

Used two ways, so the cluster is made one way:
- `.ci/run` calls `python3 tests/pgcluster.py start DIR` before the tests and
  `python3 tests/pgcluster.py stop DIR` in its exit trap; `start` prints shell
  `export` lines (the URL the tests read) that `.ci/run` evaluates.
- tests/pg.py calls `start()`/`stop()` when no server was given to the tests.

PostgreSQL refuses to run as root, so when we are root the cluster belongs to an
unprivileged user (`posguide-ci`, created when missing and allowed, else
`nobody`) and its programs run through `runuser`. It listens on 127.0.0.1 only,
on a free port, with its socket in its own folder, and every connection needs a
password (scram-sha-256), so the tests exercise real password authentication.
"""

from __future__ import annotations

import glob
import os
import pwd
import shlex
import shutil
import socket
import subprocess
import sys
from dataclasses import dataclass
from pathlib import Path

SUPERUSER = "posguide_admin"
CI_USER = "posguide-ci"


def find_bindir() -> Path | None:
    """The newest PostgreSQL server's bin folder, or None when there is none."""
    candidates = sorted(
        glob.glob("/usr/lib/postgresql/*/bin/initdb"),
        key=lambda p: int(p.split("/")[4]) if p.split("/")[4].isdigit() else 0,
        reverse=True,
    )
    for initdb in candidates:
        if os.access(Path(initdb).parent / "pg_ctl", os.X_OK):
            return Path(initdb).parent
    found = shutil.which("initdb")
    if found is None:
        return None
    bindir = Path(found).resolve().parent
    return bindir if (bindir / "pg_ctl").exists() else None


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return int(s.getsockname()[1])


def owner_for_root(create: bool) -> str:
    """The unprivileged user who owns the cluster when we are root."""
    try:
        pwd.getpwnam(CI_USER)
        return CI_USER
    except KeyError:
        pass
    if create and shutil.which("useradd"):
        done = subprocess.run(["useradd", "--system", "--no-create-home",
                               "--shell", "/usr/sbin/nologin", CI_USER],
                              capture_output=True, text=True)
        if done.returncode == 0:
            return CI_USER
    return "nobody"


@dataclass
class Cluster:
    folder: Path
    port: int
    password: str
    user: str | None  # the OS user running the server (None: ourselves)

    @property
    def url(self) -> str:
        return f"postgresql://{SUPERUSER}:{self.password}@127.0.0.1:{self.port}/postgres"

    def env(self) -> dict[str, str]:
        return {"POSGUIDE_TEST_PG_URL": self.url, "POSGUIDE_TEST_PG_DIR": str(self.folder)}


def _as_owner(user: str | None, argv: list[str]) -> list[str]:
    if user is None:
        return argv
    return ["runuser", "-u", user, "--", *argv]


def start(folder: Path | None = None, *, create_user: bool = False) -> Cluster:
    """initdb a new cluster in `folder` (a new temp folder by default) and start
    it. Raises RuntimeError with the programs' output when that fails."""
    import tempfile

    bindir = find_bindir()
    if bindir is None:
        raise RuntimeError("no PostgreSQL server programs (initdb, pg_ctl) found")
    user: str | None = None
    if os.geteuid() == 0:
        if shutil.which("runuser") is None:
            raise RuntimeError("running as root and runuser is missing")
        user = owner_for_root(create_user)
    if folder is None:
        folder = Path(tempfile.mkdtemp(prefix="posguide-pg-"))
    folder.mkdir(parents=True, exist_ok=True)
    password = os.urandom(12).hex()
    pwfile = folder / "pw"
    pwfile.write_text(password + "\n")
    if user is not None:
        info = pwd.getpwnam(user)
        os.chown(folder, info.pw_uid, info.pw_gid)
        os.chown(pwfile, info.pw_uid, info.pw_gid)
    os.chmod(folder, 0o700)
    os.chmod(pwfile, 0o600)
    data = folder / "data"
    run = subprocess.run(
        _as_owner(user, [str(bindir / "initdb"), "-D", str(data), "-U", SUPERUSER,
                         "--auth=scram-sha-256", f"--pwfile={pwfile}", "-E", "UTF8",
                         "--locale=C", "--no-sync"]),
        capture_output=True, text=True, cwd="/")
    pwfile.unlink()
    if run.returncode != 0:
        raise RuntimeError(f"initdb failed:\n{run.stdout}\n{run.stderr}")
    port = free_port()
    # Test data need not survive a power cut: fsync off keeps a 2-core machine fast.
    options = (f"-c listen_addresses=127.0.0.1 -p {port} -k {folder} "
               "-c fsync=off -c full_page_writes=off -c max_connections=200")
    run = subprocess.run(
        _as_owner(user, [str(bindir / "pg_ctl"), "-D", str(data), "-l",
                         str(folder / "server.log"), "-o", options, "-w", "-t", "60",
                         "start"]),
        capture_output=True, text=True, cwd="/")
    if run.returncode != 0:
        log = (folder / "server.log").read_text(errors="replace") if (
            folder / "server.log").exists() else ""
        raise RuntimeError(f"pg_ctl start failed:\n{run.stdout}\n{run.stderr}\n{log}")
    (folder / "port").write_text(str(port))
    if user is not None:
        (folder / "owner").write_text(user)
    return Cluster(folder, port, password, user)


def stop(folder: Path) -> None:
    """Stop the cluster in `folder` (if it runs) and remove the folder."""
    bindir = find_bindir()
    owner_file = folder / "owner"
    user = owner_file.read_text().strip() if owner_file.exists() else None
    if bindir is not None and (folder / "data" / "postmaster.pid").exists():
        subprocess.run(_as_owner(user, [str(bindir / "pg_ctl"), "-D", str(folder / "data"),
                                        "-m", "immediate", "-w", "stop"]),
                       capture_output=True, text=True, cwd="/")
    shutil.rmtree(folder, ignore_errors=True)


def main(argv: list[str]) -> int:
    if argv == ["bindir"]:
        bindir = find_bindir()
        if bindir is None:
            return 1
        print(bindir)
        return 0
    if len(argv) != 2 or argv[0] not in ("start", "stop"):
        print("usage: pgcluster.py bindir | start DIR | stop DIR", file=sys.stderr)
        return 2
    folder = Path(argv[1])
    if argv[0] == "stop":
        stop(folder)
        return 0
    try:
        cluster = start(folder, create_user=True)
    except RuntimeError as exc:
        print(exc, file=sys.stderr)
        return 1
    for key, value in cluster.env().items():
        print(f"export {key}={shlex.quote(value)}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv[1:]))
