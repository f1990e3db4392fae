#!/usr/bin/env bash
# bench/spark-cluster.sh start|stop WORKDIR WORKERS
#
# A Spark standalone cluster on this machine for the Spark benchmarks: a master and WORKERS workers of one core and
# 2 GiB each, every one its own JVM on loopback, started from spark-runtime/target/jars (a plain Spark's jars, built by
# `./rvq ... --spark` or `mvn -Pspark package -pl spark,spark-runtime -am`). Prints the master URL. `stop` ends them.
set -euo pipefail
root="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
cmd="$1" work="$2" workers="${3:-2}"
jars="$root/spark-runtime/target/jars"
mkdir -p "$work"
work="$(cd "$work" && pwd)"

opens=()
for p in java.lang java.lang.invoke java.lang.reflect java.io java.net java.nio java.util java.util.concurrent \
         java.util.concurrent.atomic jdk.internal.ref sun.nio.ch sun.nio.cs sun.security.action sun.util.calendar; do
  opens+=("--add-opens=java.base/$p=ALL-UNNAMED")
done

free_port() { python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1",0)); print(s.getsockname()[1])'; }

case "$cmd" in
  start)
    [[ -d "$jars" ]] || { echo "no $jars: build it with mvn -B -q -DskipTests -Pspark package -pl spark,spark-runtime -am" >&2; exit 1; }
    mkdir -p "$work/spark-home"; ln -sfn "$jars" "$work/spark-home/jars"
    export SPARK_HOME="$work/spark-home" SPARK_SCALA_VERSION=2.13
    port="$(free_port)" web="$(free_port)"
    java -Xmx256m "${opens[@]}" -cp "$jars/*" org.apache.spark.deploy.master.Master \
      --host 127.0.0.1 --port "$port" --webui-port "$web" >"$work/master.log" 2>&1 &
    echo $! >"$work/pids"
    for i in $(seq 1 "$workers"); do
      mkdir -p "$work/worker$i"
      java -Xmx256m "${opens[@]}" -cp "$jars/*" org.apache.spark.deploy.worker.Worker --host 127.0.0.1 \
        --cores 1 --memory 2g --webui-port "$(free_port)" --work-dir "$work/worker$i" "spark://127.0.0.1:$port" \
        >"$work/worker$i.log" 2>&1 &
      echo $! >>"$work/pids"
    done
    for _ in $(seq 1 300); do
      if curl -s "http://127.0.0.1:$web/json/" | grep -q "\"aliveworkers\" : $workers"; then
        echo "spark://127.0.0.1:$port"; exit 0
      fi
      sleep 0.3
    done
    echo "the cluster did not come up; logs in $work" >&2; exit 1 ;;
  stop)
    while read -r pid; do
      pkill -9 -P "$pid" 2>/dev/null || true   # the workers' executors
      kill "$pid" 2>/dev/null || true
    done <"$work/pids"
    rm -f "$work/pids" ;;
  *) echo "usage: $0 start|stop WORKDIR [WORKERS]" >&2; exit 2 ;;
esac
