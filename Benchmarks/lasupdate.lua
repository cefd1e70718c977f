-- wrk script for Benchmarks/las.sh (`update` under load): the pre-signed requests of echo.lua
-- (EWP_BENCH_REQUESTS, each sent once), and a count of the answers by status, printed at the end as
--   statuses: 200=N 409=N other=N
-- (wrk itself only counts "Non-2xx or 3xx responses", which lumps the valid 409s of stale proposals
-- together with real failures).
local here = debug.getinfo(1, "S").source:match("^@(.*/)") or "./"
dofile(here .. "echo.lua")

local threads = {}
local echo_setup = setup

function setup(thread)
  echo_setup(thread)
  table.insert(threads, thread)
end

ok, conflict, other = 0, 0, 0

function response(status, headers, body)
  if status == 200 then ok = ok + 1 elseif status == 409 then conflict = conflict + 1 else other = other + 1 end
end

function done(summary, latency, requests)
  local a, b, c = 0, 0, 0
  for _, t in ipairs(threads) do
    a = a + t:get("ok"); b = b + t:get("conflict"); c = c + t:get("other")
  end
  io.write(string.format("statuses: 200=%d 409=%d other=%d\n", a, b, c))
end
