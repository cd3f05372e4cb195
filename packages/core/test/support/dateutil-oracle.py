"""python-dateutil as an oracle for Rota's recurrence (test/recurrence-dateutil.test.ts).

Reads a JSON list of cases on stdin: {start, timeZone, rrule, from, to} (start a local
wall time, from/to epoch ms). Writes a JSON list: per case, the epoch ms of every occurrence
in [from, to), sorted, under Rota's documented policy, which differs from dateutil's own in
one way, applied here and counted in "startAdded":

- The start is always the first occurrence (RFC 5545's DTSTART), and takes one of COUNT's
  places when the rule does not produce it; dateutil leaves such a start out.

Local times become instants as Rota places them (Temporal's 'compatible'): a time in a
spring-forward gap moves forward by the gap (dateutil's resolve_imaginary), an ambiguous one
takes the earlier instant (fold=0). An instant appears once.
"""
import json
import sys
from datetime import datetime, timezone

from dateutil import tz
from dateutil.rrule import rrulestr


def instant_ms(naive, zone):
    aware = tz.resolve_imaginary(naive.replace(tzinfo=zone, fold=0))
    return int(aware.astimezone(timezone.utc).timestamp() * 1000)


def expand(case):
    zone = tz.gettz(case["timeZone"])
    start = datetime.fromisoformat(case["start"])
    parts = dict(part.split("=", 1) for part in case["rrule"].split(";"))
    rule = list(rrulestr(case["rrule"], dtstart=start))
    start_ms = instant_ms(start, zone)
    produced = bool(rule) and instant_ms(rule[0], zone) == start_ms
    added = False
    if not produced:
        added = True
        if "COUNT" in parts:
            count = int(parts["COUNT"]) - 1
            shorter = ";".join(
                f"{k}={count if k == 'COUNT' else v}" for k, v in parts.items()
            )
            rule = list(rrulestr(shorter, dtstart=start)) if count > 0 else []
        rule = [start] + rule
    seen = set()
    out = []
    for naive in rule:
        ms = instant_ms(naive, zone)
        if ms in seen or ms < case["from"] or ms >= case["to"]:
            continue
        seen.add(ms)
        out.append(ms)
    return {"instants": sorted(out), "startAdded": added}


print(json.dumps([expand(case) for case in json.load(sys.stdin)]))
