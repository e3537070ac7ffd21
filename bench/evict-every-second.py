#!/usr/bin/env python3
"""Evicts one article's cached page once a second, until killed.

The load beside the bench's "article, evicted every second" row:
  evict-every-second.py BASE SLUG
Needs the portal started with Benchmark__StaticFilesPath set (which maps POST /_bench/evict, loopback only).
One kept-alive connection and one small request a second: the client itself costs next to nothing.
"""
import http.client, sys, time, urllib.parse

base, slug = sys.argv[1:3]
url = urllib.parse.urlsplit(base)
connection = http.client.HTTPConnection(url.hostname, url.port or 80, timeout=10)
path = "/_bench/evict?slug=" + urllib.parse.quote(slug)
evicted = failed = 0
next_at = time.monotonic()
while True:
    try:
        connection.request("POST", path, body=b"", headers={"Content-Length": "0"})
        response = connection.getresponse()
        response.read()
        if response.status == 204:
            evicted += 1
        else:
            failed += 1
    except (OSError, http.client.HTTPException):
        failed += 1
        connection.close()
    if (evicted + failed) % 5 == 0:
        print(f"evicted {evicted}, failed {failed}", flush=True)
    next_at += 1
    time.sleep(max(0, next_at - time.monotonic()))
