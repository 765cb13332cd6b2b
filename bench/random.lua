-- wrk script for "a random thread": each request asks for a different thread, picked uniformly from
-- BENCH_FIRST..BENCH_LAST, on the path BENCH_PATH (a string.format pattern such as "/threads/%d?page=1").
-- Headers given with -H (the session cookie) still apply: wrk.format uses wrk.headers. A path without %d is asked as
-- it is. BENCH_DELAY (ms, bench/soak): each connection waits that long between requests, for a steady pace.
local first = tonumber(os.getenv("BENCH_FIRST"))
local last = tonumber(os.getenv("BENCH_LAST"))
local pattern = os.getenv("BENCH_PATH")
local pause = tonumber(os.getenv("BENCH_DELAY") or "0")
local threads = 0

function setup(thread)
  threads = threads + 1
  thread:set("seed", threads)
end

function init(args)
  -- Fixed seeds: every run asks for the same sequence of threads.
  math.randomseed(seed * 7919)
end

function request()
  return wrk.format(nil, string.format(pattern, math.random(first, last)))
end

if pause > 0 then
  function delay()
    return pause
  end
end
