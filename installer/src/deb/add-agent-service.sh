#!/usr/bin/env bash
# Adds the agent's systemd unit and its settings file to the .deb that jpackage made (jpackage
# puts files only under /opt/waypost): /lib/systemd/system/waypost-agent.service and
# /etc/waypost/agent.env (a conffile: an upgrade keeps the operator's edits). Then lists the
# package with dpkg-deb -c and fails unless both are in it.
# Usage: add-agent-service.sh DEB_DIR SYSTEMD_DIR
set -euo pipefail
deb=$(ls "$1"/*.deb)
systemd=$2
work=$(mktemp -d)
trap 'rm -rf "$work"' EXIT
dpkg-deb -R "$deb" "$work/root"
install -D -m 0644 "$systemd/waypost-agent.service" "$work/root/lib/systemd/system/waypost-agent.service"
install -D -m 0644 "$systemd/waypost-agent.env" "$work/root/etc/waypost/agent.env"
echo /etc/waypost/agent.env >> "$work/root/DEBIAN/conffiles"
dpkg-deb --root-owner-group -b "$work/root" "$deb" >/dev/null
listing=$(dpkg-deb -c "$deb")
for path in ./lib/systemd/system/waypost-agent.service ./etc/waypost/agent.env; do
  grep -q " $path\$" <<<"$listing" || { echo "$deb lacks $path" >&2; exit 1; }
done
echo "$deb: waypost-agent.service and agent.env added ($(du -h "$deb" | cut -f1))"
