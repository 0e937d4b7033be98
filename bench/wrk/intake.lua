-- wrk script: the resident's rating form as a phone sends it (bench/intake-baselines.sh).
-- Environment: CODES (file, one target code a line), DEVICES (file, "cookies<TAB>csrf token" a line, from one GET of a
-- rating page each: simulated phones), FORM = urlencoded | multipart | photo, PHOTO (a JPEG, for FORM=photo),
-- ONE_CODE and ONE_DEVICE (every request rates this code from the first phone: ballot-stuffing), ACKED_OUT (prefix of
-- the files the receipts' tracking codes are written to, one per wrk thread). Every request carries a fresh
-- idempotency key, so every receipt is a new row; done() prints one RESULT line with the receipts counted from the
-- bodies.
local codes = {}
local one = os.getenv("ONE_CODE")
if one ~= nil and one ~= "" then
  codes[1] = one
else
  for line in io.lines(os.getenv("CODES")) do
    if #line > 0 then codes[#codes + 1] = line end
  end
end
local devices = {}
for line in io.lines(os.getenv("DEVICES")) do
  local cookie, token = line:match("^(.-)\t(.*)$")
  if cookie ~= nil then devices[#devices + 1] = {cookie = cookie, csrf = token, encoded = (token:gsub("=", "%%3D"))} end
end
local oneDevice = os.getenv("ONE_DEVICE")
if oneDevice ~= nil and oneDevice ~= "" then devices = {devices[1]} end
local ackedOut = os.getenv("ACKED_OUT")
local ackedFile = nil
local form = os.getenv("FORM") or "urlencoded"
local photo = nil
if form == "photo" then
  local f = assert(io.open(os.getenv("PHOTO"), "rb"))
  photo = f:read("*a")
  f:close()
end
local ratings = {"SATISFIED", "SATISFIED", "SATISFIED", "BASICALLY_SATISFIED", "DISSATISFIED"}

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

function init(args)
  math.randomseed(os.time() * 1000 + (tid or 0) * 7919 + math.floor(os.clock() * 1e6))
  if ackedOut ~= nil and ackedOut ~= "" then ackedFile = io.open(ackedOut .. "-" .. (tid or 0) .. ".txt", "w") end
end

local function hex4()
  return string.format("%04x", math.random(0, 65535))
end

local function uuid()
  return hex4() .. hex4() .. "-" .. hex4() .. "-4" .. string.format("%03x", math.random(0, 4095)) .. "-"
      .. string.format("%04x", 32768 + math.random(0, 16383)) .. "-" .. hex4() .. hex4() .. hex4()
end

local function rating()
  return ratings[math.random(#ratings)]
end

local function part(name, value)
  return "--minyibench\r\nContent-Disposition: form-data; name=\"" .. name .. "\"\r\n\r\n" .. value .. "\r\n"
end

request = function()
  local code = codes[math.random(#codes)]
  local device = devices[math.random(#devices)]
  local key = uuid()
  local body, ctype
  if form == "urlencoded" then
    body = "_csrf=" .. device.encoded .. "&key=" .. key .. "&overall=" .. rating() .. "&r_duty=" .. rating()
        .. "&r_lawful=" .. rating() .. "&comment=&clue=&phone="
    ctype = "application/x-www-form-urlencoded"
  else
    body = part("_csrf", device.csrf) .. part("key", key) .. part("overall", rating()) .. part("r_duty", rating())
        .. part("r_lawful", rating()) .. part("comment", "") .. part("phone", "")
    if photo ~= nil then
      body = body .. part("clue", "路口积水，照片为证") .. "--minyibench\r\nContent-Disposition: form-data; name=\"photo\"; "
          .. "filename=\"IMG_0001.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n" .. photo .. "\r\n"
    else
      body = body .. part("clue", "") .. "--minyibench\r\nContent-Disposition: form-data; name=\"photo\"; "
          .. "filename=\"\"\r\nContent-Type: application/octet-stream\r\n\r\n\r\n"
    end
    body = body .. "--minyibench--\r\n"
    ctype = "multipart/form-data; boundary=minyibench"
  end
  return wrk.format("POST", "/e/" .. code, {["Content-Type"] = ctype, ["Cookie"] = device.cookie}, body)
end

response = function(status, headers, body)
  local tracking = status == 200 and body:match('href="/t/([A-Z0-9]+)"')
  if tracking then
    acked = acked + 1
    if ackedFile ~= nil then
      ackedFile:write(tracking, "\n")
      if acked % 200 == 0 then ackedFile:flush() end
    end
  else
    failed = failed + 1
    if #statuses < 60 then statuses = statuses .. status .. " " end
  end
end

-- wrk runs done() in the main state after the threads stop; their files are flushed by the OS when wrk exits
done = function(summary, latency, requests)
  local a, f, s = 0, 0, ""
  for _, t in ipairs(threads) do
    a = a + t:get("acked")
    f = f + t:get("failed")
    s = s .. t:get("statuses")
  end
  local e = summary.errors
  io.write(string.format("RESULT acked=%d failed=%d socket_errors=%d seconds=%.2f rate=%.0f p50=%.1f p99=%.1f max=%.1f statuses=%s\n",
      a, f, e.connect + e.read + e.write + e.timeout, summary.duration / 1e6, a / (summary.duration / 1e6),
      latency:percentile(50) / 1000, latency:percentile(99) / 1000, latency.max / 1000,
      s == "" and "-" or s:gsub(" ", ","):sub(1, 40)))
end
