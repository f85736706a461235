"""The opt-in resident process for the commit hook (`railguard daemon`).

Off by default: enabled only by the user-level config (`resident = true`) or RAILGUARD_RESIDENT=1,
never by a repository's config, and never under CI (`CI` set). The hook's client side
(railguard.resident.client) imports only the standard library, asks the daemon over a 0600 Unix
socket in a 0700 folder of the user's runtime dir, and checks the answer (installed version and
install fingerprint, exit code, output); on any problem it runs the usual cold scan. The daemon
(railguard.resident.server) reads the staged content itself, through the very code the cold
`railguard hook --staged` runs, so both give the same output and exit code.
"""
