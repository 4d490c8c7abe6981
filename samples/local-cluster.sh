#!/usr/bin/env bash
# A local OrleansTrainer cluster for people: a redis-server (append-only file on) and N silo processes on loopback,
# joined through Redis. The same thing the tests and the main job do with src/OrleansTrainer.LocalCluster, from a shell.
#
#   samples/local-cluster.sh up [N]          start Redis and N silos (default 2); prints the export line otrain needs
#   samples/local-cluster.sh env             print that export line again: eval "$(samples/local-cluster.sh env)"
#   samples/local-cluster.sh list            the processes and whether they run
#   samples/local-cluster.sh add             start one more silo
#   samples/local-cluster.sh kill NAME       SIGKILL a silo (a crash), e.g. silo-1
#   samples/local-cluster.sh stop NAME       SIGTERM a silo (graceful: it leaves the cluster)
#   samples/local-cluster.sh restart-redis   stop Redis gracefully and start it again on the same port and data
#   samples/local-cluster.sh down            stop everything and remove the state folder
#
# State (pids, ports, logs, Redis data) lives in $OTRAIN_CLUSTER_DIR (default /tmp/otrain-cluster).
set -euo pipefail
root="$(cd "$(dirname "$0")/.." && pwd)"
dir="${OTRAIN_CLUSTER_DIR:-/tmp/otrain-cluster}"
silo_dll="$root/src/OrleansTrainer.Silo/bin/Release/net10.0/OrleansTrainer.Silo.dll"

free_port() { /usr/bin/python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1]); s.close()'; }
running() { [ -f "$1" ] && kill -0 "$(cat "$1")" 2>/dev/null; }
wait_port() {
  for _ in $(seq 1 600); do
    (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0
    sleep 0.1
  done
  echo "nothing listens on 127.0.0.1:$1 after 60 s; see $dir/*.log" >&2
  return 1
}

start_redis() {
  local port; port=$(cat "$dir/redis.port")
  redis-server --port "$port" --bind 127.0.0.1 --dir "$dir/redis-data" --appendonly yes --save "" --daemonize no \
    --protected-mode yes >>"$dir/redis.log" 2>&1 &
  echo $! >"$dir/redis.pid"
  wait_port "$port"
}

add_silo() {
  local n; n=$(ls "$dir" | grep -c '^silo-[0-9]*\.pid$' || true)
  local name="silo-$n" silo_port gateway_port health_port
  silo_port=$(free_port); gateway_port=$(free_port); health_port=$(free_port)
  dotnet "$silo_dll" --environment local \
    --OrleansTrainer:Redis="127.0.0.1:$(cat "$dir/redis.port")" --OrleansTrainer:ClusterId="$(cat "$dir/cluster.id")" \
    --OrleansTrainer:SiloName="$name" --OrleansTrainer:SiloPort="$silo_port" --OrleansTrainer:GatewayPort="$gateway_port" \
    --OrleansTrainer:HealthPort="$health_port" >>"$dir/$name.log" 2>&1 &
  echo $! >"$dir/$name.pid"
  echo "$silo_port $gateway_port $health_port" >"$dir/$name.ports"
  wait_port "$gateway_port"
  echo "$name started (pid $(cat "$dir/$name.pid"), silo port $silo_port, gateway $gateway_port, health http://127.0.0.1:$health_port/health/ready)"
}

# What a shell needs for otrain (and the other OTRAIN_ settings' readers) to find this cluster.
client_env() {
  echo "export OTRAIN_CLUSTER=127.0.0.1:$(cat "$dir/redis.port") OTRAIN_CLUSTER_ID=$(cat "$dir/cluster.id") OTRAIN_SERVICE_ID=otrain"
}

signal_silo() {
  local signal=$1 name=$2
  [ -f "$dir/$name.pid" ] || { echo "no silo named $name (see: $0 list)" >&2; exit 2; }
  running "$dir/$name.pid" || { echo "$name is not running" >&2; exit 2; }
  kill "-$signal" "$(cat "$dir/$name.pid")"
  for _ in $(seq 1 300); do running "$dir/$name.pid" || { echo "$name ended ($signal)"; return 0; }; sleep 0.1; done
  echo "$name did not end within 30 s" >&2; exit 1
}

case "${1:-}" in
  up)
    [ ! -d "$dir" ] || { echo "$dir exists: the cluster is up already (or run: $0 down)" >&2; exit 2; }
    [ -f "$silo_dll" ] || dotnet build "$root/src/OrleansTrainer.Silo" -c Release -nologo -v quiet -clp:ErrorsOnly
    mkdir -p "$dir/redis-data"
    free_port >"$dir/redis.port"
    echo "otrain-$(date +%s)" >"$dir/cluster.id"
    start_redis
    for _ in $(seq 1 "${2:-2}"); do add_silo; done
    echo "for otrain, run this (or: eval \"\$($0 env)\"):"
    client_env
    ;;
  env)
    [ -d "$dir" ] || { echo "no cluster (run: $0 up)" >&2; exit 2; }
    client_env
    ;;
  list)
    [ -d "$dir" ] || { echo "no cluster (run: $0 up)"; exit 0; }
    printf '%-8s %-8s %-8s %s\n' name pid state 'ports (silo gateway health)'
    printf '%-8s %-8s %-8s %s\n' redis "$(cat "$dir/redis.pid")" "$(running "$dir/redis.pid" && echo up || echo down)" "$(cat "$dir/redis.port")"
    for pid in "$dir"/silo-*.pid; do
      [ -e "$pid" ] || continue
      name=$(basename "$pid" .pid)
      printf '%-8s %-8s %-8s %s\n' "$name" "$(cat "$pid")" "$(running "$pid" && echo up || echo down)" "$(cat "$dir/$name.ports")"
    done
    ;;
  add) add_silo ;;
  kill) signal_silo KILL "${2:?name of the silo}" ;;
  stop) signal_silo TERM "${2:?name of the silo}" ;;
  restart-redis)
    kill -TERM "$(cat "$dir/redis.pid")"
    while running "$dir/redis.pid"; do sleep 0.1; done
    start_redis
    echo "redis restarted on port $(cat "$dir/redis.port")"
    ;;
  down)
    [ -d "$dir" ] || exit 0
    for pid in "$dir"/silo-*.pid "$dir/redis.pid"; do
      [ -e "$pid" ] && running "$pid" && kill -TERM "$(cat "$pid")" || true
    done
    for pid in "$dir"/silo-*.pid "$dir/redis.pid"; do
      for _ in $(seq 1 200); do [ -e "$pid" ] && running "$pid" || break; sleep 0.1; done
      [ -e "$pid" ] && running "$pid" && kill -KILL "$(cat "$pid")" || true
    done
    rm -rf "$dir"
    echo "cluster down"
    ;;
  *) sed -n '2,16p' "$0"; exit 2 ;;
esac
