"""A real iCalendar busy feed as calendar apps publish it, and a real HTTP server on
loopback to serve it (the ``feed_server`` fixture in conftest.py)."""

import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

REAL_FEED = b"""BEGIN:VCALENDAR\r
VERSION:2.0\r
PRODID:-//Google Inc//Google Calendar 70.9054//EN\r
X-WR-TIMEZONE:Europe/Warsaw\r
BEGIN:VTIMEZONE\r
TZID:Europe/Warsaw\r
BEGIN:STANDARD\r
DTSTART:19701025T030000\r
RRULE:FREQ=YEARLY;BYMONTH=10;BYDAY=-1SU\r
TZOFFSETFROM:+0200\r
TZOFFSETTO:+0100\r
END:STANDARD\r
BEGIN:DAYLIGHT\r
DTSTART:19700329T020000\r
RRULE:FREQ=YEARLY;BYMONTH=3;BYDAY=-1SU\r
TZOFFSETFROM:+0100\r
TZOFFSETTO:+0200\r
END:DAYLIGHT\r
END:VTIMEZONE\r
BEGIN:VEVENT\r
DTSTART;VALUE=DATE:20270310\r
DTEND;VALUE=DATE:20270313\r
UID:allday@example.org\r
SUMMARY:Secret shoot for Big Studio\r
DESCRIPTION:Confidential\r
END:VEVENT\r
BEGIN:VEVENT\r
DTSTART:20270401T223000Z\r
DTEND:20270401T233000Z\r
UID:utc-late@example.org\r
SUMMARY:Night call\r
END:VEVENT\r
BEGIN:VEVENT\r
DTSTART;TZID=Europe/Warsaw:20270405T180000\r
DTEND;TZID=Europe/Warsaw:20270406T000000\r
UID:ends-at-midnight@example.org\r
SUMMARY:Evening\r
END:VEVENT\r
BEGIN:VEVENT\r
DTSTART;TZID=Europe/Warsaw:20270407T100000\r
DTEND;TZID=Europe/Warsaw:20270407T120000\r
TRANSP:TRANSPARENT\r
UID:free-time@example.org\r
SUMMARY:Free: dentist\r
END:VEVENT\r
BEGIN:VEVENT\r
DTSTART;VALUE=DATE:20270420\r
UID:cancelled@example.org\r
STATUS:CANCELLED\r
SUMMARY:Cancelled\r
END:VEVENT\r
END:VCALENDAR\r
"""


class FeedServer:
    """A real HTTP server on 127.0.0.1 whose routes a test sets."""

    def __init__(self):
        self.routes: dict[str, tuple[int, bytes, float]] = {}
        server = self

        class Handler(BaseHTTPRequestHandler):
            def do_GET(self):  # noqa: N802 - http.server's hook name
                status, body, delay = server.routes.get(self.path, (404, b"not found", 0))
                if delay:
                    time.sleep(delay)
                try:
                    self.send_response(status)
                    self.send_header("Content-Type", "text/calendar")
                    self.end_headers()
                    self.wfile.write(body)
                except (BrokenPipeError, ConnectionResetError):
                    pass

            def log_message(self, *args):
                pass

        self.httpd = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.httpd.daemon_threads = True
        self.thread = threading.Thread(target=self.httpd.serve_forever, daemon=True)

    def url(self, path: str) -> str:
        return f"http://127.0.0.1:{self.httpd.server_address[1]}{path}"
