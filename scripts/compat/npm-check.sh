# Sourced by the scripts/compat-*.sh checks: what they share.

# compat_samples CHECK PATTERN DESCRIPTION [FILE...]: fills the array `files` with the given files,
# or else with the files the tests wrote that match PATTERN (a find -path pattern); fails when none.
compat_samples() {
  local check="$1" pattern="$2" description="$3"
  shift 3
  files=("$@")
  if [ ${#files[@]} -eq 0 ]; then
    mapfile -t files < <(find . -path "$pattern" -type f | sort)
  fi
  if [ ${#files[@]} -eq 0 ]; then
    echo "$check: no $description found (run the tests first: they write them under target/)" >&2
    exit 1
  fi
}

# compat_npm_install CHECK PACKAGE@VERSION: installs the package into a fresh temporary folder,
# `work`, which is removed when the script exits.
compat_npm_install() {
  local check="$1" package="$2"
  work="$(mktemp -d)"
  trap 'rm -rf "$work"' EXIT
  (cd "$work" && npm init -y >/dev/null 2>&1 \
    && npm install --silent --no-audit --no-fund "$package" >/dev/null 2>&1) || {
    echo "$check: could not install $package from npm" >&2
    exit 1
  }
}
