# Sourced by the bench scripts. Builds the benchmarks module and what it needs, and prints its
# runtime class path. Maven's output is kept out of the bench's, and shown when the build fails.

forge3d_bench_classpath() { # NAME -> class path on stdout, or Maven's log on stderr and failure
  local name="$1" log
  log="$(mktemp)"
  if ! ./mvnw -B -q -pl benchmarks -am -DskipTests package dependency:build-classpath \
      -Dmdep.outputFile="target/$name.classpath" -Dmdep.includeScope=runtime >"$log" 2>&1; then
    grep -v -E '^WARNING' "$log" >&2
    rm -f "$log"
    echo "$name: building the benchmarks module failed (Maven's output above)" >&2
    return 1
  fi
  rm -f "$log"
  echo "benchmarks/target/classes:$(cat "benchmarks/target/$name.classpath")"
}
