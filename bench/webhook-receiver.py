#!/usr/bin/env python3
"""A loopback webhook receiver for bench/outgoing-webhooks.sh: answers 200 to every POST, counts them and
the distinct webhook-ids, and verifies one signature in VERIFY_EVERY (Standard Webhooks, HMAC-SHA256).
GET /stats answers {"posts": n, "distinct": d, "bad_signatures": b}."""
import base64, hashlib, hmac, json, sys, threading
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer

port, secret = int(sys.argv[1]), sys.argv[2]
key = base64.b64decode(secret.removeprefix("whsec_"))
VERIFY_EVERY = 50
lock, ids, stats = threading.Lock(), set(), {"posts": 0, "distinct": 0, "bad_signatures": 0}


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def do_POST(self):
        body = self.rfile.read(int(self.headers.get("Content-Length", 0)))
        msg_id, ts = self.headers.get("webhook-id", ""), self.headers.get("webhook-timestamp", "")
        with lock:
            stats["posts"] += 1
            ids.add(msg_id)
            stats["distinct"] = len(ids)
            check = stats["posts"] % VERIFY_EVERY == 1
        if check:
            expected = base64.b64encode(hmac.new(key, f"{msg_id}.{ts}.".encode() + body, hashlib.sha256).digest()).decode()
            if f"v1,{expected}" not in self.headers.get("webhook-signature", "").split(" "):
                with lock:
                    stats["bad_signatures"] += 1
        self.send_response(200)
        self.send_header("Content-Length", "0")
        self.end_headers()

    def do_GET(self):
        with lock:
            out = json.dumps(stats).encode()
        self.send_response(200)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(out)))
        self.end_headers()
        self.wfile.write(out)


ThreadingHTTPServer.daemon_threads = True
ThreadingHTTPServer(("127.0.0.1", port), Handler).serve_forever()
