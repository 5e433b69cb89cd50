#!/bin/sh
# jvirt's dnsmasq lease helper (dnsmasq --dhcp-script, with --leasefile-ro): keeps the leases of one network in
# $JVIRT_LEASE_FILE, one line per lease, and hands them back to dnsmasq when it restarts ("init").
#   4 EXPIRES MAC IP HOSTNAME CLIENTID        an IPv4 lease
#   6 EXPIRES IAID IP HOSTNAME DUID MAC       an IPv6 lease
#   S SERVERDUID                              dnsmasq's own DUID, for init
# dnsmasq runs this script one call at a time, so no locking is needed; every update is a rename.
f="$JVIRT_LEASE_FILE"
[ -n "$f" ] || exit 0
case "$1" in
init)
    [ -f "$f" ] || exit 0
    awk '$1 == "4" { print $2, $3, $4, $5, $6 }' "$f"
    awk '$1 == "S" { s = $2 } $1 == "6" { l[n++] = $2 " " $3 " " $4 " " $5 " " $6 }
         END { if (n > 0 && s != "") { print "duid " s; for (i = 0; i < n; i++) print l[i] } }' "$f"
    exit 0 ;;
add|old|del) ;;
*) exit 0 ;;
esac
ip="$3"
host="${4:-*}"
if [ -n "$DNSMASQ_LEASE_EXPIRES" ]; then
    exp="$DNSMASQ_LEASE_EXPIRES"
elif [ "${DNSMASQ_LEASE_LENGTH:-0}" = 0 ]; then
    exp=0
else
    exp=$(( $(date +%s) + DNSMASQ_LEASE_LENGTH ))
fi
tmp="$f.$$"
{
    if [ -f "$f" ]; then
        awk -v ip="$ip" -v sd="$DNSMASQ_SERVER_DUID" '$4 != ip && !($1 == "S" && sd != "")' "$f"
    fi
    if [ "$1" != del ]; then
        if [ -n "$DNSMASQ_IAID" ]; then
            echo "6 $exp $DNSMASQ_IAID $ip $host $2 ${DNSMASQ_MAC:-*}"
        else
            echo "4 $exp $2 $ip $host ${DNSMASQ_CLIENT_ID:-*}"
        fi
    fi
    if [ -n "$DNSMASQ_SERVER_DUID" ]; then
        echo "S $DNSMASQ_SERVER_DUID"
    fi
} > "$tmp" && mv -f "$tmp" "$f"
exit 0
