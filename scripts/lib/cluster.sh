# Shared by scripts/cluster-up, cluster-down and cluster-restart-silo: where the local cluster's processes run,
# how one is started, waited on and stopped. Sourced, not run. Every setting can be overridden by the
# environment (the fault test does, with free ports and a database of its own):
#
#   LANDFLOW_CLUSTER_DIR                 run directory: logs, pid files, cluster.env, tls/ (.landflow/cluster)
#   LANDFLOW_CLUSTER_ID                  Orleans cluster id                                (landflow-local)
#   LANDFLOW_CLUSTER_DATABASE            database scripts/postgres-up creates              (landflow_cluster)
#   LANDFLOW_CLUSTER_POSTGRES            a connection string to use instead of postgres-up (unset); the schema
#                                        owner's: it migrates, the silos and the gateway log in as the role below
#   LANDFLOW_CLUSTER_SILO_ROLE           user:password of the silos' role      (landflow_silo:landflow_silo)
#   LANDFLOW_CLUSTER_SILO_PORTS          silo-to-silo ports, one per silo                  (11121 11122 11123)
#   LANDFLOW_CLUSTER_SILO_GATEWAY_PORTS  client-gateway ports, one per silo                (30021 30022 30023)
#   LANDFLOW_CLUSTER_SILO_HTTP_PORTS     silo health endpoints, one per silo               (5121 5122 5123)
#   LANDFLOW_CLUSTER_HTTP_PORT           the HTTP gateway                                  (5080)
#   LANDFLOW_CLUSTER_READY_TIMEOUT       seconds to wait for /health/ready                 (180)
#   LANDFLOW_CLUSTER_STOP_TIMEOUT        seconds between SIGTERM and SIGKILL               (60)
#   LANDFLOW_CLUSTER_NO_BUILD            1: use the Release build as it is                 (unset)
#   LANDFLOW_CLUSTER_RATE_LIMITS         the gateway's per-user rate limits                (true; the fault test: false)
#   LANDFLOW_CLUSTER_TOKEN_LIFETIME      how long the gateway's dev tokens live            (00:15:00; the fault test: 01:00:00)

root="$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)"
run_dir="${LANDFLOW_CLUSTER_DIR:-$root/.landflow/cluster}"
silo_bin="$root/silo/Workflow.Silo/bin/Release/net10.0"
gateway_bin="$root/silo/Workflow.Embedded/bin/Release/net10.0"

log() { echo "[cluster] $*" >&2; }
die() { log "$*"; exit 1; }

# Reads the settings cluster-up wrote, so a restart or a stop talks about the same cluster.
load_cluster_env() {
  [ -f "$run_dir/cluster.env" ] || die "no cluster in $run_dir (run scripts/cluster-up first)"
  # shellcheck disable=SC1091
  . "$run_dir/cluster.env"
}

pid_file() { echo "$run_dir/$1.pid"; }

