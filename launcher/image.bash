# Sourced by ./wanlab (after host.bash): './wanlab image' builds the wanlab container image.
# Steps, each printed with its time: the jar, a small build context under target/image (the jar and
# a jlinked Java runtime), the base image wanlab-base:bookworm (present: kept; else pulled if a
# registry answers, else debootstrapped from the Debian mirror apt uses), then 'docker build'.

IMAGE_BASE="${WANLAB_BASE_IMAGE:-wanlab-base:bookworm}"
# Tools every node image carries; the locally built base has them, the Dockerfile adds them to debian:bookworm-slim.
BASE_PACKAGES="iproute2,iputils-ping,curl,ca-certificates,openssl,tcpdump,iperf3"
# jdeps does not see what is loaded by name: EC keys for TLS, zip file systems, socket options.
EXTRA_MODULES="jdk.crypto.ec,jdk.zipfs,jdk.net"

image_step() { # image_step T0 WHAT: one line per step with its time
  say "image: $2 ($(since "$1"))"
}

project_version() {
  sed -n 's:^  <version>\(.*\)</version>.*:\1:p' "$root/pom.xml" | head -n1
}

# The folder docker build sends: the jar and a runtime, nothing else of the repo.
prepare_context() {
  local t0 ctx="$root/target/image" what=()
  t0="$(now_us)"
  mkdir -p "$ctx"
  # jdeps takes seconds: asked only when the jar changed or the runtime is missing.
  if cmp -s "$jar" "$ctx/wanlab.jar" && [[ -x "$ctx/runtime/bin/java" ]]; then
    image_step "$t0" "build context target/image: jar and runtime unchanged"
    return 0
  fi
  local modules stamp
  modules="$("$JAVA_HOME/bin/jdeps" --print-module-deps --ignore-missing-deps --multi-release 25 -q "$jar"),$EXTRA_MODULES"
  stamp="$modules $("$JAVA_HOME/bin/java" -version 2>&1 | head -n1)"
  if [[ -x "$ctx/runtime/bin/java" && "$(cat "$root/target/image-runtime.stamp" 2>/dev/null)" == "$stamp" ]]; then
    what+=("runtime kept")
  else
    rm -rf "$ctx/runtime" "$root/target/image-runtime.stamp"
    "$JAVA_HOME/bin/jlink" --add-modules "$modules" --strip-debug --no-man-pages --no-header-files \
      --compress=zip-6 --output "$ctx/runtime"
    echo "$stamp" >"$root/target/image-runtime.stamp"
    what+=("runtime jlinked ($modules)")
  fi
  # Copied only when it changed, so an unchanged jar hits docker's layer cache.
  cp "$jar" "$ctx/wanlab.jar"
  what+=("jar copied")
  image_step "$t0" "build context target/image: ${what[0]}; ${what[1]}"
}

registry_answers() { # Docker Hub's API answers 401 to an anonymous ping when it is reachable
  [[ "$(curl -s -o /dev/null -m 5 -w '%{http_code}' https://registry-1.docker.io/v2/ 2>/dev/null)" == 401 ]]
}

debian_mirror() { # the Debian mirror apt already uses here, else deb.debian.org
  local m
  m="$(cat /etc/apt/sources.list /etc/apt/sources.list.d/*.list /etc/apt/sources.list.d/*.sources 2>/dev/null |
    sed -n -e 's:^URIs\: *\([^ ]*/debian\)/\? *$:\1:p' -e 's:^deb \(\[[^]]*\] \)\?\([^ ]*/debian\)/\? .*:\2:p' | head -n1)"
  echo "${m:-http://deb.debian.org/debian}"
}

ensure_base() {
  local t0; t0="$(now_us)"
  if docker image inspect "$IMAGE_BASE" >/dev/null 2>&1; then
    image_step "$t0" "base image $IMAGE_BASE: present, kept"
    return 0
  fi
  if registry_answers && timeout 300 docker pull -q debian:bookworm-slim >&2; then
    docker tag debian:bookworm-slim "$IMAGE_BASE"
    image_step "$t0" "base image $IMAGE_BASE: pulled debian:bookworm-slim (the Dockerfile adds the tools)"
    return 0
  fi
  ensure_commands debootstrap
  local mirror dir log
  mirror="$(debian_mirror)"
  dir="$(mktemp -d /var/tmp/wanlab-base.XXXXXX)"
  log="$root/target/image-debootstrap.log"
  say "image: no registry answers: debootstrap Debian 12 from $mirror with $BASE_PACKAGES (log: $log)"
  if ! debootstrap --variant=minbase --include="$BASE_PACKAGES" bookworm "$dir" "$mirror" >"$log" 2>&1; then
    say "debootstrap failed; the end of $log:"
    tail -n 20 "$log" >&2
    rm -rf "$dir"
    exit 2
  fi
  rm -rf "$dir"/var/cache/apt/archives/*.deb "$dir"/var/lib/apt/lists/*
  tar -C "$dir" -c . | docker import --change 'LABEL io.wanlab=1' - "$IMAGE_BASE" >/dev/null
  rm -rf "$dir"
  image_step "$t0" "base image $IMAGE_BASE: debootstrapped and imported"
}

# image_build: the whole of './wanlab image'; quick when everything is there.
image_build() {
  local total; total="$(now_us)"
  ensure_commands docker curl
  ensure_engine
  local t0; t0="$(now_us)"
  if build_is_stale; then build image; image_step "$t0" "jar built"; else image_step "$t0" "jar up to date"; fi
  prepare_context
  ensure_base
  local version; version="$(project_version)"
  t0="$(now_us)"
  local log="$root/target/image-build.log"
  # --network=host: the one RUN step may need apt (on debian:bookworm-slim) and the engine runs without NAT.
  if ! DOCKER_BUILDKIT=0 docker build --network=host --build-arg BASE="$IMAGE_BASE" \
      --label io.wanlab=1 --label io.wanlab.version="$version" \
      -t "wanlab:$version" -t wanlab:latest -f "$root/Dockerfile" "$root/target/image" >"$log" 2>&1; then
    say "docker build failed; the end of $log:"
    tail -n 30 "$log" >&2
    exit 2
  fi
  local cached; cached="$(grep -c 'Using cache' "$log" || true)"
  image_step "$t0" "docker build wanlab:$version, wanlab:latest ($cached steps from cache)"
  say "image: wanlab:latest ready ($(since "$total") in all)"
}
