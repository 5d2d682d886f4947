#!/usr/bin/env bash
# make neo4j / make neo4j-stop: a local Neo4j in the background, store in .neo4j/.
set -euo pipefail
cd "$(dirname "$0")/.."
dir=.neo4j
mkdir -p "$dir"
case "${1:-}" in
start)
  if [[ -f $dir/pid ]] && kill -0 "$(cat "$dir/pid")" 2>/dev/null; then
    cat "$dir/uri"; exit 0
  fi
  ./scripts/prereqs.sh
  port=7687
  if (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then port=0; fi
  rm -f "$dir/uri"
  # setsid: the launcher keeps running after this shell exits; its stdin is a
  # FIFO-free /dev/null substitute (tail -f) so it does not see EOF and stop.
  setsid bash -c "tail -f /dev/null | exec ./bin/whosaid neo4j --port $port --home $dir/data --uri-file $dir/uri" >"$dir/neo4j.log" 2>&1 &
  echo $! >"$dir/pid"
  for _ in $(seq 600); do
    [[ -s $dir/uri ]] && { cat "$dir/uri"; exit 0; }
    kill -0 "$(cat "$dir/pid")" 2>/dev/null || { echo "neo4j failed to start; see $dir/neo4j.log" >&2; tail -20 "$dir/neo4j.log" >&2; exit 1; }
    sleep 0.5
  done
  echo "neo4j not ready after 5 minutes; see $dir/neo4j.log" >&2; exit 1
  ;;
stop)
  if [[ -f $dir/pid ]]; then
    pid=$(cat "$dir/pid")
    kill -TERM -- "-$pid" 2>/dev/null || kill -TERM "$pid" 2>/dev/null || true
    # wait for the whole process group: the JVM checkpoints before it exits
    for _ in $(seq 120); do pgrep -g "$pid" >/dev/null || break; sleep 0.5; done
    rm -f "$dir/pid" "$dir/uri"
    echo "neo4j stopped"
  else
    echo "no local neo4j running"
  fi
  ;;
*) echo "usage: $0 start|stop" >&2; exit 2 ;;
esac
