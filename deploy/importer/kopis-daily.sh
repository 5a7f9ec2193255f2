#!/bin/sh
# kopis-daily: the importer's schedule. `importer kopis` wants explicit
# --from/--to days; this script computes them (Seoul time) and runs
#
#   importer kopis --from TODAY --to TODAY+IMPORT_DAYS_AHEAD [ARGS...]
#
# usage: kopis-daily [ARGS...]          import once and exit with the importer's
#                                       status (a Kubernetes CronJob schedules it)
#        kopis-daily --loop [ARGS...]   import now, then every day at
#                                       IMPORT_AT_HOUR o'clock Seoul time; a failed
#                                       run is logged and retried the next day
#                                       (docker compose, where nothing else schedules)
#
# ARGS go to `importer kopis` as they are (e.g. --rate 2 --genres CCCA).
# Re-importing is safe: concerts are matched by KOPIS id and only changes are
# written, so each run refreshes the whole window.
#
# Settings (environment; the importer reads its own CLACO_* variables):
#   IMPORT_DAYS_AHEAD  days after today to import (default 120)
#   IMPORT_AT_HOUR     hour of the daily run with --loop, 0-23 Seoul time (default 4)
#   IMPORTER           the importer command (default importer)
#
# It is POSIX sh: busybox (the importer image's /busybox/sh), dash and bash.
set -u

IMPORTER=${IMPORTER:-importer}
DAYS=${IMPORT_DAYS_AHEAD:-120}
HOUR=${IMPORT_AT_HOUR:-4}
# Seoul has no daylight saving time: a POSIX TZ needs no zoneinfo files.
TZ=KST-9
export TZ
SEOUL_OFFSET=32400 # seconds east of UTC
DAY=86400

log() { echo "kopis-daily: $*" >&2; }

case $DAYS in '' | *[!0-9]*)
	log "IMPORT_DAYS_AHEAD=$DAYS: want a number of days"
	exit 2
	;;
esac
case $HOUR in '' | *[!0-9]*)
	log "IMPORT_AT_HOUR=$HOUR: want an hour, 0 to 23"
	exit 2
	;;
esac
if [ "$HOUR" -gt 23 ]; then
	log "IMPORT_AT_HOUR=$HOUR: want an hour, 0 to 23"
	exit 2
fi

# day SECONDS prints the Seoul day of a Unix time as YYYY-MM-DD.
day() { date -d "@$1" +%Y-%m-%d; }

# window sets FROM and TO: today and IMPORT_DAYS_AHEAD days later.
window() {
	now=$(date +%s)
	FROM=$(day "$now")
	TO=$(day $((now + DAYS * DAY)))
}

# seconds_until_next_run prints how long to sleep until HOUR:00 Seoul time,
# tomorrow if that hour has passed today.
seconds_until_next_run() {
	now=$(date +%s)
	since_midnight=$(((now + SEOUL_OFFSET) % DAY))
	wait_for=$(((HOUR * 3600 - since_midnight + DAY) % DAY))
	[ "$wait_for" -gt 0 ] || wait_for=$DAY
	echo "$wait_for"
}

if [ "${1:-}" != "--loop" ]; then
	window
	log "importing KOPIS performances from $FROM to $TO"
	exec "$IMPORTER" kopis --from "$FROM" --to "$TO" "$@"
fi
shift

# The loop runs as PID 1: stop the import in progress and exit on SIGTERM
# (docker stop) instead of waiting to be killed.
child=
stop() {
	log "stopping"
	if [ -n "$child" ]; then
		kill -TERM "$child" 2>/dev/null
		wait "$child"
	fi
	exit 143
}
trap stop TERM INT

while :; do
	window
	log "importing KOPIS performances from $FROM to $TO"
	"$IMPORTER" kopis --from "$FROM" --to "$TO" "$@" &
	child=$!
	wait "$child"
	status=$?
	child=
	if [ "$status" -eq 0 ]; then
		log "import done"
	else
		log "import failed (exit status $status); the next run is tomorrow"
	fi
	pause=$(seconds_until_next_run)
	log "next import in ${pause}s (at ${HOUR}:00 Seoul time)"
	sleep "$pause" &
	child=$!
	wait "$child"
	child=
done
