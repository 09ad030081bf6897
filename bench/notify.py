"""How long `notify run` takes over an agent's fleet, next to `status --all`,
which looks at the same terminals.

    .venv/bin/python bench/notify.py [--terminals 1000] [--runs 5]

Imports a fleet (bench/fleet.py's rows) into a temp home, adds a plain JSON
webhook pointing at an HTTP server on 127.0.0.1 in this process, and times, as
a fresh process each (wall clock, start-up included):

- `posguide status --all --check` (the baseline: the same rules, drawn as a table);
- `posguide notify run` on a fresh channel state (everything is news: one message);
- `posguide notify run` again (nothing new: the daily case).

Nothing is asserted; the figures go in the README.
"""

from __future__ import annotations

import argparse
import json
import shutil
import statistics
import sys
import tempfile
import threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

sys.path.insert(0, str(Path(__file__).parent))
from fleet import fleet_rows, run, write_csv  # noqa: E402

received: list[int] = []


class Handler(BaseHTTPRequestHandler):
    def do_POST(self) -> None:  # noqa: N802
        received.append(len(self.rfile.read(int(self.headers["Content-Length"]))))
        self.send_response(204)
        self.end_headers()

    def log_message(self, *args: object) -> None:
        pass


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--terminals", type=int, default=1000)
    parser.add_argument("--runs", type=int, default=5)
    options = parser.parse_args()

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    url = f"http://127.0.0.1:{server.server_address[1]}/hook"
    work = Path(tempfile.mkdtemp(prefix="posguide-bench-notify-"))
    try:
        source = work / "fleet.csv"
        write_csv(source, fleet_rows(options.terminals))
        home = work / "home"
        run(home, "terminal", "import", str(source))
        run(home, "notify", "add", "webhook", url, "--format", "json")
        timings: dict[str, list[float]] = {"status --all --check": [],
                                           "notify run (all news)": [],
                                           "notify run (nothing new)": []}
        for _ in range(options.runs):
            timings["status --all --check"].append(run(home, "status", "--all", "--check",
                                                       ok=(0, 1)))
            (home / "notify-state.json").unlink(missing_ok=True)
            timings["notify run (all news)"].append(run(home, "notify", "run"))
            timings["notify run (nothing new)"].append(run(home, "notify", "run"))
        state = json.loads((home / "notify-state.json").read_text())
        items = len(state["channels"]["json"]["delivered"])
        print(f"{options.terminals} terminals, {items} items due soon or overdue, "
              f"{options.runs} runs each (wall time of a fresh process)")
        print(f"{'command':<36}{'median':>9}{'fastest':>9}{'slowest':>9}")
        for label, values in timings.items():
            print(f"{'posguide ' + label:<36}{statistics.median(values):>8.3f}s"
                  f"{min(values):>8.3f}s{max(values):>8.3f}s")
        print(f"messages received: {len(received)} (one per 'all news' run), "
              f"{statistics.median(received) / 1024:.0f} KiB each")
    finally:
        server.shutdown()
        shutil.rmtree(work, ignore_errors=True)


if __name__ == "__main__":
    main()
