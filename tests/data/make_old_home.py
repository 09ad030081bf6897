"""Make tests/data/home-0.1.0 with the release before posguide.db (0.1.0, commit 80a0457).

    git archive 80a0457 src | tar -x -C /tmp/old
    .venv/bin/python tests/data/make_old_home.py /tmp/oldhome  # then copy it here, without .lock
"""
import os
import subprocess
import sys

home = sys.argv[1]
env = {**os.environ, "POSGUIDE_HOME": home, "POSGUIDE_LANG": "en", "POSGUIDE_TODAY": "2026-11-23",
       "PYTHONPATH": "/tmp/old/src", "PYTHONDONTWRITEBYTECODE": "1", "NO_COLOR": "1"}
def pg(*args, input=None):
    r = subprocess.run([sys.executable, "-m", "posguide", *args], env=env, input=input,
                       capture_output=True, text=True)
    print(args[:2], r.returncode, r.stderr[-200:])
    return r
pg("init", "--no-input", "--purchased", "2024-03-01", "--activated", "2024-03-05",
   "--brand", "Lakala", "--serial", "N5-0012345", "--support-phone", "95016",
   "--sim-iccid", "89860012345678901238",
   "--sim-expires", "2026-12-05", "--sim-carrier", "China Mobile", "--fee-rate", "0.60")
pg("init", "--no-input", "--name", "东门店", "--purchased", "2025-01-10", "--brand", "拉卡拉",
   "--sim-expires", "2027-03-01")
code = f'''
import random
from datetime import date, timedelta
from posguide.history import Event, History, RECORD_KINDS
from posguide.home import Home
rng = random.Random(7)
kinds = [k for k in RECORD_KINDS if k != "sim-renewal"]
events = []
for i in range(300):
    term = "main" if i % 3 else "东门店"
    start = date(2024, 3, 5) if term == "main" else date(2025, 1, 10)
    day = start + timedelta(days=rng.randrange((date(2026, 11, 23) - start).days))
    note = "清洁 完成" if i % 7 == 0 else None
    events.append(Event(term, kinds[i % len(kinds)], day, note=note))
for k in range(0, 300, 50):
    History(Home(__import__("pathlib").Path("{home}"))).append(events[k:k + 50])
'''
subprocess.run([sys.executable, "-c", code], env=env, check=True)
pg("record", "maintenance", "--note", "through the CLI")
pg("fee", "check", "--amount", "1000", "--settled", "994")
pg("record", "sim-renewal", "--expires", "2027-12-05")
pg("checklist", "inspection", input="y\n" * 40)
pg("status")  # writes the index
pg("checklist", "maintenance", input="y\ny\ny\nq\n")  # paused at step 4
pg("--terminal", "东门店", "checklist", "security", input="y\nq\n")  # paused at step 2
