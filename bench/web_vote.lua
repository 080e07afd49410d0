-- wrk script for bench/web_bench.py: every request is a real phone's ballot.
-- args: <devices file: "token<TAB>csrf" lines> <idea ids, comma separated> <phase key> <run id>
-- Each request picks a joined phone at random and sends a dots ballot with a fresh
-- idempotency key, so every acknowledged request is one committed write.

local devices, ideas = {}, {}
local counter, phase, run = 0, "", ""
local threads = 0

function setup(thread)
  thread:set("tid", threads)
  threads = threads + 1
end

function init(args)
  for line in io.lines(args[1]) do
    local token, csrf = line:match("([^\t]+)\t([^\t]+)")
    devices[#devices + 1] = {token, csrf}
  end
  for id in string.gmatch(args[2], "[^,]+") do ideas[#ideas + 1] = id end
  phase = args[3]
  run = args[4]
  math.randomseed(1000 + tid)
end

function request()
  counter = counter + 1
  local d = devices[math.random(#devices)]
  local a = ideas[math.random(#ideas)]
  local b = ideas[math.random(#ideas)]
  local marks = (a == b) and ("m." .. a .. "=3") or ("m." .. a .. "=3&m." .. b .. "=2")
  local body = "csrf=" .. d[2] .. "&phase=" .. phase .. "&k=" .. run .. "-" .. tid .. "-" .. counter ..
               "&" .. marks
  return wrk.format("POST", nil, {
    ["Cookie"] = "fdev=" .. d[1],
    ["Content-Type"] = "application/x-www-form-urlencoded",
  }, body)
end
