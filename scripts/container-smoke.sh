#!/usr/bin/env bash
# container-smoke: proof, without a Docker engine, that the container image
# works. It builds the image's static binary (make build, the recipe
# docker/Dockerfile uses) and runs it the way the image runs it: in an empty
# root file system (no /etc, no time zone files, no CA certificates, no
# shell) as PID 1 of its own PID namespace, as user 65532, configured only
# by its environment (as the image's ENV and a service container are), with
# a scenario folder and a merchant certificate "mounted" at /scenarios and
# /keys. The network is the host's, so the checks run from outside, as a CI
# job or a merchant app next to the container would: the JSON ready line,
# the ready file, the image's HEALTHCHECK command, "tsymock health", signed
# calls (demo key and the team's own key), a scenario rule from the mounted
# folder, and a clean stop on SIGTERM.
#
# Needs unshare from util-linux. As root (CI) it switches to uid 65532 like
# the image's USER; otherwise it maps the caller to root in a user namespace.
set -euo pipefail
cd "$(dirname "$0")/.."

start=$EPOCHREALTIME
work=$(mktemp -d "${TMPDIR:-/tmp}/tsymock-smoke.XXXXXX")
root=$work/root
upid=""
cleanup() {
	if [ -n "$upid" ] && kill -0 "$upid" 2>/dev/null; then
		kill -KILL "$upid" 2>/dev/null || true # --kill-child takes the server with it
		wait "$upid" 2>/dev/null || true
	fi
	rm -rf "$work"
}
trap cleanup EXIT

ms() { awk -v a="$1" -v b="$2" 'BEGIN { printf "%d", (b - a) * 1000 }'; }
step() { printf '  %-58s ' "$1"; }
ok() { echo "ok${1:+  ($1)}"; }
fail() {
	echo "FAIL"
	echo "container-smoke: $*" >&2
	if [ -s "$work/stderr" ]; then
		echo "--- server log:" >&2
		cat "$work/stderr" >&2
	fi
	exit 1
}

command -v unshare >/dev/null || { echo "container-smoke: unshare not found (apt-get install util-linux)" >&2; exit 1; }

echo "container-smoke: the image's binary in an empty root file system"

# What this script emulates must be what docker/Dockerfile says.
step "docker/Dockerfile matches what is emulated here"
df=docker/Dockerfile
final=$(awk '/^FROM /{ stage = $0; body = "" } { body = body $0 "\n" } END { printf "%s", body }' "$df")
for want in '^FROM scratch' '^USER 65532:65532$' '^ENV TSYMOCK_ADDR=0\.0\.0\.0:6900$' \
	'^HEALTHCHECK .*CMD \["/tsymock", "health"' '^ENTRYPOINT \["/tsymock"\]$' '^CMD \["serve"\]$'; do
	grep -Eq "$want" <<<"$final" || fail "the final stage of $df has no line matching $want"
done
grep -q 'make build ' "$df" || fail "$df does not build with make build"
ok

step "build the static binary (make build)"
mkdir -p "$root"
make -s build BIN="$root/tsymock" >/dev/null
bin=$root/tsymock
ok "$(($(stat -c %s "$bin") / 1024)) KiB"

# The image holds /tsymock and an empty, world-writable /tmp; /scenarios
# and /keys stand for the folders a user mounts (docker run -v).
mkdir -m 1777 "$root/tmp"
mkdir "$root/scenarios" "$root/keys"
cat >"$root/scenarios/smoke.yaml" <<'YAML'
rules:
  - name: duplicate member, from the mounted folder
    when: {service: MemberService, method: createMember, param: {bizUserId: smoke-dup}}
    respond: {error: {code: "30000"}}
YAML
own=900000000001
"$bin" keygen --sysid "$own" --out "$work/keys" >/dev/null
cp "$work/keys/$own.cer" "$root/keys/" # only the certificate goes to the server
chmod -R a+rX "$root"

step "root file system holds nothing but these"
layout=$(cd "$root" && find . -mindepth 1 | sort | tr '\n' ' ')
for forbidden in ./etc ./usr ./lib ./bin ./sbin; do
	[ ! -e "$root/$forbidden" ] || fail "$forbidden exists in the root"
done
ok "$layout"

if [ "$(id -u)" = 0 ]; then
	as=(--setgid 65532 --setuid 65532)
	who="uid 65532"
