# Sourced by ./wanlab. Makes a machine ready for 'repro', 'test' and 'image': installs what is
# missing (as root, with apt-get) and starts a Docker engine, printing each thing it does. Where it
# cannot (not root, no apt-get), it stops and prints the exact command to run.

say() { echo "wanlab: $*" >&2; }

stop_with() { # prints the reason and the commands that fix it, then exits 3
  local why="$1"; shift
  say "$why"
  local c
  for c in "$@"; do echo "    $c" >&2; done
  say "then run this command again."
  exit 3
}

now_us() { echo "${EPOCHREALTIME/./}"; }

since() { # elapsed seconds since a now_us value, one decimal
  local us=$(( $(now_us) - $1 ))
  printf '%d.%d s' $((us / 1000000)) $(( (us / 100000) % 10 ))
}

is_root() { [[ "$(id -u)" -eq 0 ]]; }

# The Debian package that brings each command the lab or its tests run.
declare -A PACKAGE_OF=(
  [mvn]=maven [tcpdump]=tcpdump [tshark]=tshark [curl]=curl [openssl]=openssl
  [iperf3]=iperf3 [ip]=iproute2 [ping]=iputils-ping [dockerd]=docker.io [docker]=docker.io [debootstrap]=debootstrap
  [docker-compose]=docker-compose
)
# What 'repro' runs (curl is its second client; tcpdump and tshark read the captures back).
REPRO_COMMANDS=(mvn tcpdump tshark curl openssl iperf3 ip ping)

apt_updated=""

# ensure_commands CMD...: installs the packages of the commands that are not on PATH.
ensure_commands() {
  local missing=() c
  for c in "$@"; do
    command -v "$c" >/dev/null 2>&1 || missing+=("${PACKAGE_OF[$c]:-$c}")
  done
  ((${#missing[@]})) || return 0
  local install="apt-get install -y --no-install-recommends ${missing[*]}"
  if ! command -v apt-get >/dev/null 2>&1; then
    stop_with "missing ${missing[*]} (Debian package names) and there is no apt-get here; install them with your package manager:" \
      "(Debian or Ubuntu) $install"
  fi
  if ! is_root; then
    stop_with "missing Debian packages: ${missing[*]}; install them as root:" "sudo apt-get update && sudo $install"
  fi
  local t0; t0="$(now_us)"
  export DEBIAN_FRONTEND=noninteractive
  # Another apt-get may hold the lock (a second engineer, unattended upgrades): wait for it.
  local lock=(-o DPkg::Lock::Timeout=600)
  if [[ -z "$apt_updated" ]]; then
    say "apt-get update"
    apt-get "${lock[@]}" update -qq >&2
    apt_updated=1
  fi
  say "installing ${missing[*]} (apt-get install)"
  apt-get "${lock[@]}" install -y -qq --no-install-recommends "${missing[@]}" >/dev/null
  say "installed ${missing[*]} ($(since "$t0"))"
}

# The flags the lab needs: with iptables on, Docker sets FORWARD to DROP, which drops the traffic
# bridged between the lab's network namespaces.
DOCKERD_ARGS=(--iptables=false --ip-masq=false --ip-forward=false)
DOCKERD_LOG="${WANLAB_DOCKERD_LOG:-/var/log/wanlab-dockerd.log}"

engine_up() { timeout 10 docker info >/dev/null 2>&1; }

dockerd_pid() { # the running dockerd's pid, from its pid file
  local pid
  pid="$(cat /var/run/docker.pid 2>/dev/null)" || return 1
  [[ -n "$pid" ]] && kill -0 "$pid" 2>/dev/null && echo "$pid"
}

warn_if_iptables() {
  local pid; pid="$(dockerd_pid)" || return 0
  if ! tr '\0' ' ' <"/proc/$pid/cmdline" 2>/dev/null | grep -q -- '--iptables=false'; then
    say "warning: the running dockerd (pid $pid) manages iptables; its FORWARD DROP can break the lab's"
    say "  bridged namespaces. Restart it as: dockerd ${DOCKERD_ARGS[*]}"
  fi
}

# ensure_engine: a Docker engine answers 'docker info', starting one (in the background) if needed.
ensure_engine() {
  if command -v docker >/dev/null 2>&1 && engine_up; then warn_if_iptables; return 0; fi
  ensure_commands dockerd docker
  if ! is_root && [[ -S /var/run/docker.sock ]]; then
    stop_with "a Docker engine runs but does not answer you (its socket is root's); join the docker group, log in again:" \
      "sudo usermod -aG docker $(id -un)"
  fi
  if ! is_root; then
    stop_with "no Docker engine answers; start one as root:" "sudo sh -c 'dockerd ${DOCKERD_ARGS[*]} >>$DOCKERD_LOG 2>&1 &'"
  fi
  local t0 pid; t0="$(now_us)"
  if pid="$(dockerd_pid)"; then
    say "dockerd (pid $pid) is running but not answering yet; waiting"
  else
    say "starting the Docker engine: dockerd ${DOCKERD_ARGS[*]} (log: $DOCKERD_LOG)"
    setsid dockerd "${DOCKERD_ARGS[@]}" >>"$DOCKERD_LOG" 2>&1 </dev/null &
  fi
  local i
  for ((i = 0; i < 60; i++)); do
    if engine_up; then say "Docker engine up ($(since "$t0"))"; return 0; fi
    sleep 1
  done
  say "the Docker engine did not answer 'docker info' within 60 s; the end of $DOCKERD_LOG:"
  tail -n 20 "$DOCKERD_LOG" >&2 || true
  exit 3
}

# The setup 'repro' needs: the lab's tools. --in-memory and --help run without them.
setup_repro() {
  local a
  for a in "$@"; do
    case "$a" in --in-memory | -h | --help) return 0 ;; esac
  done
  ensure_commands "${REPRO_COMMANDS[@]}"
}
