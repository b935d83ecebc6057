#!/usr/bin/env bash
# container-smoke: proof, without a Docker engine, that the container image
# works. It builds the image's static binary (make build, the recipe
# docker/Dockerfile uses) and runs it the way the image runs it: in an empty
# root file system (no /etc, no time zone files, no CA certificates, no
# shell) as PID 1 of its own PID namespace, as user 65532, configured only
# by its environment (as the image's ENV and a service container are), with
# a scenario folder and a merchant certificate "mounted" at /scenarios and
# /keys, and the state kept in /data (TSYMOCK_DATA_DIR, as with a named
# volume there). The network is the host's, so the checks run from outside,
# as a CI job or a merchant app next to the container would: the JSON ready
# line, the ready file, the image's HEALTHCHECK command, "tsymock health",
# signed calls (demo key and the team's own key), a scenario rule from the
# mounted folder, a clean stop on SIGTERM, and a second start on the same
# /data that still has the members created by the first.
#
# Needs unshare from util-linux. As root (CI) it switches to uid 65532 like
# the image's USER; otherwise it maps the caller to root in a user namespace.
set -euo pipefail
cd "$(dirname "$0")/.."

start=$EPOCHREALTIME
work=$(mktemp -d "${TMPDIR:-/tmp}/tsymock-smoke.XXXXXX")
root=$work/root
upid=""
log=""
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
	if [ -s "$log" ]; then
		echo "--- server log:" >&2
		cat "$log" >&2
	fi
	exit 1
}

command -v unshare >/dev/null || { echo "container-smoke: unshare not found (apt-get install util-linux)" >&2; exit 1; }

echo "container-smoke: the image's binary in an empty root file system"

# What this script emulates must be what docker/Dockerfile says.
step "docker/Dockerfile matches what is emulated here"
df=docker/Dockerfile
final=$(awk '/^FROM /{ stage = $0; body = "" } { body = body $0 "\n" } END { printf "%s", body }' "$df")
for want in '^FROM scratch' '^COPY --from=build /rootfs/ /$' '^USER 65532:65532$' \
	'^ENV TSYMOCK_ADDR=0\.0\.0\.0:6900$' '^HEALTHCHECK .*CMD \["/tsymock", "health"' \
	'^ENTRYPOINT \["/tsymock"\]$' '^CMD \["serve"\]$'; do
	grep -Eq "$want" <<<"$final" || fail "the final stage of $df has no line matching $want"
done
! grep -Eq '^VOLUME' <<<"$final" || fail "the final stage of $df declares a VOLUME; /data is a convention"
grep -q 'make build ' "$df" || fail "$df does not build with make build"
# /data, the folder for --data-dir, belongs to the image's user: a new named
# volume mounted there takes its owner and mode.
for want in 'mkdir -p .*/rootfs/data' 'chown 65532:65532 /rootfs/data( |$)' 'chmod 0?700 /rootfs/data( |$)'; do
	grep -Eq "$want" "$df" || fail "$df does not make /data the image user's: no line matching $want"
done
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
# /data as the image has it: empty, 0700, the server's user's (as root, uid
# 65532; otherwise the caller, who is root in the user namespace).
mkdir -m 0700 "$root/data"
if [ "$(id -u)" = 0 ]; then chown 65532:65532 "$root/data"; fi

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

unshare=$(command -v unshare)
# serve N starts the server in the background the way the image runs it
# (run N writes to stdout.N and stderr.N) and waits for its ready line.
# env -i: nothing from this shell (no TZ, no HOME); port 0 instead of 6900,
# on loopback, because the network is the host's.
serve() {
	local launched=$EPOCHREALTIME
	log=$work/stderr.$1
	env -i TSYMOCK_ADDR=127.0.0.1:0 TSYMOCK_SCENARIOS=/scenarios TSYMOCK_APP="$own=/keys/$own.cer" \
		TSYMOCK_DATA_DIR=/data \
		"$unshare" --pid --fork --kill-child=SIGKILL --mount --root="$root" --wd=/ "${as[@]}" \
		/tsymock serve --ready-file /tmp/ready.json >"$work/stdout.$1" 2>"$log" &
	upid=$!
	for _ in $(seq 1 500); do
		[ -s "$work/stdout.$1" ] && break
		kill -0 "$upid" 2>/dev/null || fail "the server exited before it was ready"
		sleep 0.01
	done
	line=$(head -n 1 "$work/stdout.$1")
	[ -n "$line" ] || fail "no ready line within 5s"
	addr=$(sed -n 's/^{"event":"ready","addr":"\([^"]*\)".*/\1/p' <<<"$line")
	[ -n "$addr" ] || fail "unexpected ready line: $line"
	url=http://$addr
	ok "ready line after $(ms "$launched" "$EPOCHREALTIME") ms"
}

