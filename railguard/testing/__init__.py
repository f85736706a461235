"""Support for testing rules: the annotated-fixture runner (`railguard rules test`)."""
