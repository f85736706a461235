"""Reporters: one module per output format. Each has `render(report, engine, **options) -> str`."""

FORMATS = {
    "text": "railguard.report.text",
    "json": "railguard.report.json_report",
    "sarif": "railguard.report.sarif",
    "codeclimate": "railguard.report.codeclimate",
}
