-- wrk script for bench/collect_bench.py: every request is a real browser's idea.
-- args: <devices file: "token<TAB>csrf" lines> <cookie name> <run id>
-- Each request picks a browser at random and sends an idea with a fresh idempotency key,
-- so every acknowledged request (303) is one idea committed with fsync.

local devices = {}
local counter, cookie, run = 0, "", ""
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
  cookie = args[2]
  run = args[3]
  math.randomseed(2000 + tid)
end

function request()
  counter = counter + 1
  local d = devices[math.random(#devices)]
  local body = "csrf=" .. d[2] .. "&k=" .. run .. "-" .. tid .. "-" .. counter ..
               "&text=Penkkitesti+idea+" .. counter
  return wrk.format("POST", "/t/nuoret", {
    ["Content-Type"] = "application/x-www-form-urlencoded",
    ["Cookie"] = cookie .. "=" .. d[1],
  }, body)
end