# The pid in $1's pid file if that process is alive, else nothing.
live_pid() {
  local file pid
  file=$(pid_file "$1")
  [ -f "$file" ] || return 1
  pid=$(cat "$file")
  [ -n "$pid" ] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

# Starts `dotnet <dll>` in <dir> as process <name> with the KEY=VALUE settings that follow, in a session of its
# own (a Ctrl+C in the starting shell does not reach it), output to <name>.log. The pid file holds dotnet's own
# pid: `exec` keeps it, so SIGTERM and SIGKILL reach the silo or gateway itself and no wrapper in between.
start_process() {
  local name=$1 dir=$2 dll=$3
  shift 3
  [ -f "$dir/$dll" ] || die "$dir/$dll is missing: build first (scripts/cluster-up builds unless LANDFLOW_CLUSTER_NO_BUILD=1)"
  if pid=$(live_pid "$name"); then
    die "$name is already running (pid $pid)"
  fi

  rm -f "$(pid_file "$name")"
  {
    echo "--- $(date -u +%FT%TZ) starting $name"
  } >>"$run_dir/$name.log"
  (
    cd "$dir"
    exec env "$@" setsid bash -c 'echo $$ > "$0"; exec dotnet "$1"' "$(pid_file "$name")" "$dll" </dev/null >>"$run_dir/$name.log" 2>&1
  ) &
  local waited=0
  while [ ! -s "$(pid_file "$name")" ] && [ $waited -lt 100 ]; do sleep 0.1; waited=$((waited + 1)); done
  [ -s "$(pid_file "$name")" ] || die "$name did not start (see $run_dir/$name.log)"
}

# Waits until http://127.0.0.1:<port>/health/ready answers 200, or fails with the end of <name>'s log.
wait_ready() {
  local name=$1 port=$2 timeout=${LANDFLOW_CLUSTER_READY_TIMEOUT:-180} started=$SECONDS
  while true; do
    if [ "$(curl -s -o /dev/null -m 5 -w '%{http_code}' "http://127.0.0.1:$port/health/ready" 2>/dev/null)" = 200 ]; then
      log "$name ready on http://127.0.0.1:$port ($((SECONDS - started)) s)"
      return 0
    fi
    if ! live_pid "$name" >/dev/null; then
      tail -n 40 "$run_dir/$name.log" >&2
      die "$name exited before it was ready (log: $run_dir/$name.log)"
    fi
    if [ $((SECONDS - started)) -ge "$timeout" ]; then
      tail -n 40 "$run_dir/$name.log" >&2
      die "$name not ready after $timeout s (log: $run_dir/$name.log)"
    fi
    sleep 0.5
  done
}

# SIGTERM, then up to LANDFLOW_CLUSTER_STOP_TIMEOUT seconds for a graceful exit (a silo hands its grains over and
# marks itself Dead in the membership table), then SIGKILL as the last resort.
stop_process() {
  local name=$1 timeout=${LANDFLOW_CLUSTER_STOP_TIMEOUT:-60} pid started=$SECONDS
  if ! pid=$(live_pid "$name"); then
    rm -f "$(pid_file "$name")"
    return 0
  fi

  kill -TERM "$pid" 2>/dev/null || true
  while kill -0 "$pid" 2>/dev/null; do
    if [ $((SECONDS - started)) -ge "$timeout" ]; then
      log "$name (pid $pid) still running after $timeout s: SIGKILL"
      kill -KILL "$pid" 2>/dev/null || true
      break
    fi
    sleep 0.2
  done
  while kill -0 "$pid" 2>/dev/null; do sleep 0.1; done
  rm -f "$(pid_file "$name")"
  log "$name stopped ($((SECONDS - started)) s)"
}

# The run directory's certificate authority and the one certificate every silo and the gateway present on the silo
# and gateway ports (mutual TLS, docs/clustering.md): made with openssl on first start, kept for later ones. The
# authority's key stays in tls/ (mode 700) so a later run can sign again; a deployment keeps its own offline.
ensure_tls() {
  local dir="$run_dir/tls"
  if [ -s "$dir/tls.crt" ] && [ -s "$dir/tls.key" ] && [ -s "$dir/ca.crt" ] \
    && openssl x509 -checkend 86400 -noout -in "$dir/tls.crt" >/dev/null 2>&1; then
    return 0
  fi

  log "making a certificate authority and the cluster's certificate in $dir"
  mkdir -p "$dir"
  chmod 700 "$dir"
  (
    cd "$dir"
    umask 077
    openssl req -x509 -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -days 3650 -subj "/CN=landflow-local-ca" \
      -keyout ca.key -out ca.crt -addext "basicConstraints=critical,CA:TRUE" -addext "keyUsage=critical,keyCertSign,cRLSign" 2>/dev/null
    openssl req -newkey ec -pkeyopt ec_paramgen_curve:P-256 -nodes -subj "/CN=landflow-local" -keyout tls.key -out tls.csr 2>/dev/null
    printf 'basicConstraints=critical,CA:FALSE\nkeyUsage=critical,digitalSignature\nextendedKeyUsage=serverAuth,clientAuth\nsubjectAltName=DNS:localhost,IP:127.0.0.1\n' >tls.ext
    openssl x509 -req -in tls.csr -CA ca.crt -CAkey ca.key -CAcreateserial -days 365 -extfile tls.ext -out tls.crt 2>/dev/null
    rm -f tls.csr tls.ext ca.srl
  ) || die "openssl could not make the cluster's certificates in $dir"
}

# The connection string $1 with its user and password replaced by those of "user:password" $2.
as_role() {
  local user=${2%%:*} password=${2#*:} out="" part key
  local -a parts
  IFS=';' read -ra parts <<<"$1"
  for part in "${parts[@]}"; do
    key=$(echo "${part%%=*}" | tr '[:upper:]' '[:lower:]' | tr -d ' ')
    case "$key" in
      username | userid | user | password | pwd | "") ;;
      *) out+="$part;" ;;
    esac
  done
  echo "${out}Username=$user;Password=$password"
}

# The silo executable's `migrate` command, as the schema owner (CLUSTER_POSTGRES): the store and the membership
# tables at this build's version, the silos' role granted no UPDATE or DELETE of history (docs/postgres.md, "Roles").
migrate_schema() {
  log "migrating the schema as its owner; the silos connect as ${CLUSTER_SILO_ROLE%%:*}"
  (
    cd "$silo_bin"
    env "LandFlow__Storage=postgres" "LandFlow__Clustering=postgres" \
      "LandFlow__Postgres__MigrationConnectionString=$CLUSTER_POSTGRES" \
      "LandFlow__Postgres__SiloRole=${CLUSTER_SILO_ROLE%%:*}" \
      dotnet Workflow.Silo.dll migrate
  ) >>"$run_dir/migrate.log" 2>&1 || die "migrating the schema failed: $(tail -n 3 "$run_dir/migrate.log")"
}

silo_port() { local ports=($CLUSTER_SILO_PORTS); echo "${ports[$(($1 - 1))]}"; }
silo_gateway_port() { local ports=($CLUSTER_SILO_GATEWAY_PORTS); echo "${ports[$(($1 - 1))]}"; }
silo_http_port() { local ports=($CLUSTER_SILO_HTTP_PORTS); echo "${ports[$(($1 - 1))]}"; }
silo_count() { local ports=($CLUSTER_SILO_PORTS); echo "${#ports[@]}"; }

# Silo <n> of the cluster in cluster.env: PostgreSQL store and membership as the silos' role, its own ports, no demo
# data, mutual TLS, and a clock the development gateway's /api/dev/clock moves (this cluster is for loopback only).
# Membership decisions (probes, votes, deaths) are logged at Information, so a failover can be read afterwards.
start_silo() {
  local n=$1
  mkdir -p "$run_dir/silo-$n"
  start_process "silo-$n" "$silo_bin" Workflow.Silo.dll \
    "LandFlow__Mode=cluster" \
    "LandFlow__Storage=postgres" \
    "LandFlow__Clustering=postgres" \
    "LandFlow__Postgres__ConnectionString=$(as_role "$CLUSTER_POSTGRES" "$CLUSTER_SILO_ROLE")" \
    "LandFlow__ClusterId=$CLUSTER_ID" \
    "LandFlow__ServiceId=landflow" \
    "LandFlow__SiloPort=$(silo_port "$n")" \
    "LandFlow__GatewayPort=$(silo_gateway_port "$n")" \
    "LandFlow__DataDirectory=$run_dir/silo-$n" \
    "LandFlow__Demo__Enabled=false" \
    "LandFlow__DevEndpoints=true" \
    "LandFlow__Staff__Liaisons=liaison-wang,liaison-chen" \
    "LandFlow__Tls__CertificatePath=$run_dir/tls/tls.crt" \
    "LandFlow__Tls__KeyPath=$run_dir/tls/tls.key" \
    "LandFlow__Tls__CaPath=$run_dir/tls/ca.crt" \
    "ASPNETCORE_URLS=http://127.0.0.1:$(silo_http_port "$n")" \
    "Logging__LogLevel__Orleans.Runtime.MembershipService=Information"
}

# The development gateway (the embedded host in cluster mode): an Orleans client of the silos over mutual TLS, with
# the dev token routes for this loopback cluster. A deployment runs client/Workflow.Gateway instead, which has none.
start_gateway() {
  mkdir -p "$run_dir/gateway"
  start_process gateway "$gateway_bin" Workflow.Embedded.dll \
    "LandFlow__Mode=cluster" \
    "LandFlow__Clustering=postgres" \
    "LandFlow__Postgres__ConnectionString=$(as_role "$CLUSTER_POSTGRES" "$CLUSTER_SILO_ROLE")" \
    "LandFlow__ClusterId=$CLUSTER_ID" \
    "LandFlow__ServiceId=landflow" \
    "LandFlow__Auth__SigningKey=$CLUSTER_SIGNING_KEY" \
    "LandFlow__DevEndpoints=true" \
    "LandFlow__RateLimits__Enabled=${LANDFLOW_CLUSTER_RATE_LIMITS:-true}" \
    "LandFlow__Auth__TokenLifetime=${LANDFLOW_CLUSTER_TOKEN_LIFETIME:-00:15:00}" \
    "LandFlow__DataDirectory=$run_dir/gateway" \
    "LandFlow__Tls__CertificatePath=$run_dir/tls/tls.crt" \
    "LandFlow__Tls__KeyPath=$run_dir/tls/tls.key" \
    "LandFlow__Tls__CaPath=$run_dir/tls/ca.crt" \
    "ASPNETCORE_URLS=http://127.0.0.1:$CLUSTER_HTTP_PORT"
}
