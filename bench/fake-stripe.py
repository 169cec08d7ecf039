#!/usr/bin/env python3
"""A minimal Stripe for bench/renewals.sh: answers off-session PaymentIntent creations after a
realistic 50-150 ms, honours Idempotency-Key (a repeat gets the first answer), and counts what it
was asked, so the bench can prove no renewal was charged twice. Not a test double of Stripe's API:
the contract tests (tests/Gateways.ContractTests/Stripe) check the requests against Stripe's spec."""
import json
import random
import sys
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

LOCK = threading.Lock()
ANSWERS = {}          # Idempotency-Key -> answer body
CREATED = 0           # intents created (first answers)
REPLAYED = 0          # repeats answered from ANSWERS
PAYMENT_IDS = {}      # metadata[payment_id] -> intents created for it
LOW_MS, HIGH_MS = (int(v) for v in (sys.argv[2] if len(sys.argv) > 2 else "50-150").split("-"))


class Handler(BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def log_message(self, *args):
        pass

    def _send(self, status, body):
        data = json.dumps(body).encode()
        self.send_response(status)
        self.send_header("Content-Type", "application/json")
        self.send_header("Content-Length", str(len(data)))
        self.end_headers()
        self.wfile.write(data)

    def do_GET(self):
        if self.path == "/stats":
            with LOCK:
                twice = sum(1 for n in PAYMENT_IDS.values() if n > 1)
                self._send(200, {"created": CREATED, "replayed": REPLAYED, "payments": len(PAYMENT_IDS), "charged_twice": twice})
            return
        self._send(404, {"error": {"type": "invalid_request_error", "message": "Unrecognized request URL."}})

    def do_POST(self):
        global CREATED, REPLAYED
        length = int(self.headers.get("Content-Length", 0))
        form = {k: v[0] for k, v in parse_qs(self.rfile.read(length).decode()).items()}
        if self.path != "/v1/payment_intents":
            self._send(404, {"error": {"type": "invalid_request_error", "message": "Unrecognized request URL."}})
            return
        key = self.headers.get("Idempotency-Key")
        time.sleep(random.uniform(LOW_MS, HIGH_MS) / 1000.0)
        with LOCK:
            if key in ANSWERS:
                REPLAYED += 1
                body = ANSWERS[key]
            else:
                CREATED += 1
                pid = form.get("metadata[payment_id]", "")
                PAYMENT_IDS[pid] = PAYMENT_IDS.get(pid, 0) + 1
                body = {
                    "id": f"pi_bench{CREATED}", "object": "payment_intent", "status": "succeeded",
                    "amount": int(form.get("amount", "0")), "currency": form.get("currency", "eur"),
                    "customer": form.get("customer"), "payment_method": form.get("payment_method"),
                    "metadata": {"payment_id": pid},
                }
                ANSWERS[key] = body
        self._send(200, body)


if __name__ == "__main__":
    server = ThreadingHTTPServer(("127.0.0.1", int(sys.argv[1])), Handler)
    server.daemon_threads = True
    server.serve_forever()
