#!/usr/bin/env python3
"""A fault-injecting HTTP server for the fetch tests (python3 standard library only).

It listens on 127.0.0.1 on an ephemeral port, prints the port on stdout, and serves until
its standard input closes (the test that started it is gone), it is killed, or --lifetime
seconds pass: it always stops by itself.

Paths choose the behaviour:
  /x/MODE                 MODE on every request
  /s/TOKEN/M1,M2,...      the n-th request to this exact path gets Mn (the last one repeats),
                          so a test walks one feed URL through success, failure and recovery
Modes:
  ok, ok2, okroom   200 with agenda A (2 events), B (3 events) or C (1 event, another room)
  okbig             200 with agenda D: 300 events, about 20 KiB
  etag              200 with ETag "v1"; 304 (with the ETag) when If-None-Match is "v1"
  lastmod           200 with Last-Modified; 304 when If-Modified-Since is that date
  gzip              agenda A gzip-encoded; 406 unless Accept-Encoding offers gzip
  chain             301 -> /x/chain2, which is a 302 -> /x/ok
  loop              302 to itself, for ever
  tofile, toftp     302 to file:///etc/passwd, to ftp://127.0.0.1/agenda.txt
  404, 500          that status, a short HTML body
  503retry          503 with Retry-After: 120
  503date           503 with Retry-After as an HTTP-date 300 s ahead
  bigchunked        200, 2 MiB chunked (no Content-Length)
  biglength         200, 2 MiB with Content-Length
  gzipbomb          200, 4 MiB of text gzip-encoded into a few KiB
  stall             Content-Length of agenda A, half of it, then nothing (until the client goes)
  silent            reads the request and never answers (until the client goes)
  truncated         Content-Length 1000 more than agenda A, agenda A, then the connection closes
  garbage           200 with a captive portal's HTML page: not an agenda
  empty             200 with no body

  /d/NAME                 DOCUMENTS[NAME], bytes a test in the same process sets and changes
                          (None: 503), with an ETag of its content and a 304 when it matches;
                          DOCUMENT_HITS[NAME] counts the 200s and 304s

A request in absolute form (GET http://host/x/ok) is served as its path: the server is then
the client's proxy. With --tls CERT KEY it serves https (the tests make a self-signed certificate).
Used as a module too: start(lifetime, tls) returns (server, port) serving on a thread.
"""
import gzip
import http.server
import os
import select
import socketserver
import ssl
import sys
import threading
import time
import zlib
import email.utils

AGENDA_A = (b"2018-12-10\nRoom: Main hall\n"
            b"09:00 - 10:00 Opening\n10:00 - 11:00 Keynote\n")
