"""`railguard lsp`: the language server, over stdio (what editors start) or TCP."""

from __future__ import annotations

import argparse

from railguard.model import RailguardError


def add_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--stdio", action="store_true", help="talk over stdin/stdout (the default)")
    p.add_argument("--tcp", metavar="HOST:PORT", help="listen on a TCP port instead, e.g. 127.0.0.1:2087")
    p.add_argument("--log-file", metavar="FILE", help="write the server's own log to FILE")


def parse_address(text: str) -> tuple[str, int]:
    host, sep, port = text.rpartition(":")
    if not sep or not port.isdigit() or not 0 < int(port) < 65536:
        raise RailguardError(f"--tcp {text!r}: expected HOST:PORT, e.g. 127.0.0.1:2087")
    return host or "127.0.0.1", int(port)


def run(args: argparse.Namespace) -> int:
    address = parse_address(args.tcp) if args.tcp else None
    if args.log_file:
        import logging

        logging.basicConfig(filename=args.log_file, level=logging.INFO,
                            format="%(asctime)s %(levelname)s %(name)s: %(message)s")
    from railguard.lsp_server.server import server  # pygls and lsprotocol: only on this path

    if address is not None:
        server.start_tcp(*address)
    else:
        server.start_io()
    return 0
