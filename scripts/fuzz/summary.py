"""Summarises a scripts/fuzz.sh run from Schemathesis' reports.

usage: summary.py OUT_DIR SUMMARY_JSON --docs DOC... [--base-url URL]
       [--seed N] [--max-examples N] [--excluded DOC:OPERATION_ID...]

Reads OUT_DIR/<doc>/report.json (the run report) and OUT_DIR/<doc>/events.ndjson
(every request with its response), prints one line per document and writes
SUMMARY_JSON. Exits 1 when a document had a 5xx, a failed check, an error
(a timeout counts: a hang) or no report at all.
"""

import argparse
import collections
import json
import pathlib
import sys


def interactions(events_file: pathlib.Path):
    """(operation, status or None) for every request the run made."""
    with events_file.open() as lines:
        for line in lines:
            event = json.loads(line)
            finished = event.get("ScenarioFinished")
            if not finished:
                continue
            recorder = finished.get("recorder") or {}
            cases = recorder.get("cases") or {}
            for case_id, interaction in (recorder.get("interactions") or {}).items():
                case = (cases.get(case_id) or {}).get("value") or {}
                response = interaction.get("response")
                yield (
                    f'{case.get("method", "?")} {case.get("path", "?")}',
                    response["status_code"] if response else None,
                )


def summarise(out: pathlib.Path, doc: str, excluded: list[str]) -> dict:
    report_file = out / doc / "report.json"
    events_file = out / doc / "events.ndjson"
    rc_file = out / f"{doc}.rc"
    summary = {
        "document": f"/api/{doc}/openapi.json",
        "excludedOperations": excluded,
        "exitCode": int(rc_file.read_text().strip()) if rc_file.exists() else None,
    }
    if not report_file.exists() or not events_file.exists():
        summary.update(ok=False, problem=f"no Schemathesis report (see .run/fuzz/{doc}.log)")
        return summary
    report = json.loads(report_file.read_text())
    statuses = collections.Counter()
    by_operation = collections.defaultdict(collections.Counter)
    server_errors = collections.Counter()
    no_response = 0
    for operation, status in interactions(events_file):
        if status is None:
            no_response += 1
            continue
        statuses[status] += 1
        by_operation[operation][str(status)] += 1
        if status >= 500:
            server_errors[f"{status} {operation}"] += 1
    failures = [
        {
            "code": f.get("code"),
            "title": f.get("title"),
            "count": f.get("count", 0),
            "operations": f.get("operations", []),
        }
        for f in report.get("failures") or []
    ]
    errors = report.get("errors") or []
    operations = report.get("operations") or {}
    summary.update(
        operationsTested=operations.get("tested", 0),
        operationsSelected=operations.get("selected", 0),
        operationsTotal=operations.get("total", 0),
        requests=sum(statuses.values()) + no_response,
        requestsWithoutResponse=no_response,
        statuses={str(k): v for k, v in sorted(statuses.items())},
        statusesByOperation={op: dict(sorted(c.items())) for op, c in sorted(by_operation.items())},
        serverErrors=sum(server_errors.values()),
        serverErrorsByOperation=dict(server_errors),
        failures=sum(f["count"] for f in failures),
        failuresByCheck=failures,
        errors=len(errors),
        errorDetails=errors,
        runningTimeSeconds=round(report.get("running_time") or 0, 1),
        warnings={k: v for k, v in (report.get("warnings") or {}).items() if v},
    )
    summary["ok"] = (
        summary["exitCode"] == 0
        and summary["serverErrors"] == 0
        and summary["failures"] == 0
        and summary["errors"] == 0
        and no_response == 0
    )
    return summary


def main() -> int:
    parser = argparse.ArgumentParser()
    parser.add_argument("out")
    parser.add_argument("summary")
    parser.add_argument("--docs", nargs="+", required=True)
    parser.add_argument("--base-url", default="")
    parser.add_argument("--seed", default="")
    parser.add_argument("--max-examples", default="")
    parser.add_argument("--excluded", nargs="*", default=[])
    args = parser.parse_args()
    out = pathlib.Path(args.out)

    documents = {}
    for doc in args.docs:
        excluded = [e.split(":", 1)[1] for e in args.excluded if e.startswith(f"{doc}:")]
        documents[doc] = summarise(out, doc, excluded)
    version = ""
    for doc in args.docs:
        report_file = out / doc / "report.json"
        if report_file.exists():
            version = json.loads(report_file.read_text()).get("schemathesis_version", "")
            break
    result = {
        "schemathesisVersion": version,
        "baseUrl": args.base_url,
        "seed": args.seed,
        "maxExamples": args.max_examples,
        "ok": all(d["ok"] for d in documents.values()),
        "totals": {
            key: sum(d.get(key, 0) for d in documents.values())
            for key in ("operationsTested", "requests", "serverErrors", "failures", "errors")
        },
        "documents": documents,
    }
    pathlib.Path(args.summary).write_text(json.dumps(result, indent=2) + "\n")

    print(f"\nfuzzing summary (Schemathesis {version}, seed {args.seed}, {args.max_examples} examples per operation)")
    print(f'{"document":<12} {"operations":>10} {"requests":>9} {"5xx":>5} {"failures":>9} {"errors":>7}  result')
    for doc, d in documents.items():
        if "requests" not in d:
            print(f'{doc:<12} {"-":>10} {"-":>9} {"-":>5} {"-":>9} {"-":>7}  FAILED: {d["problem"]}')
            continue
        operations = f'{d["operationsTested"]}/{d["operationsTotal"]}'
        print(
            f'{doc:<12} {operations:>10} {d["requests"]:>9} {d["serverErrors"]:>5} '
            f'{d["failures"]:>9} {d["errors"]:>7}  {"ok" if d["ok"] else "FAILED"}'
        )
        for failure in d["failuresByCheck"]:
            print(f'    {failure["code"]} {failure["title"]} ({failure["count"]}): {", ".join(failure["operations"])}')
        for where, count in d["serverErrorsByOperation"].items():
            print(f"    {count} x {where}")
        for error in d["errorDetails"]:
            print(f"    error: {json.dumps(error)[:300]}")
        if d["excludedOperations"]:
            print(f'    not fuzzed: {", ".join(d["excludedOperations"])}')
        if not d["ok"]:
            print(f"    details: .run/fuzz/{doc}.log")
    print(f"written to {args.summary}")
    return 0 if result["ok"] else 1


if __name__ == "__main__":
    sys.exit(main())
