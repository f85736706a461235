"""Argument helpers shared by subcommands: configuration, rule selection, thresholds, output."""

from __future__ import annotations

import argparse
import sys
from pathlib import Path

from railguard.atomic import write_atomic
from railguard.config import Config, Threshold, load_config
from railguard.model import Confidence, Severity, Surface


def add_config_arguments(p: argparse.ArgumentParser) -> None:
    p.add_argument("--config", metavar="FILE", help="config file (default: nearest .railguard.toml or "
                   "pyproject.toml with [tool.railguard])")
    p.add_argument("--select", action="append", default=[], metavar="RULES",
                   help="only these rules (ids, packs, prefixes, #tags; comma-separated)")
    p.add_argument("--ignore", action="append", default=[], metavar="RULES", help="skip these rules")
    p.add_argument("--rules", action="append", default=[], metavar="PATH", help="extra rule pack file or folder")
    p.add_argument("--exclude", action="append", default=[], metavar="PATTERN",
                   help="also exclude these paths (gitignore syntax)")
    p.add_argument("--include", action="append", default=[], metavar="PATTERN",
                   help="scan these paths even where a default exclude would skip them (gitignore syntax)")


def _split(values: list[str]) -> list[str]:
    return [v.strip() for item in values for v in item.split(",") if v.strip()]


def config_from_args(args: argparse.Namespace, start: str = ".") -> Config:
    config = load_config(start, getattr(args, "config", None))
    changes: dict[str, object] = {}
    if getattr(args, "select", None):
        changes["enable"] = _split(args.select)
    if getattr(args, "ignore", None):
        changes["disable"] = list(config.get("disable")) + _split(args.ignore)
    if getattr(args, "exclude", None):
        changes["extend_exclude"] = list(config.get("extend-exclude")) + list(args.exclude)
    if getattr(args, "include", None):
        changes["include"] = list(config.get("include")) + list(args.include)
    if getattr(args, "rules", None):
        changes["packs"] = list(config.get("packs")) + [str(Path(p).resolve()) for p in args.rules]
    return config.with_values(**changes) if changes else config


def add_threshold_arguments(p: argparse.ArgumentParser, default_surface: str = "ci") -> None:
    p.add_argument("--surface", choices=[s.value for s in Surface], default=default_surface,
                   help=f"which configured threshold applies (default: {default_surface})")
    p.add_argument("--severity", choices=[s.label for s in Severity], help="report findings at or above this severity")
    p.add_argument("--confidence", choices=[c.label for c in Confidence], help="report findings at or above this confidence")


def threshold_from_args(args: argparse.Namespace, config: Config) -> Threshold:
    return config.threshold(args.surface).with_overrides(args.severity, args.confidence)


def write_output(text: str, output: str | None) -> None:
    if output and output != "-":
        write_atomic(output, text)
    else:
        sys.stdout.write(text)
        sys.stdout.flush()
