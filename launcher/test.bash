# Sourced by ./wanlab (after host.bash and image.bash): './wanlab test' sets the machine up so that
# every test runs, none skipped for a missing tool or engine, then runs mvn -B verify.

# Containers and networks the tests create carry this label (agreed with the Docker backend's tests).
TEST_LABEL="io.wanlab.test=1"
# Held shared by every './wanlab test' while it runs: leftovers are removed only by a run that
# can take it alone, so two runs on one machine never remove each other's containers.
TEST_LOCK="${TMPDIR:-/tmp}/wanlab-test.lock"

remove_test_leftovers() { # when: "before" or "after"
  local containers networks
  containers="$(docker ps -aq --filter "label=$TEST_LABEL" 2>/dev/null || true)"
  networks="$(docker network ls -q --filter "label=$TEST_LABEL" 2>/dev/null || true)"
  if [[ -z "$containers$networks" ]]; then return 0; fi
  say "test: removing $(wc -w <<<"$containers") container(s) and $(wc -w <<<"$networks") network(s) labelled $TEST_LABEL ($1 the run)"
  if [[ -n "$containers" ]]; then xargs docker rm -f -v <<<"$containers" >/dev/null || true; fi
  if [[ -n "$networks" ]]; then xargs docker network rm <<<"$networks" >/dev/null || true; fi
}

run_tests() {
  local total; total="$(now_us)"
  say "test: setting the machine up (what is missing is installed; nothing is when all is there)"
  # docker-compose (1.29, Debian's): the test that brings up 'wanlab export compose' runs it.
  ensure_commands "${REPRO_COMMANDS[@]}" docker docker-compose
  ensure_engine
  image_build
  # Testcontainers without a registry: Ryuk's image cannot be pulled, so it is off and this
  # launcher removes the tests' containers itself; the engine is on this host.
  export TESTCONTAINERS_RYUK_DISABLED=true
  export TESTCONTAINERS_HOST_OVERRIDE=localhost
  # Tells tests that the setup above ran: a missing engine or image is then a failure, not a skip.
  export WANLAB_TEST_SETUP=1
  say "test: setup done ($(since "$total")); env TESTCONTAINERS_RYUK_DISABLED=true TESTCONTAINERS_HOST_OVERRIDE=localhost WANLAB_TEST_SETUP=1"

  exec 9>>"$TEST_LOCK"
  if flock -n -x 9; then remove_test_leftovers before; fi
  flock -s 9
  local t0 rc=0; t0="$(now_us)"
  say "test: mvn -B verify $*"
  (cd "$root" && mvn -B -Dstyle.color=never verify "$@") || rc=$?
  if flock -n -x 9; then remove_test_leftovers after; fi
  exec 9>&-
  say "test: mvn exited $rc after $(since "$t0"); ./wanlab test took $(since "$total") in all"
  exit "$rc"
}
