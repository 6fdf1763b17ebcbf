-- wrk script of the bench scripts (bench/lib.sh: hx_wrk).
-- With HX_WRK_BODY_FILE set, every request is a POST of that file as application/json.
-- At the end it prints one machine-readable line:
--   HX_RESULT req_per_s p50_ms p99_ms requests status_errors socket_errors
-- (status_errors: responses with a status of 400 or more, as wrk counts them)
local body_file = os.getenv("HX_WRK_BODY_FILE")
if body_file and body_file ~= "" then
    local file = assert(io.open(body_file, "rb"))
    wrk.method = "POST"
    wrk.body = file:read("*a")
    file:close()
    wrk.headers["Content-Type"] = "application/json"
end

function done(summary, latency, requests)
    local seconds = summary.duration / 1e6
    local e = summary.errors
    io.write(string.format("HX_RESULT %.1f %.3f %.3f %d %d %d\n",
        summary.requests / seconds,
        latency:percentile(50) / 1000, latency:percentile(99) / 1000,
        summary.requests, e.status, e.connect + e.read + e.write + e.timeout))
end
