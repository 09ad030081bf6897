"""Run `posguide notify run` and SIGKILL this process at one stage of a send,
for tests/test_notify.py:

    python tests/notify_crasher.py before-send|after-send|after-save

before-send: after "sending" was saved, before the message goes;
after-send:  after the channel took it, before "delivered" is saved;
after-save:  right after "delivered" was saved.
"""

from __future__ import annotations

import os
import signal
import sys

from posguide import channels, notify
from posguide.__main__ import main

stage = sys.argv[1]


def die() -> None:
    os.kill(os.getpid(), signal.SIGKILL)


real_send = channels.SENDERS["webhook"]


def send(settings, message, now):  # type: ignore[no-untyped-def]
    if stage == "before-send":
        die()
    real_send(settings, message, now)
    if stage == "after-send":
        die()


channels.SENDERS["webhook"] = send
real_save = notify.save_state


def save_state(home, state):  # type: ignore[no-untyped-def]
    real_save(home, state)
    delivered = any(cs.get("last", {}).get("ok") for cs in state.values())
    if stage == "after-save" and delivered:
        die()


notify.save_state = save_state
sys.exit(main(["notify", "run"]))
