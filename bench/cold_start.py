#!/usr/bin/env python3
"""Cold start of `huixing serve` (scenario 1a of docs/performance.md).

Each run: exec `huixing serve --listen 127.0.0.1:0 --port-file F`, poll F and then GET /healthz
every 0.5 ms until the first 200; the time from exec to that 200 is the run's figure. VmRSS and
VmHWM are read from /proc right after it, then the server gets SIGTERM. Every run is bounded
(10 s to the first 200, 10 s to exit).

    cold_start.py HUIXING DB_PATH WORK_DIR RUNS

Prints one line per run to stderr and a JSON summary (medians) to stdout.
"""
import http.client
import json
import os
import signal
import statistics
import subprocess
import sys
import time


def vm(pid):
    values = {}
    with open(f"/proc/{pid}/status") as status:
        for line in status:
            key, _, rest = line.partition(":")
            if key in ("VmRSS", "VmHWM"):
                values[key] = int(rest.split()[0]) / 1024  # kB -> MiB
    return values


def healthz(port):
    connection = http.client.HTTPConnection("127.0.0.1", port, timeout=1)
    try:
        connection.request("GET", "/healthz")
        return connection.getresponse().status
    except OSError:
        return None
    finally:
        connection.close()


def one_run(binary, db, work, index):
    port_file = os.path.join(work, f"cold.{index}.port")
    log = open(os.path.join(work, "cold.log"), "ab")
    start = time.perf_counter()
    server = subprocess.Popen(
        [binary, "serve", "--db", f"sqlite:{db}", "--listen", "127.0.0.1:0",
         "--port-file", port_file],
        stdout=log, stderr=log)
    try:
        deadline = start + 10
        port = None
        while True:
            if time.perf_counter() > deadline:
                raise RuntimeError("no 200 from /healthz within 10 s")
            if server.poll() is not None:
                raise RuntimeError(f"huixing exited with {server.returncode}")
            if port is None:
                try:
                    with open(port_file) as f:
                        text = f.read()
                    if text.endswith("\n"):
                        port = int(text)
                except (FileNotFoundError, ValueError):
                    pass
            if port is not None and healthz(port) == 200:
                elapsed = time.perf_counter() - start
                break
            time.sleep(0.0005)
        memory = vm(server.pid)
    finally:
        server.send_signal(signal.SIGTERM)
        try:
            server.wait(timeout=10)
        except subprocess.TimeoutExpired:
            server.kill()
            server.wait()
        log.close()
    return elapsed, memory


def main():
    # SIGTERM (the bench script's cleanup) unwinds like Ctrl-C, so the server under test is
    # stopped by one_run's finally.
    signal.signal(signal.SIGTERM, lambda *_: sys.exit(143))
    binary, db, work, runs = sys.argv[1], sys.argv[2], sys.argv[3], int(sys.argv[4])
    times, rss, hwm = [], [], []
    for index in range(runs):
        elapsed, memory = one_run(binary, db, work, index)
        times.append(elapsed)
        rss.append(memory["VmRSS"])
        hwm.append(memory["VmHWM"])
        print(f"  cold start {index + 1}/{runs}: {elapsed * 1000:.1f} ms, "
              f"VmRSS {memory['VmRSS']:.1f} MiB, VmHWM {memory['VmHWM']:.1f} MiB",
              file=sys.stderr)
    print(json.dumps({
        "runs": runs,
        "median_ms": statistics.median(times) * 1000,
        "min_ms": min(times) * 1000,
        "max_ms": max(times) * 1000,
        "rss_mib": statistics.median(rss),
        "hwm_mib": statistics.median(hwm),
    }))


if __name__ == "__main__":
    main()
