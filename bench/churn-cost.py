#!/usr/bin/env python3
"""What the churn beside the cached article costs the portal, in CPU time (steadier than requests/s on a busy machine).

  churn-cost.py BASE PORTAL_PID SLUG ADMIN_EMAIL ADMIN_PASSWORD [SECONDS]
The portal must be started as bench/run.sh starts it with the cache on (Benchmark__StaticFilesPath, the comment limits
raised). Reads the portal's user+system CPU from /proc/PORTAL_PID/stat around: idle; comment-churn.py for SECONDS;
40 evictions each followed by one reader (eviction + re-render); 200 cached reads (one connection each, as curl).
"""
import http.client, os, re, subprocess, sys, time, urllib.parse

base, pid, slug, email, password = sys.argv[1:6]
seconds = float(sys.argv[6]) if len(sys.argv) > 6 else 20
tick = os.sysconf("SC_CLK_TCK")
url = urllib.parse.urlsplit(base)

def cpu(process=pid):
    fields = open(f"/proc/{process}/stat").read().rsplit(")", 1)[1].split()
    return (int(fields[11]) + int(fields[12])) / tick  # utime + stime

def request(method, path):
    connection = http.client.HTTPConnection(url.hostname, url.port, timeout=10)
    connection.request(method, path, body=b"" if method == "POST" else None)
    response = connection.getresponse(); response.read(); connection.close()
    return response.status

def measure(label, action, count=1):
    before, began = cpu(), time.monotonic()
    action()
    used, wall = cpu() - before, time.monotonic() - began
    print(f"{label}: portal CPU {used * 1000 / count:.1f} ms each ({used:.2f} s CPU in {wall:.1f} s for {count})", flush=True)

before = cpu(); time.sleep(5)
print(f"idle: portal CPU {(cpu() - before) * 1000 / 5:.1f} ms per second", flush=True)

def churn():
    client = subprocess.Popen([sys.executable, os.path.join(os.path.dirname(os.path.abspath(__file__)), "comment-churn.py"),
                               base, slug, email, password], stdout=subprocess.PIPE, text=True)
    time.sleep(seconds)
    client_cpu = cpu(client.pid)
    client.terminate(); lines = client.communicate()[0].strip().splitlines()
    medians = [line for line in lines if "medians" in line]
    return f"; churn: {(medians or lines or ['no output'])[-1]}; the Python client itself used {client_cpu:.2f} s CPU"
before = cpu(); began = time.monotonic(); note = churn(); used = cpu() - before; wall = time.monotonic() - began
print(f"comment churn: portal CPU {used * 1000 / wall:.1f} ms per second ({used:.2f} s in {wall:.1f} s){note}", flush=True)

article = "/articles/" + urllib.parse.quote(slug)
evict = "/_bench/evict?slug=" + urllib.parse.quote(slug)
def evict_and_render():
    for _ in range(40):
        assert request("POST", evict) == 204
        assert request("GET", article) == 200
measure("one eviction + re-render", evict_and_render, 40)

def cached_reads():
    for _ in range(200):
        assert request("GET", article) == 200
measure("one cached read (new connection each)", cached_reads, 200)
