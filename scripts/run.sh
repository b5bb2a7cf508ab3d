#!/usr/bin/env bash
# Set up, load demo data into the embedded SQLite database and start Teilhabe at http://127.0.0.1:8000
# (another address or port: TEILHABE_ADDR=0.0.0.0:8080 make run, or only a port: TEILHABE_ADDR=8080),
# together with the worker that runs the background tasks (`teilhabe db_worker`). Ctrl+C (or ending this
# script with kill) stops both; if one of them ends, the other is stopped too.
set -euo pipefail
cd "$(dirname "$0")/.."
addr="${TEILHABE_ADDR:-127.0.0.1:8000}"
case "$addr" in
  *:*) ;;                      # host:port (or [ipv6]:port) as given
  *) addr="127.0.0.1:$addr" ;;  # only a port: runserver listens on 127.0.0.1
esac
scripts/setup.sh
.venv/bin/teilhabe migrate --noinput
.venv/bin/teilhabe demo --base-url "http://$addr"

pids=()
stop() {
  trap - EXIT INT TERM
  echo "» Teilhabe wird beendet."
  if [ "${#pids[@]}" -gt 0 ]; then
    kill "${pids[@]}" 2>/dev/null || true   # the worker finishes the task it is running, then exits
    wait "${pids[@]}" 2>/dev/null || true
  fi
}
trap stop EXIT
trap 'exit 130' INT
trap 'exit 143' TERM

# Both run in the background and the script waits for them: bash runs its traps while it waits, so Ctrl+C and
# kill reach both processes. The worker does not reload on code changes: restart `make run` after changing a task.
case "${TEILHABE_TASKS_BACKEND:-database}" in
  database | django_tasks_db.DatabaseBackend)
    echo "» Hintergrundaufgaben: Worker gestartet (teilhabe db_worker)"
    .venv/bin/teilhabe refresh-feeds --schedule >/dev/null || true  # the periodic fetch of subscribed calendars
    .venv/bin/teilhabe purge-registrations --schedule >/dev/null || true  # registrations past their retention
    .venv/bin/teilhabe send-digests --schedule >/dev/null || true  # participation digests: immediate and weekly
    .venv/bin/teilhabe propose-milestones --schedule >/dev/null || true  # the chronicle's periodic proposals
    .venv/bin/teilhabe db_worker --no-reload &
    pids+=("$!")
    ;;
  *) echo "» Hintergrundaufgaben: TEILHABE_TASKS_BACKEND=$TEILHABE_TASKS_BACKEND, ohne Worker" ;;
esac
echo "» Teilhabe läuft auf http://$addr/ (Strg+C beendet)"
.venv/bin/teilhabe runserver "$addr" &
pids+=("$!")

status=0
wait -n "${pids[@]}" || status=$?
exit "$status"
