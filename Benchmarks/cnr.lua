-- wrk script for Benchmarks/cnr.sh: the pre-signed requests of echo.lua (EWP_BENCH_REQUESTS, each sent
-- once), optionally paced: with EWP_BENCH_RATE=R each wrk thread hands out send slots R/threads per
-- second apart (an open-loop schedule: a connection whose slot has passed sends at once), so the
-- latency wrk reports is that of requests arriving at about R/s, not of a closed loop pushing as fast
-- as the node answers. wrk measures latency from the moment a request is written, so the wait for a
-- slot is not counted. Without EWP_BENCH_RATE it is echo.lua unchanged (closed loop).
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "echo.lua")

local rate = tonumber(os.getenv("EWP_BENCH_RATE") or "")
if rate and rate > 0 then
  local ffi = require("ffi")
  ffi.cdef [[
    typedef struct { long tv_sec; long tv_nsec; } ewp_bench_timespec;
    int clock_gettime(int clock, ewp_bench_timespec *ts);
  ]]
  local ts = ffi.new("ewp_bench_timespec")
  local function now_ms()
    ffi.C.clock_gettime(1, ts) -- CLOCK_MONOTONIC
    return tonumber(ts.tv_sec) * 1000 + tonumber(ts.tv_nsec) / 1e6
  end
  local threads = tonumber(os.getenv("EWP_BENCH_THREADS") or "1")
  local period = 1000 * threads / rate -- ms between this thread's sends
  local next_slot = nil

  function delay()
    local t = now_ms()
    if next_slot == nil then next_slot = t end
    local slot = next_slot
    next_slot = next_slot + period
    local wait = slot - t
    if wait <= 0 then return 0 end
    return math.floor(wait + 0.5)
  end
end
