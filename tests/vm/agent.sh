#!/bin/bash
# The guest's half of `make vm-test`: runs shell command lines that arrive on a virtio-serial
# port and answers each with its output and "@@END <exit status>". The VM has no network;
# this port is the test's only way in besides the screen. Installed into the test image
# only (never by the package), as /usr/local/sbin/foyer-vm-agent.
port=${1:-/dev/virtio-ports/org.foyer.agent}
while :; do
	if [ ! -e "$port" ]; then
		sleep 0.5
		continue
	fi
	exec 3<>"$port" || { sleep 1; continue; }
	while IFS= read -r -u 3 line; do
		out=$(bash -c "$line" 2>&1 </dev/null)
		rc=$?
		printf '%s\n@@END %d\n' "$out" "$rc" >&3
	done
	exec 3>&-
	sleep 0.5
done