# stop sends SIGTERM to the server, PID 1 in its namespace (the child of
# unshare here), and fails unless it exits 0.
stop() {
	local child rc=0
	child=$( (cat "/proc/$upid/task/$upid/children" 2>/dev/null || pgrep -P "$upid") | tr -d ' ')
	[ -n "$child" ] || fail "cannot find the server process"
	kill -TERM "$child"
	wait "$upid" || rc=$?
	upid=""
	[ "$rc" = 0 ] || fail "exit code $rc after SIGTERM"
}

# exists runs "tsymock call ARGS..." and wants error 30000 (the member
# already exists) as the answer.
exists() {
	if out=$("$bin" call --url "$url" "$@" 2>&1); then
		fail "expected error 30000, got: $out"
	fi
	grep -q '30000' <<<"$out" || fail "expected error 30000, got: $out"
}

step "start: PID 1 in an empty root, $who"
serve 1

step "the ready line is JSON with the address and the apps"
grep -q "\"sysids\":\[\"100000000002\",\"$own\"\]" <<<"$line" || fail "apps missing from: $line"
grep -q '"pid":1[,}]' <<<"$line" || fail "not PID 1 in its namespace: $line"
ok "$line"

step "--ready-file /tmp/ready.json holds the same line"
[ "$(cat "$root/tmp/ready.json")" = "$line" ] || fail "ready file differs: $(cat "$root/tmp/ready.json" 2>&1)"
ok

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
exists MemberService createMember '{"bizUserId":"smoke-dup","memberType":3,"source":1}'
ok "${out#tsymock call: client: }"

step "SIGTERM to PID 1: drains, exits 0, removes the ready file"
stop
[ ! -e "$root/tmp/ready.json" ] || fail "the ready file is still there"
grep -q 'msg="shutting down"' "$log" || fail "no shutdown in the log"
ok

step "tsymock health fails once it is gone"
if out=$("$bin" health --url "$url" --timeout 1s 2>&1); then fail "health still ok: $out"; fi
ok "exit 1: ${out#tsymock health: }"

step "/data/tsymock.wal is there, 0600 in a 0700 folder"
owner=$(stat -c %u "$root/data")
[ -f "$root/data/tsymock.wal" ] || fail "no /data/tsymock.wal: $(ls -la "$root/data" 2>&1)"
got=$(stat -c '%a %u' "$root/data" "$root/data/tsymock.wal" | tr '\n' ' ')
[ "$got" = "700 $owner 600 $owner " ] || fail "modes and owners of /data and its log: $got"
ok "$(stat -c %s "$root/data/tsymock.wal") bytes, uid $owner"

step "start again on the same root and /data"
serve 2

step "its log: the state in /data was replayed"
kept=$(grep 'msg="state kept in data dir"' "$log") || fail "no \"state kept in data dir\" line in the log"
calls=$(sed -n 's/.* calls=\([0-9][0-9]*\).*/\1/p' <<<"$kept")
[ "${calls:-0}" -gt 0 ] || fail "no calls replayed: $kept"
ok "calls=$calls"

step "smoke-1 (demo key) is still there: createMember 30000"
exists MemberService createMember '{"bizUserId":"smoke-1","memberType":3,"source":1}'
ok "${out#tsymock call: client: }"

step "smoke-2 (team's key) is still there: createMember 30000"
exists --sysid "$own" --key "$work/keys/$own.pfx" \
	MemberService createMember '{"bizUserId":"smoke-2","memberType":3,"source":1}'
ok "${out#tsymock call: client: }"

step "SIGTERM to PID 1 again: exits 0"
stop
grep -q 'msg="shutting down"' "$log" || fail "no shutdown in the log"
ok

echo "container-smoke: ok in $(ms "$start" "$EPOCHREALTIME") ms"
