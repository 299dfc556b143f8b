# Sourced by ./wanlab (after host.bash): './wanlab fuzz [--seconds N]' runs each Jazzer fuzz target of
# forwarding-core in turn for N seconds (default 60), then prints executions and findings per target.
# Without JAZZER_FUZZ the same targets only replay their corpus, as part of './wanlab test'.

# Each parser of untrusted input, as Class#method of a @FuzzTest (Jazzer fuzzes one per JVM).
FUZZ_TARGETS=(
  FrameDecoderJazzerTest#decode
  AppIdJazzerTest#clientHelloParser
  AppIdJazzerTest#clientHelloReader
  AppIdJazzerTest#httpHostParser
  PacketViewJazzerTest#wrap
  LabFileJazzerTest#parse
  CaptureFilesJazzerTest#read
)
# One input taking longer than this is a finding (libFuzzer -timeout): the parsers must do bounded work.
FUZZ_INPUT_TIMEOUT_S=10

run_fuzz() {
  local seconds=60
  while [[ $# -gt 0 ]]; do
    case "$1" in
      --seconds) seconds="${2:-}"; shift 2 || true ;;
      --seconds=*) seconds="${1#*=}"; shift ;;
      -h|--help) echo "usage: ./wanlab fuzz [--seconds N]   (N seconds per target, default 60)"; exit 0 ;;
      *) say "fuzz: unknown argument '$1' (expected: --seconds N)"; exit 2 ;;
    esac
  done
  if ! [[ "$seconds" =~ ^[1-9][0-9]*$ ]]; then
    say "fuzz: --seconds '$seconds' (expected: a whole number of seconds, at least 1)"; exit 2
  fi
  need_mvn
  local logs; logs="$root/forwarding-core/target/fuzz"
  mkdir -p "$logs"
  say "fuzz: ${#FUZZ_TARGETS[@]} targets, ${seconds}s each; logs in ${logs#"$root"/}/"
  if ! (cd "$root" && mvn -B -q -Dstyle.color=never test-compile -pl forwarding-core) >"$logs/compile.log" 2>&1; then
    say "fuzz: forwarding-core's tests do not compile; Maven said:"; tail -n 40 "$logs/compile.log" >&2; exit 2
  fi
  local rows=() failed=0 target log rc runs findings before after
  for target in "${FUZZ_TARGETS[@]}"; do
    log="$logs/${target/\#/.}.log"
    before="$(fuzz_inputs)"
    say "fuzz: $target ..."
    rc=0
    # jazzer.internal.arg.*: libFuzzer's argv (0 is the program name); the last -max_total_time wins
    # over the annotation's maxDuration.
    (cd "$root" && JAZZER_FUZZ=1 mvn -B -Dstyle.color=never test -pl forwarding-core \
        -Dtest="$target" -Dsurefire.failIfNoSpecifiedTests=false \
        -Djazzer.internal.arg.0=wanlab-fuzz -Djazzer.internal.arg.1="-max_total_time=$seconds" \
        -Djazzer.internal.arg.2="-timeout=$FUZZ_INPUT_TIMEOUT_S") >"$log" 2>&1 || rc=$?
    runs="$(sed -n 's/^Done \([0-9]*\) runs in.*/\1/p' "$log" | tail -n1)"
    after="$(fuzz_inputs)"
    findings="$(comm -13 <(echo "$before") <(echo "$after") | sed '/^$/d')"
    if [[ "$rc" -ne 0 ]]; then failed=1; fi
    rows+=("$(printf '%-36s %12s  %s' "$target" "${runs:-?}" \
      "$( if [[ -n "$findings" ]]; then echo "$(wc -l <<<"$findings") new: $(tr '\n' ' ' <<<"$findings")";
          elif [[ "$rc" -ne 0 ]]; then echo "mvn exited $rc, see ${log#"$root"/}"; else echo none; fi )")")
  done
  printf '%-36s %12s  %s\n' TARGET EXECUTIONS FINDINGS
  printf '%s\n' "${rows[@]}"
  if [[ "$failed" -ne 0 ]]; then
    say "fuzz: findings are saved under forwarding-core/src/test/resources/.../<Class>Inputs/<method>/ and replay in ./wanlab test: fix the parser, keep the file"
    exit 1
  fi
}

fuzz_inputs() { # every committed-corpus file of the fuzz targets, one path a line
  find "$root/forwarding-core/src/test/resources" -path '*JazzerTestInputs/*' -type f 2>/dev/null \
    | sed "s#^$root/forwarding-core/src/test/resources/##" | sort
}
