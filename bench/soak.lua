-- wrk script for bench/soak: like random.lua (a thread picked from BENCH_FIRST..BENCH_LAST into BENCH_PATH, a
-- string.format pattern; a path without %d is asked as it is), but paced: each connection waits 20 ms between
-- requests, so the load stays steady instead of taking whatever the machine can give.
local first = tonumber(os.getenv("BENCH_FIRST"))
local last = tonumber(os.getenv("BENCH_LAST"))
local pattern = os.getenv("BENCH_PATH")
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("seed", threads)
end

function init(args)
  math.randomseed(seed * 7919)
end

function delay()
  return 20
end

function request()
  return wrk.format(nil, string.format(pattern, math.random(first, last)))
end
