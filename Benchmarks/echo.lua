-- wrk script for Benchmarks/run.sh: sends the pre-signed requests of the file named by
-- EWP_BENCH_REQUESTS (Benchmarks/presign.py format: METHOD \t PATH \t BODY \t Name: value ...),
-- each once; wrk thread k of EWP_BENCH_THREADS takes lines k, k+n, k+2n, ...
-- If a thread runs out it starts again from its first request: those replays are rejected by the
-- node (HTTP 400) and show up in wrk's "Non-2xx or 3xx responses", which run.sh reports.
-- With EWP_BENCH_RESPONSES set, thread k writes every response it receives to <that path>.k (status,
-- the signature headers, the body), and Benchmarks/verify_responses.py checks each signature afterwards.

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
  local out = os.getenv("EWP_BENCH_RESPONSES")
  if out then responses = io.open(out .. "." .. me, "wb") end
end

local recorded = { "Signature", "Original-Date", "Digest", "X-Request-Id", "X-Request-Signature", "Content-Type" }

-- One record a response: a header line (status, then each recorded header, tab-separated, "-" if
-- absent, then the body length), then the body bytes.
function response(status, headers, body)
  if not responses then return end
  local byName = {}
  for k, v in pairs(headers) do byName[string.lower(k)] = v end
  local fields = { tostring(status) }
  for _, name in ipairs(recorded) do fields[#fields + 1] = byName[string.lower(name)] or "-" end
  body = body or ""
  fields[#fields + 1] = tostring(#body)
  responses:write(table.concat(fields, "\t"), "\n", body)
end

function done(summary, latency, requests)
  if responses then responses:close() end
end

function request()
  idx = idx + 1
  if idx > #reqs then idx = 1 end
  return reqs[idx]
end
