"""Backups (สำรองข้อมูล), restores (กู้คืนข้อมูล) and moving an installation from SQLite to PostgreSQL
(ย้ายฐานข้อมูล). No models: a backup is a file plus its JSON manifest; a restore only reports success
after `kongthun check` passed on the restored copy, and only then replaces the live database."""
