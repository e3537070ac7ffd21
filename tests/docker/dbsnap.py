#!/usr/bin/env python3
"""Summarise a copy of the portal's SQLite database for the restart checks.

    dbsnap.py DB_FILE [MARKER]

Prints JSON: the ids of the Identity users, the row count of the core content tables (articles,
authors, sections, tags, sources), how many rows in any table have the demo
column's slug, a digest of every content row (a database made anew, with new times or ids,
would differ), and, when MARKER is given, how many text cells contain it.
"""
import hashlib
import json
import re
import sqlite3
import sys

DEMO_SLUG = "pressure-mounts-for-inter-korean-detente"
CORE = re.compile(r"^(articles?|authors?|sections?|tags?|sources?)$", re.I)


def main(argv):
    db = sqlite3.connect(f"file:{argv[1]}?mode=ro", uri=True)
    marker = argv[2] if len(argv) > 2 else None
    tables = [r[0] for r in db.execute("SELECT name FROM sqlite_master WHERE type='table' AND name NOT LIKE 'sqlite_%'")]
    out = {"tables": len(tables), "users": [], "content_rows": {}, "demo_slug_rows": 0, "marker_cells": 0}
    digest = hashlib.sha256()
    for t in tables:
        cols = [(r[1], (r[2] or "").upper()) for r in db.execute(f'PRAGMA table_info("{t}")')]
        names = {c.lower(): c for c, _ in cols}
        if t.lower() == "aspnetusers" and "id" in names:
            out["users"] = sorted(r[0] for r in db.execute(f'SELECT "{names["id"]}" FROM "{t}"'))
        if CORE.match(t):
            out["content_rows"][t] = db.execute(f'SELECT count(*) FROM "{t}"').fetchone()[0]
        if CORE.match(t):
            rows = sorted(repr(r) for r in db.execute(f'SELECT * FROM "{t}"'))
            digest.update(t.encode() + b"\0" + "\n".join(rows).encode("utf-8", "replace"))
        if "slug" in names:
            out["demo_slug_rows"] += db.execute(f'SELECT count(*) FROM "{t}" WHERE "{names["slug"]}" = ?', (DEMO_SLUG,)).fetchone()[0]
        if marker:
            for c, typ in cols:
                if "CHAR" in typ or "TEXT" in typ or "CLOB" in typ or typ == "":
                    out["marker_cells"] += db.execute(f'SELECT count(*) FROM "{t}" WHERE instr("{c}", ?) > 0', (marker,)).fetchone()[0]
    out["content_digest"] = digest.hexdigest()[:16]
    print(json.dumps(out, sort_keys=True))
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
