"""The soak load generator counts answers, errors and latency (a one-second run on a toy server)."""

import http.server
import threading

import pytest

from tools.soak import load


class _Handler(http.server.BaseHTTPRequestHandler):
    protocol_version = "HTTP/1.1"

    def do_GET(self):
        status = 200 if self.path == "/ok" else 404
        self.send_response(status)
        self.send_header("Content-Length", "2")
        self.end_headers()
        self.wfile.write(b"ok")

    def log_message(self, *args):
        pass


@pytest.fixture
def toy_server():
    server = http.server.ThreadingHTTPServer(("127.0.0.1", 0), _Handler)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield server.server_address[1]
    server.shutdown()
    server.server_close()


def test_every_answer_counts_and_only_non_200_answers_are_errors(toy_server):
    result = load(toy_server, ["/ok", "/missing"], seconds=1, clients=4, processes=1)
    assert result["requests"] > 10
    assert 0 < result["errors"] < result["requests"]
    assert set(result["failures"]) == {"404 /missing"}
    assert result["p95_ms"] > 0


def test_a_clean_run_has_no_errors(toy_server):
    result = load(toy_server, ["/ok"], seconds=1, clients=2, processes=1)
    assert result["errors"] == 0
    assert result["requests"] > 0
