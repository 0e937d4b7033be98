-- wrk script: FixMyStreet-style clients POSTing service requests to /open311/v2/requests.json (bench/open311-bench.sh
-- and bench/open311-ab.sh). The form is Open311Bench.java's, field for field: api_key, service_code (the three demo
-- services in turn), address_string, description. Environment: OPEN311_KEY (the client's key), ACKED_OUT (prefix of
-- the files the acknowledged service_request_ids are written to, one per wrk thread). done() prints one RESULT line.
-- Why wrk and not the Java client: the JDK HttpClient spent 1.3 ms of CPU per POST on the same 2 cores as the server
-- (a tenth of what it measured); wrk spends a few tens of microseconds.
local key = assert(os.getenv("OPEN311_KEY"), "OPEN311_KEY")
local ackedOut = os.getenv("ACKED_OUT")
local services = {"environment", "livelihood", "neighbour-dispute"}

local function urlencode(s)
  return (s:gsub("[^%w%*%-%._ ]", function(c) return string.format("%%%02X", string.byte(c)) end):gsub(" ", "+"))
end
local keyEncoded = urlencode(key)
local descriptionEncoded = urlencode("Open311 压测请求 ")

local threads = {}
local counter = 0
function setup(thread)
  counter = counter + 1
  thread:set("tid", counter)
  table.insert(threads, thread)
end

acked = 0
failed = 0
statuses = ""
local ackedFile = nil
local n = 0
local addressEncoded = nil

function init(args)
  if ackedOut ~= nil and ackedOut ~= "" then ackedFile = io.open(ackedOut .. "-" .. (tid or 0) .. ".txt", "w") end
  addressEncoded = urlencode("压测路" .. (tid or 0) .. "号")
end

request = function()
  n = n + 1
  local body = "api_key=" .. keyEncoded .. "&service_code=" .. services[(tid + n) % #services + 1]
      .. "&address_string=" .. addressEncoded .. "&description=" .. descriptionEncoded .. tid .. "-" .. n
  return wrk.format("POST", "/open311/v2/requests.json",
      {["Content-Type"] = "application/x-www-form-urlencoded", ["Accept"] = "application/json"}, body)
end

response = function(status, headers, body)
  local id = status == 201 and body:match('"service_request_id":"([^"]+)"')
  if id then
    acked = acked + 1
    if ackedFile ~= nil then
      ackedFile:write(id, "\n")
      if acked % 200 == 0 then ackedFile:flush() end
    end
  else
    failed = failed + 1
    if #statuses < 60 then statuses = statuses .. status .. " " end
  end
end

done = function(summary, latency, requests)
  local a, f, s = 0, 0, ""
  for _, t in ipairs(threads) do
    a = a + t:get("acked")
    f = f + t:get("failed")
    s = s .. t:get("statuses")
  end
  local e = summary.errors
  local secs = summary.duration / 1e6
  io.write(string.format("POST requests.json | connections=%s | %.0f s | acknowledged %d (%.0f/s) | failed %d | p50 %.1f ms | p95 %.1f ms | p99 %.1f ms | socket errors %d | statuses %s\n",
      os.getenv("CONNECTIONS") or "?", secs, a, a / secs, f + e.connect + e.read + e.write + e.timeout,
      latency:percentile(50) / 1000, latency:percentile(95) / 1000, latency:percentile(99) / 1000,
      e.connect + e.read + e.write + e.timeout, s == "" and "-" or s:gsub(" ", ","):sub(1, 40)))
end