AGENDA_B = AGENDA_A + b"11:00 - 12:00 Lunch\n"
AGENDA_C = b"2018-12-10\nRoom: Side room\n09:30 - 10:30 Workshop\n"
AGENDA_D = b"2018-12-10\nRoom: Main hall\n" + b"".join(
    b"%02d:%02d - %02d:%02d Session %d, with a title long enough to fill the bytes\n"
    % ((4 * n) // 60, (4 * n) % 60, (4 * n + 3) // 60, (4 * n + 3) % 60, n + 1)
    for n in range(300))
LAST_MODIFIED = "Mon, 10 Dec 2018 09:00:00 GMT"
HTML = b"<html><head><title>Wi-Fi login</title></head><body>Please log in.</body></html>\n"
BIG = 2 * 1024 * 1024
WAIT_LIMIT_S = 20

_counters = {}
_lock = threading.Lock()
DOCUMENTS = {}
DOCUMENT_HITS = {}


class Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, fmt, *args):  # quiet: the tests print what matters
        pass

    def mode(self):
        path = self.path
        if path.startswith("http://"):  # absolute form: we are the client's proxy
            path = "/" + path.split("/", 3)[3] if path.count("/") >= 3 else "/"
            self.path = path
        parts = path.split("?")[0].split("/")
        if len(parts) == 3 and parts[1] == "x":
            return parts[2]
        if len(parts) == 3 and parts[1] == "d":
            return "document"
        if len(parts) == 4 and parts[1] == "s":
            modes = parts[3].split(",")
            with _lock:
                n = _counters.get(self.path, 0)
                _counters[self.path] = n + 1
            return modes[min(n, len(modes) - 1)]
        return "404"

    def send(self, status, body=b"", headers=()):
        self.send_response(status)
        for k, v in headers:
            self.send_header(k, v)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        if body:
            self.wfile.write(body)

    def redirect(self, status, location):
        self.send(status, b"", [("Location", location)])

    def wait_for_client_to_leave(self):
        """Blocks until the client closes the connection (bounded), answering nothing."""
        self.close_connection = True
        deadline = time.monotonic() + WAIT_LIMIT_S
        while time.monotonic() < deadline:
            r, _, _ = select.select([self.connection], [], [], 0.1)
            if r:
                try:
                    if not self.connection.recv(4096):
                        return
                except OSError:
                    return

    def do_GET(self):
        try:
            self.serve(self.mode())
        except (BrokenPipeError, ConnectionResetError):
            self.close_connection = True

    def serve(self, mode):
        text = [("Content-Type", "text/plain; charset=utf-8")]
        if mode == "ok":
            self.send(200, AGENDA_A, text)
        elif mode == "ok2":
            self.send(200, AGENDA_B, text)
        elif mode == "okroom":
            self.send(200, AGENDA_C, text)
        elif mode == "okbig":
            self.send(200, AGENDA_D, text)
        elif mode == "etag":
            if self.headers.get("If-None-Match") == '"v1"':
                self.send(304, b"", [("ETag", '"v1"')])
            else:
                self.send(200, AGENDA_A, text + [("ETag", '"v1"')])
        elif mode == "document":
            name = self.path.split("/")[2]
            body = DOCUMENTS.get(name)
            if body is None:
                self.send(503 if name in DOCUMENTS else 404, HTML)
                return
            etag = '"%08x"' % (zlib.crc32(body) & 0xffffffff)
            with _lock:
                hits = DOCUMENT_HITS.setdefault(name, {200: 0, 304: 0})
                hits[304 if self.headers.get("If-None-Match") == etag else 200] += 1
            if self.headers.get("If-None-Match") == etag:
                self.send(304, b"", [("ETag", etag)])
            else:
                self.send(200, body, text + [("ETag", etag)])
        elif mode == "lastmod":
            if self.headers.get("If-Modified-Since") == LAST_MODIFIED:
                self.send(304)
            else:
                self.send(200, AGENDA_A, text + [("Last-Modified", LAST_MODIFIED)])
        elif mode == "gzip":
            if "gzip" not in self.headers.get("Accept-Encoding", ""):
                self.send(406, HTML)
            else:
                self.send(200, gzip.compress(AGENDA_A), text + [("Content-Encoding", "gzip")])
        elif mode == "chain":
            self.redirect(301, "/x/chain2")
        elif mode == "chain2":
            self.redirect(302, "/x/ok")
        elif mode == "loop":
            self.redirect(302, "/x/loop")
        elif mode == "tofile":
            self.redirect(302, "file:///etc/passwd")
        elif mode == "toftp":
            self.redirect(302, "ftp://127.0.0.1/agenda.txt")
        elif mode in ("404", "500"):
            self.send(int(mode), HTML, [("Content-Type", "text/html")])
        elif mode == "503retry":
            self.send(503, HTML, [("Retry-After", "120")])
        elif mode == "503date":
            self.send(503, HTML, [("Retry-After",
                                   email.utils.formatdate(time.time() + 300, usegmt=True))])
        elif mode == "bigchunked":
            self.send_response(200)
            self.send_header("Transfer-Encoding", "chunked")
            self.end_headers()
            chunk = b"x" * 65535 + b"\n"
            for _ in range(BIG // len(chunk) + 1):
                self.wfile.write(b"%x\r\n%s\r\n" % (len(chunk), chunk))
            self.wfile.write(b"0\r\n\r\n")
        elif mode == "biglength":
            self.send(200, b"x" * BIG, text)
        elif mode == "gzipbomb":
            body = gzip.compress(AGENDA_A * (2 * BIG // len(AGENDA_A)))
            self.send(200, body, text + [("Content-Encoding", "gzip")])
        elif mode == "stall":
            self.send_response(200)
            self.send_header("Content-Length", str(len(AGENDA_A)))
            self.end_headers()
            self.wfile.write(AGENDA_A[:len(AGENDA_A) // 2])
            self.wfile.flush()
            self.wait_for_client_to_leave()
        elif mode == "silent":
            self.wait_for_client_to_leave()
        elif mode == "truncated":
            self.send_response(200)
            self.send_header("Content-Length", str(len(AGENDA_A) + 1000))
            self.end_headers()
            self.wfile.write(AGENDA_A)
            self.close_connection = True
        elif mode == "garbage":
            self.send(200, HTML, [("Content-Type", "text/html")])
        elif mode == "empty":
            self.send(200, b"", text)
        else:
            self.send(404, HTML)


class Server(socketserver.ThreadingMixIn, http.server.HTTPServer):
    daemon_threads = True
    allow_reuse_address = True

    def handle_error(self, request, client_address):
        # A client that gives up (the cap, a timeout) resets the connection: expected here.
        if not isinstance(sys.exc_info()[1], (ConnectionResetError, BrokenPipeError)):
            super().handle_error(request, client_address)


def start(lifetime=120, tls=None):
    """Serves on a thread; returns (server, port). server.shutdown() stops it.
    tls: (certificate file, key file) to serve https instead of http."""
    server = Server(("127.0.0.1", 0), Handler)
    if tls:
        context = ssl.SSLContext(ssl.PROTOCOL_TLS_SERVER)
        context.load_cert_chain(*tls)
        server.socket = context.wrap_socket(server.socket, server_side=True)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    timer = threading.Timer(lifetime, server.shutdown)
    timer.daemon = True
    timer.start()
    return server, server.server_address[1]


def main():
    lifetime, tls, args = 120, None, sys.argv[1:]
    while args:
        if args[0] == "--lifetime" and len(args) >= 2:
            lifetime, args = float(args[1]), args[2:]
        elif args[0] == "--tls" and len(args) >= 3:
            tls, args = (args[1], args[2]), args[3:]
        else:
            sys.exit("usage: http_server.py [--lifetime SECONDS] [--tls CERT KEY]")
    server, port = start(lifetime, tls)
    print(port, flush=True)

    def watch_stdin():
        try:
            while os.read(0, 4096):
                pass
        except OSError:
            pass
        os._exit(0)

    threading.Thread(target=watch_stdin, daemon=True).start()
    time.sleep(lifetime)
    os._exit(0)


if __name__ == "__main__":
    main()
