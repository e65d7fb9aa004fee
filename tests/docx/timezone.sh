#!/bin/sh
# timezone.sh GALLEY INPUT — the same document in three time zones, with and
# without SOURCE_DATE_EPOCH, gives the same bytes each time.
set -u
g=$1 in=$2
d=$(mktemp -d) && trap 'rm -rf "$d"' EXIT
for sde in "" 1700000000; do
	for tz in UTC Asia/Seoul America/New_York; do
		f=$d/$(echo "$tz" | tr / -)$sde.docx
		if [ -n "$sde" ]; then
			SOURCE_DATE_EPOCH=$sde TZ=$tz "$g" -o "$f" "$in" || exit 1
		else
			env -u SOURCE_DATE_EPOCH TZ=$tz "$g" -o "$f" "$in" || exit 1
		fi
	done
	[ "$(md5sum "$d"/UTC"$sde".docx "$d"/Asia-Seoul"$sde".docx "$d"/America-New_York"$sde".docx | awk '{print $1}' | sort -u | wc -l)" = 1 ] ||
		{ echo "FAIL: the bytes depend on the time zone (SOURCE_DATE_EPOCH='$sde')"; md5sum "$d"/*.docx; exit 1; }
done
echo "same bytes in UTC, Asia/Seoul and America/New_York: ok"
