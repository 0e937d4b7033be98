-- wrk script: the resident's rating form as a phone sends it (bench/intake-baselines.sh, bench/cold-start.sh).
-- Environment: TARGETS (file, "code<TAB>question names" a line: the r_* fields that code's page asks, from
-- bench/intake-lib.sh), DEVICES (file, "cookies<TAB>csrf token" a line, from one GET of a rating page each: simulated
-- phones), FORM = urlencoded | multipart | photo, PHOTO (a JPEG, for FORM=photo), ONE_CODE and ONE_DEVICE (every
-- request rates this code from the first phone: ballot-stuffing), ACKED_OUT (prefix of the files the receipts'
-- tracking codes are written to, one per wrk thread). Every request carries a fresh idempotency key, so every receipt
-- is a new row; done() prints one RESULT line with the receipts counted from the bodies.
--
-- What a phone sends, as the page (templates/evaluation/rate.html) and its script (static/js/evaluation-form.js)
-- make it: the fields in the order of the form — _csrf (inserted first), key, overall, one answer per question on
-- that code's page, comment (one resident in four writes one), clue, photo, phone — url-encoded when no photo was
-- chosen and the script runs (an empty file input is sent as "photo="), multipart/form-data with a WebKit boundary
-- and an empty photo part when the script does not run (FORM=multipart), and multipart with the photo and a clue
-- otherwise (FORM=photo); with the headers of the browser built into WeChat on Android, where most QR codes are
-- scanned (its Accept, Origin, Referer, Sec-Fetch-* and cookies).
local targets = {}
local one = os.getenv("ONE_CODE")
for line in io.lines(os.getenv("TARGETS")) do
  local code, names = line:match("^([^\t]+)\t?(.*)$")
  if code ~= nil then
    local questions = {}
    for q in names:gmatch("%S+") do questions[#questions + 1] = q end
    if one == nil or one == "" or one == code then targets[#targets + 1] = {code = code, questions = questions} end
  end
end
assert(#targets > 0, "no target codes")
local devices = {}
for line in io.lines(os.getenv("DEVICES")) do
  local cookie, token = line:match("^(.-)\t(.*)$")
  if cookie ~= nil then
    local n = #devices + 1
    -- without RESIDENTS=1 every form comes from the generator's address (no X-Forwarded-For): ballot-stuffing
    devices[n] = {cookie = cookie, csrf = token, encoded = (token:gsub("=", "%%3D"))}
  end
end
local oneDevice = os.getenv("ONE_DEVICE")
if oneDevice ~= nil and oneDevice ~= "" then devices = {devices[1]} end
local residents = os.getenv("RESIDENTS") == "1" and (oneDevice == nil or oneDevice == "")
-- RESIDENTS=1: a resident's phone rates a few codes (PHONE_CODES, 3) and is not seen again. The 256 prepared phones
-- above only lend their CSRF cookie and token (checked against each other, no server state); each simulated phone
-- gets a device cookie of its own, new in every run (the per-device counters are kept per code and day in the
-- database, so phones reused across the day's runs would be flagged as repeats), and an address of its own spread
-- over 2^24 addresses (a /24 is shared only by phones far apart in the sequence, as on carriers' and homes' lines).
local phoneCodes = tonumber(os.getenv("PHONE_CODES") or "3")
local runId, runBase = nil, 0
local phoneSerial, phoneUses, phone = 0, 0, nil
local function nextPhone(device)
  phoneSerial = phoneSerial + 1
  local a = (phoneSerial * 40503 + runBase) % 16777216
  phone = {cookie = "minyi-device=" .. runId .. string.format("%012x", phoneSerial) .. "; "
             .. (device.cookie:match("(XSRF%-TOKEN=[^;]*)") or ""),
           csrf = device.csrf, encoded = device.encoded,
           address = string.format("10.%d.%d.%d", math.floor(a / 65536), math.floor(a / 256) % 256, a % 256)}
  phoneUses = 0
end
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
local comment = "窗口服务态度好，办事效率高"
local clue = "路口积水，照片为证"
-- as a browser url-encodes a field: letters, digits and *-._ as they are, space as +, every other byte as %XX
local function urlencode(s)
  return (s:gsub("[^%w%*%-%._ ]", function(c) return string.format("%%%02X", string.byte(c)) end):gsub(" ", "+"))
end
local commentEncoded = urlencode(comment)
local userAgent = "Mozilla/5.0 (Linux; Android 13; V2219A Build/TP1A.220624.014; wv) AppleWebKit/537.36 (KHTML, like Gecko)"
    .. " Version/4.0 Chrome/122.0.6261.120 Mobile Safari/537.36 XWEB/1220099 MMWEBSDK/20240404 MMWEBID/6170"
    .. " MicroMessenger/8.0.49.2600(0x28003133) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64"
local accept = "text/html,application/xhtml+xml,application/xml;q=0.9,image/wxpic,image/tpg,image/webp,image/apng,*/*;q=0.8,"
    .. "application/signed-exchange;v=b3;q=0.7"

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
local origin = nil
local boundary = nil

function init(args)
  math.randomseed(os.time() * 1000 + (tid or 0) * 7919 + math.floor(os.clock() * 1e6))
  if ackedOut ~= nil and ackedOut ~= "" then ackedFile = io.open(ackedOut .. "-" .. (tid or 0) .. ".txt", "w") end
  origin = wrk.scheme .. "://" .. wrk.host .. (wrk.port and (":" .. wrk.port) or "")
  local chars = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789"
  local b = {}
  for i = 1, 16 do local n = math.random(#chars); b[i] = chars:sub(n, n) end
  boundary = "----WebKitFormBoundary" .. table.concat(b)
  -- 20 hex characters of this thread's run: with the serial's 12, a device cookie as long as the app's (32)
  runId = string.format("%04x%04x%04x%04x%04x", math.random(0, 65535), math.random(0, 65535), math.random(0, 65535),
      math.random(0, 65535), (tid or 0) % 65536)
  runBase = math.random(0, 16777215)
end

local function hex4()
  return string.format("%04x", math.random(0, 65535))
end

-- The key a phone posts is the one its rating page carried: KEY_VERSION=7 (bench/intake-lib.sh reads it from a page of
-- the running app) makes it as the page makes it (decision 0056: the milliseconds the page was rendered, then random
-- bits), the page rendered up to two minutes before the form is sent, as a resident takes to fill it; the second
-- that os.time() gives is spread over its milliseconds by a counter. Otherwise a random key (version 4).
local timeOrdered = os.getenv("KEY_VERSION") == "7"
local keySerial = 0
local function uuid()
  if timeOrdered then
    keySerial = keySerial + 1
    local ms = os.time() * 1000 + keySerial % 1000 - math.random(0, 120000)
    local t = string.format("%06x%06x", math.floor(ms / 16777216), ms % 16777216)
    return t:sub(1, 8) .. "-" .. t:sub(9, 12) .. "-7" .. string.format("%03x", math.random(0, 4095)) .. "-"
        .. string.format("%04x", 32768 + math.random(0, 16383)) .. "-" .. hex4() .. hex4() .. hex4()
  end
  return hex4() .. hex4() .. "-" .. hex4() .. "-4" .. string.format("%03x", math.random(0, 4095)) .. "-"
      .. string.format("%04x", 32768 + math.random(0, 16383)) .. "-" .. hex4() .. hex4() .. hex4()
end

local function rating()
  return ratings[math.random(#ratings)]
end

local function part(name, value)
  return "--" .. boundary .. "\r\nContent-Disposition: form-data; name=\"" .. name .. "\"\r\n\r\n" .. value .. "\r\n"
end

request = function()
  local target = targets[math.random(#targets)]
  local device = devices[math.random(#devices)]
  if residents then
    if phone == nil or phoneUses >= phoneCodes then nextPhone(device) end
    phoneUses = phoneUses + 1
    device = phone
  end
  local key = uuid()
  local writes = math.random(4) == 1
  local body, ctype
  if form == "urlencoded" then
    local b = {"_csrf=", device.encoded, "&key=", key, "&overall=", rating()}
    for _, q in ipairs(target.questions) do b[#b + 1] = "&" .. q .. "=" .. rating() end
    b[#b + 1] = "&comment=" .. (writes and commentEncoded or "") .. "&clue=&photo=&phone="
    body = table.concat(b)
    ctype = "application/x-www-form-urlencoded"
  else
    local b = {part("_csrf", device.csrf), part("key", key), part("overall", rating())}
    for _, q in ipairs(target.questions) do b[#b + 1] = part(q, rating()) end
    b[#b + 1] = part("comment", writes and comment or "")
    if photo ~= nil then
      b[#b + 1] = part("clue", clue) .. "--" .. boundary .. "\r\nContent-Disposition: form-data; name=\"photo\"; "
          .. "filename=\"IMG_20261129_101500.jpg\"\r\nContent-Type: image/jpeg\r\n\r\n" .. photo .. "\r\n"
    else
      b[#b + 1] = part("clue", "") .. "--" .. boundary .. "\r\nContent-Disposition: form-data; name=\"photo\"; "
          .. "filename=\"\"\r\nContent-Type: application/octet-stream\r\n\r\n\r\n"
    end
    b[#b + 1] = part("phone", "") .. "--" .. boundary .. "--\r\n"
    body = table.concat(b)
    ctype = "multipart/form-data; boundary=" .. boundary
  end
  return wrk.format("POST", "/e/" .. target.code, {
    ["Cache-Control"] = "max-age=0",
    ["Upgrade-Insecure-Requests"] = "1",
    ["Origin"] = origin,
    ["Content-Type"] = ctype,
    ["User-Agent"] = userAgent,
    ["Accept"] = accept,
    ["X-Requested-With"] = "com.tencent.mm",
    ["Sec-Fetch-Site"] = "same-origin",
    ["Sec-Fetch-Mode"] = "navigate",
    ["Sec-Fetch-User"] = "?1",
    ["Sec-Fetch-Dest"] = "document",
    ["Referer"] = origin .. "/e/" .. target.code,
    ["Accept-Encoding"] = "gzip, deflate",
    ["Accept-Language"] = "zh-CN,zh;q=0.9,en-US;q=0.8,en;q=0.7",
    ["Cookie"] = device.cookie,
    ["X-Forwarded-For"] = device.address}, body)
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