else
	as=(--map-root-user)
	who="uid $(id -u) in a user namespace"
fi

step "start: PID 1 in an empty root, $who"
launched=$EPOCHREALTIME
unshare=$(command -v unshare)
# env -i: nothing from this shell (no TZ, no HOME); port 0 instead of 6900,
# on loopback, because the network is the host's.
env -i TSYMOCK_ADDR=127.0.0.1:0 TSYMOCK_SCENARIOS=/scenarios TSYMOCK_APP="$own=/keys/$own.cer" \
	"$unshare" --pid --fork --kill-child=SIGKILL --mount --root="$root" --wd=/ "${as[@]}" \
	/tsymock serve --ready-file /tmp/ready.json >"$work/stdout" 2>"$work/stderr" &
upid=$!
for _ in $(seq 1 500); do
	[ -s "$work/stdout" ] && break
	kill -0 "$upid" 2>/dev/null || fail "the server exited before it was ready"
	sleep 0.01
done
line=$(head -n 1 "$work/stdout")
[ -n "$line" ] || fail "no ready line within 5s"
ok "ready line after $(ms "$launched" "$EPOCHREALTIME") ms"

step "the ready line is JSON with the address and the apps"
addr=$(sed -n 's/^{"event":"ready","addr":"\([^"]*\)".*/\1/p' <<<"$line")
[ -n "$addr" ] || fail "unexpected ready line: $line"
grep -q "\"sysids\":\[\"100000000002\",\"$own\"\]" <<<"$line" || fail "apps missing from: $line"
grep -q '"pid":1[,}]' <<<"$line" || fail "not PID 1 in its namespace: $line"
ok "$line"

step "--ready-file /tmp/ready.json holds the same line"
[ "$(cat "$root/tmp/ready.json")" = "$line" ] || fail "ready file differs: $(cat "$root/tmp/ready.json" 2>&1)"
ok

url=http://$addr
step "the HEALTHCHECK command, run inside: tsymock health"
out=$(env -i TSYMOCK_ADDR="$addr" "$unshare" --root="$root" --wd=/ "${as[@]}" /tsymock health --timeout 1s 2>&1) ||
	fail "HEALTHCHECK: $out"
ok "$out"

step "tsymock health --url $url"
out=$("$bin" health --url "$url") || fail "health: $out"
ok "$out"

step "signed createMember with the bundled demo key"
out=$("$bin" call --url "$url" MemberService createMember '{"bizUserId":"smoke-1","memberType":3,"source":1}' 2>&1) ||
	fail "call: $out"
grep -q '"bizUserId": "smoke-1"' <<<"$out" || fail "unexpected answer: $out"
ok "China time from the embedded tzdata; answer signature verified"

step "signed createMember with the team's own key (TSYMOCK_APP)"
out=$("$bin" call --url "$url" --sysid "$own" --key "$work/keys/$own.pfx" \
	MemberService createMember '{"bizUserId":"smoke-2","memberType":3,"source":1}' 2>&1) || fail "call: $out"
grep -q '"bizUserId": "smoke-2"' <<<"$out" || fail "unexpected answer: $out"
ok

step "a rule from the mounted scenario folder answers"
if out=$("$bin" call --url "$url" MemberService createMember '{"bizUserId":"smoke-dup","memberType":3,"source":1}' 2>&1); then
	fail "expected error 30000, got: $out"
fi
grep -q '30000' <<<"$out" || fail "expected error 30000, got: $out"
ok "${out#tsymock call: client: }"

step "SIGTERM to PID 1: drains, exits 0, removes the ready file"
child=$( (cat "/proc/$upid/task/$upid/children" 2>/dev/null || pgrep -P "$upid") | tr -d ' ')
[ -n "$child" ] || fail "cannot find the server process"
kill -TERM "$child"
rc=0
wait "$upid" || rc=$?
upid=""
[ "$rc" = 0 ] || fail "exit code $rc after SIGTERM"
[ ! -e "$root/tmp/ready.json" ] || fail "the ready file is still there"
grep -q 'msg="shutting down"' "$work/stderr" || fail "no shutdown in the log"
ok

step "tsymock health fails once it is gone"
if out=$("$bin" health --url "$url" --timeout 1s 2>&1); then fail "health still ok: $out"; fi
ok "exit 1: ${out#tsymock health: }"

echo "container-smoke: ok in $(ms "$start" "$EPOCHREALTIME") ms"
