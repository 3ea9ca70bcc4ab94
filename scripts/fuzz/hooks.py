"""Schemathesis hooks of scripts/fuzz.sh: keep the fuzzer from wrecking the
backend it runs against, without taking the operations out of the run.

- Built-in roles (FUZZ_PROTECTED_ROLES, comma-separated; fuzz.sh reads them
  from GET /api/user-admin/roles) are never changed: PUT /roles/{name} and
  PUT /roles/{name}/members aimed at one, and a role of that name in a
  POST /roles/import document, are renamed to `fuzz-<name>`, a custom role.
  Deleting a built-in role stays in (the server refuses it with 409).
- POST /executions/batch only ever matches workflow ids starting with
  FUZZ_BATCH_ID_PREFIX, so it never cancels or terminates a real execution.

And to get past the first check to the code behind it:

- POST /executions: a well-formed type that is not registered becomes one
  of FUZZ_WORKFLOW_TYPES, so that the input is checked against its schema.
- ai-metrics: well-formed timestamps of POST /events become the present, and
  well-formed `from` and `to` of GET /series, /compare and /top the last six
  hours: events are stored and aggregates computed, instead of every one
  being refused as outside the retention or as `to` before `from`.

Only requests whose body or path parameters are well-formed are changed;
the rest go out as generated, so negative testing keeps its reach.

Requests whose URL would pass 8 KB are not sent: Node's HTTP parser refuses
a request line and headers over 16 KB before any route runs (431, or a reset
connection when the rest of the request is still on its way), and generated
lists of long non-ASCII query values get there. For the same reason the
failures of a 431 response that still gets through are dropped: it is a clear
4xx, documented nowhere.
"""

import os
import re
from datetime import datetime, timedelta, timezone
from urllib.parse import quote, urlencode

import schemathesis
import yaml

PROTECTED_ROLES = {
    name.strip()
    for name in os.environ.get("FUZZ_PROTECTED_ROLES", "").split(",")
    if name.strip()
}
BATCH_ID_PREFIX = os.environ.get("FUZZ_BATCH_ID_PREFIX", "fuzz-batch-nothing-")
ROLE_WRITES = {("PUT", "/roles/{name}"), ("PUT", "/roles/{name}/members")}
MAX_URL_BYTES = 8192
WORKFLOW_TYPES = [t for t in os.environ.get("FUZZ_WORKFLOW_TYPES", "").split(",") if t]
RFC3339 = re.compile(r"^\d{4}-\d{2}-\d{2}[Tt]\d{2}:\d{2}:\d{2}(\.\d+)?([Zz]|[+-]\d{2}:\d{2})$")
NOW = datetime.now(timezone.utc).replace(microsecond=0)
METRIC_READS = {"/series", "/compare", "/top"}


def _is_datetime(value: object) -> bool:
    return isinstance(value, str) and RFC3339.match(value) is not None


def _iso(moment: datetime) -> str:
    return moment.isoformat().replace("+00:00", "Z")


def _is_protected(name: object) -> bool:
    return isinstance(name, str) and name.strip() in PROTECTED_ROLES


def _guard_roles_document(document: object) -> object:
    if isinstance(document, dict) and isinstance(document.get("roles"), list):
        for role in document["roles"]:
            if isinstance(role, dict) and _is_protected(role.get("name")):
                role["name"] = f"fuzz-{role['name'].strip()}"
    return document


@schemathesis.hook
def before_call(context, case, **kwargs):
    method = case.method.upper()
    path = case.path
    if (method, path) in ROLE_WRITES and isinstance(case.path_parameters, dict):
        name = case.path_parameters.get("name")
        if _is_protected(name):
            case.path_parameters["name"] = f"fuzz-{name.strip()}"
    elif (method, path) == ("POST", "/roles/import"):
        if isinstance(case.body, str):
            try:
                document = yaml.safe_load(case.body)
            except yaml.YAMLError:
                return
            if isinstance(document, dict) and isinstance(document.get("roles"), list):
                if any(isinstance(r, dict) and _is_protected(r.get("name")) for r in document["roles"]):
                    case.body = yaml.safe_dump(_guard_roles_document(document))
        else:
            _guard_roles_document(case.body)
    elif (method, path) == ("POST", "/executions/batch") and isinstance(case.body, dict):
        if isinstance(case.body.get("filter"), dict):
            case.body["filter"]["idPrefix"] = BATCH_ID_PREFIX
        elif "filter" not in case.body:
            case.body["filter"] = {"idPrefix": BATCH_ID_PREFIX}
    elif (method, path) == ("POST", "/executions") and isinstance(case.body, dict) and WORKFLOW_TYPES:
        kind = case.body.get("type")
        if isinstance(kind, str) and 1 <= len(kind) <= 200 and kind not in WORKFLOW_TYPES:
            case.body["type"] = WORKFLOW_TYPES[len(kind) % len(WORKFLOW_TYPES)]
    elif (method, path) == ("POST", "/events") and isinstance(case.body, dict):
        events = case.body.get("events")
        if isinstance(events, list):
            for index, event in enumerate(events):
                if isinstance(event, dict) and _is_datetime(event.get("timestamp")):
                    event["timestamp"] = _iso(NOW - timedelta(seconds=index))
    elif method == "GET" and path in METRIC_READS and isinstance(case.query, dict):
        if _is_datetime(case.query.get("from")) and _is_datetime(case.query.get("to")):
            case.query["from"] = _iso(NOW - timedelta(hours=6))
            case.query["to"] = _iso(NOW)


@schemathesis.hook
def filter_failure(context, failure, case, response):
    return response.status_code != 431


@schemathesis.hook
def filter_case(context, case):
    try:
        path = quote(case.formatted_path, safe="/")
        query = urlencode(case.query or {}, doseq=True)
    except Exception:
        return True
    return len(path.encode()) + len(query.encode()) <= MAX_URL_BYTES
