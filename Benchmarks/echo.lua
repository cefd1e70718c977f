-- wrk script for Benchmarks/run.sh: sends the pre-signed requests of the file named by
-- EWP_BENCH_REQUESTS (Benchmarks/presign.py format: METHOD \t PATH \t BODY \t Name: value ...),
-- each once; wrk thread k of EWP_BENCH_THREADS takes lines k, k+n, k+2n, ...
-- If a thread runs out it starts again from its first request: those replays are rejected by the
-- node (HTTP 400) and show up in wrk's "Non-2xx or 3xx responses", which run.sh reports.

local next_id = 0

function setup(thread)
  thread:set("tid", next_id)
  next_id = next_id + 1
end

function init(args)
  local path = os.getenv("EWP_BENCH_REQUESTS")
  local n = tonumber(os.getenv("EWP_BENCH_THREADS") or "1")
  local me = tid or 0
  reqs = {}
  local i = 0
  for line in io.lines(path) do
    if i % n == me then
      local fields = {}
      for f in string.gmatch(line .. "\t", "([^\t]*)\t") do fields[#fields + 1] = f end  -- an empty body stays a field
      local headers = {}
      for j = 4, #fields do
        local k, v = string.match(fields[j], "^([^:]+): (.*)$")
        headers[k] = v
      end
      reqs[#reqs + 1] = wrk.format(fields[1], fields[2], headers, fields[3])
    end
    i = i + 1
  end
  idx = 0
end

function request()
  idx = idx + 1
  if idx > #reqs then idx = 1 end
  return reqs[idx]
end
