"""A language server that crashes right after the handshake (for the VS Code extension's
restart limit). Every start appends a line to the file named by its first argument."""

from __future__ import annotations

import json
import os
import sys


def read_message(stream) -> dict | None:
    length = 0
    while True:
        line = stream.readline()
        if not line:
            return None
        if line in (b"\r\n", b"\n"):
            break
        name, _, value = line.decode("ascii").partition(":")
        if name.strip().lower() == "content-length":
            length = int(value.strip())
    return json.loads(stream.read(length))


def send(stream, message: dict) -> None:
    body = json.dumps(message).encode()
    stream.write(b"Content-Length: %d\r\n\r\n" % len(body) + body)
    stream.flush()


def main() -> int:
    with open(sys.argv[1], "a", encoding="utf-8") as fh:
        fh.write(f"{os.getpid()}\n")
    stdin, stdout = sys.stdin.buffer, sys.stdout.buffer
    while (message := read_message(stdin)) is not None:
        if message.get("method") == "initialize":
            send(stdout, {"jsonrpc": "2.0", "id": message["id"],
                          "result": {"capabilities": {"textDocumentSync": 1}}})
        elif message.get("method") == "initialized":
            os._exit(3)  # a crash, as an uncaught fault in a real server would end it
    return 0


if __name__ == "__main__":
    sys.exit(main())
