"""The SMTP sink of the multi-host proof, on a host of its own:
``python tests/deploy/lab_smtp_sink.py HOST PORT LOG [DELAY]``.

Accepts every message, each recipient after DELAY seconds (a slow mail server, so that
a digest run lasts long enough to lose a worker in its middle), and appends one JSON
line per message to LOG: recipients, subject and the moment it was accepted. The delay
is before the message's data: a message is recorded exactly when the server answers
"250 OK" to it, as a real server takes responsibility for it.
"""

from __future__ import annotations

import asyncio
import email
import email.policy
import json
import sys
import time

from aiosmtpd.controller import Controller


class Recorder:
    def __init__(self, log_path: str, delay: float):
        self.log = open(log_path, "a", encoding="utf-8")  # noqa: SIM115 - open for the process's life
        self.delay = delay

    async def handle_RCPT(self, server, session, envelope, address, rcpt_options):  # noqa: N802 - aiosmtpd's hook
        await asyncio.sleep(self.delay)
        envelope.rcpt_tos.append(address)
        return "250 OK"

    async def handle_DATA(self, server, session, envelope):  # noqa: N802 - aiosmtpd's hook name
        message = email.message_from_bytes(envelope.content, policy=email.policy.default)
        line = {"to": envelope.rcpt_tos, "subject": str(message["Subject"]).strip(), "at": time.time()}
        self.log.write(json.dumps(line) + "\n")
        self.log.flush()
        return "250 OK"


def main() -> None:
    host, port, log_path = sys.argv[1], int(sys.argv[2]), sys.argv[3]
    delay = float(sys.argv[4]) if len(sys.argv) > 4 else 0.0
    controller = Controller(Recorder(log_path, delay), hostname=host, port=port)
    controller.start()
    print(f"smtp sink on {host}:{port}", flush=True)
    try:
        while True:
            time.sleep(3600)
    finally:
        controller.stop()


if __name__ == "__main__":
    main()
