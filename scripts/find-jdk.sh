# Sourced by ./forge3d and .ci/run. Sets JAVA_HOME to a JDK of version 22 or newer, trying
# $JAVA_HOME, then `java` on the PATH, then /usr/lib/jvm/*, or explains what it found and fails.

forge3d_java_major() { # JAVA_EXECUTABLE -> major version, or nothing; never fails
  local out
  out="$("$1" -version 2>&1)" || return 0
  # The version line, not the first: with JAVA_TOOL_OPTIONS set, "Picked up ..." comes first.
  grep -m 1 'version "' <<<"$out" | sed -nE 's/.*version "1\.([0-9]+).*/\1/p; t; s/.*version "([0-9]+).*/\1/p' || true
}

forge3d_find_jdk() {
  local candidates=() seen=() java home major
  [ -n "${JAVA_HOME:-}" ] && candidates+=("$JAVA_HOME/bin/java")
  if command -v java >/dev/null 2>&1; then
    candidates+=("$(readlink -f "$(command -v java)")")
  fi
  for java in /usr/lib/jvm/*/bin/java; do
    [ -x "$java" ] && candidates+=("$java")
  done
  for java in "${candidates[@]}"; do
    [ -x "$java" ] || { seen+=("$java (missing)"); continue; }
    major=$(forge3d_java_major "$java")
    home=$(cd "$(dirname "$java")/.." && pwd)
    if [ -n "$major" ] && [ "$major" -ge 22 ] && [ -x "$home/bin/javac" ]; then
      export JAVA_HOME="$home"
      return 0
    fi
    seen+=("$home (version ${major:-unknown}$([ -x "$home/bin/javac" ] || echo ', no javac'))")
  done
  {
    echo "forge3d: needs a JDK 22 or newer (Panama FFM), and found none."
    if [ ${#seen[@]} -eq 0 ]; then
      echo "  No Java found in JAVA_HOME, on the PATH, or under /usr/lib/jvm."
    else
      echo "  Found:"
      printf '    %s\n' "${seen[@]}"
    fi
    echo "  Install JDK 22+ (for example Temurin 25) and set JAVA_HOME to it."
  } >&2
  return 1
}
