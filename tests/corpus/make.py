#!/usr/bin/env python3
"""Writes the hostile-file corpus: malformed, wrong, oversized and booby-trapped files that
an import must refuse (or keep as plain text), and expected.tsv saying what each must give.
Run from anywhere: python3 tests/corpus/make.py. The files are committed; this regenerates them."""
import copy, json, os

here = os.path.dirname(os.path.abspath(__file__))
for f in os.listdir(here):
    if f.endswith(".json") or f.endswith(".txt"):
        os.remove(os.path.join(here, f))

def env(kind, data, version=1):
    return {"format": "online-safety-workbench", "kind": kind, "schema_version": version,
            "app_version": "0.1.0", "saved_at": "2026-11-20T09:15:00", "data": data}

settings = env("settings", {"school_name": "Corpus Primary", "deputy_dsls": ["Ms A"], "policy_review_due": "2027-07-31"})
attempt = {"id": "a-1", "module_id": "four-cs", "seed": 7,
           "questions": [{"question_id": "four-cs-q1", "option_order": ["a", "b", "c"]}],
           "answers": {"four-cs-q1": ["a"]}, "started_at": "2026-11-20T09:00:00",
           "submitted_at": "2026-11-20T09:10:00",
           "score": {"correct": 1, "total": 1, "percent": 100, "pass_mark": 80, "passed": True},
           "content_version": "2026.1", "policy_version": "Social Media Policy v3, October 2023"}
record = env("training-record", {"record_id": "r-1", "person": {"name": "Corpus Person", "role": "teaching",
              "start_date": "2025-09-01", "track": "induction"}, "content_version": "2026.1",
              "policy_version": "Social Media Policy v3, October 2023", "exported_at": "2026-11-20T09:15:00",
              "attempts": [attempt]})
backup = env("full-backup", {"parts": [settings, env("training-profiles", {"profiles": [], "active": None})]})

cases = []  # (name, place, expected, text)
def add(name, place, expected, value):
    text = value if isinstance(value, str) else json.dumps(value)
    cases.append((name, place, expected, text))

def edit(base, path, value, delete=False):
    doc = copy.deepcopy(base)
    target = doc
    for key in path[:-1]:
        target = target[key]
    if delete:
        del target[path[-1]]
    else:
        target[path[-1]] = value
    return doc

def nested(depth, leaf="x"):
    return "[" * depth + json.dumps(leaf) + "]" * depth

S, R, B = json.dumps(settings), json.dumps(record), json.dumps(backup)
# Not JSON at all.
add("empty", "settings", "not-json", "")
add("whitespace", "settings", "not-json", "   \n\t ")
add("truncated-settings", "settings", "not-json", S[: len(S) // 2])
add("truncated-record", "training-record", "not-json", R[: len(R) // 3])
add("truncated-backup", "restore", "not-json", B[:-1])
add("trailing-garbage", "settings", "not-json", S + "}}")
add("html-page", "restore", "not-json", "<html><body><script>alert(1)</script></body></html>")
add("csv-file", "training-record", "not-json", "name,role\nJane,teaching\n")
add("single-quotes", "settings", "not-json", S.replace('"', "'"))
add("nested-arrays-1000", "training-record", "too-deep", nested(1000))
add("nested-in-data", "settings", "too-deep", S.replace('"data": {', '"extra": ' + nested(300) + ', "data": {'))
add("nan-number", "settings", "not-json", S.replace('"schema_version": 1', '"schema_version": NaN'))
# JSON, but not ours.
add("null", "settings", "not-ours", "null")
add("array", "restore", "not-ours", "[]")
add("number", "settings", "not-ours", "42")
add("string", "training-record", "not-ours", '"online-safety-workbench"')
add("other-format", "settings", "not-ours", edit(settings, ["format"], "another-app"))
add("no-format", "restore", "not-ours", edit(settings, ["format"], None, delete=True))
add("format-number", "settings", "not-ours", edit(settings, ["format"], 7))
add("format-case", "training-record", "not-ours", edit(record, ["format"], "Online-Safety-Workbench"))
# Ours, but the wrong kind for the place.
add("record-as-settings", "settings", "wrong-kind", record)
add("settings-as-record", "training-record", "wrong-kind", settings)
add("backup-as-record", "training-record", "wrong-kind", backup)
add("record-as-backup", "restore", "wrong-kind", record)
add("backup-with-record-part", "restore", "wrong-kind", edit(backup, ["data", "parts"], [record]))
add("unknown-kind", "settings", "invalid:kind", edit(settings, ["kind"], "timetable"))
add("no-kind", "restore", "invalid:kind", edit(backup, ["kind"], None, delete=True))
# Versions.
add("newer-settings", "settings", "newer", edit(settings, ["schema_version"], 2))
add("much-newer-record", "training-record", "newer", edit(record, ["schema_version"], 999999))
add("newer-backup", "restore", "newer", edit(backup, ["schema_version"], 3))
add("newer-part", "restore", "newer", edit(backup, ["data", "parts", 0, "schema_version"], 5))
add("version-zero", "settings", "unsupported", edit(settings, ["schema_version"], 0))
add("version-negative", "settings", "invalid:schema_version", edit(settings, ["schema_version"], -1))
add("version-fraction", "training-record", "invalid:schema_version", edit(record, ["schema_version"], 1.5))
add("version-string", "settings", "invalid:schema_version", edit(settings, ["schema_version"], "1"))
add("version-huge", "restore", "invalid:schema_version", B.replace('"schema_version": 1', '"schema_version": 99999999999999999999999', 1))
# The envelope's own fields.
add("saved-at-words", "settings", "invalid:saved_at", edit(settings, ["saved_at"], "yesterday"))
add("saved-at-missing", "training-record", "invalid:saved_at", edit(record, ["saved_at"], None, delete=True))
add("data-missing", "settings", "invalid:data", edit(settings, ["data"], None, delete=True))
add("data-null", "settings", "invalid:data", edit(settings, ["data"], None))
add("data-array", "training-record", "invalid:data", edit(record, ["data"], []))
# Settings fields.
add("school-name-number", "settings", "invalid:school_name", edit(settings, ["data", "school_name"], 7))
add("school-name-empty", "settings", "invalid:school_name", edit(settings, ["data", "school_name"], "   "))
add("school-name-huge", "settings", "invalid:school_name", edit(settings, ["data", "school_name"], "W" * 20000))
add("school-name-nul", "settings", "invalid:school_name", edit(settings, ["data", "school_name"], "West\u0000Kirby"))
add("deputies-string", "settings", "invalid:deputy_dsls", edit(settings, ["data", "deputy_dsls"], "Ms A, Mr B"))
add("deputies-too-many", "settings", "invalid:deputy_dsls", edit(settings, ["data", "deputy_dsls"], ["D%d" % i for i in range(60)]))
add("review-date-impossible", "settings", "invalid:policy_review_due", edit(settings, ["data", "policy_review_due"], "2025-02-30"))
add("script-school-name", "settings", "ok", edit(settings, ["data", "school_name"], "<script>alert('x')</script> Primary"))
add("onerror-headteacher", "settings", "ok", edit(settings, ["data", "headteacher"], '"><img src=x onerror=alert(1)>'))
# Training record fields.
add("record-id-missing", "training-record", "invalid:record_id", edit(record, ["data", "record_id"], None, delete=True))
add("person-name-empty", "training-record", "invalid:person.name", edit(record, ["data", "person", "name"], ""))
add("person-name-huge", "training-record", "invalid:person.name", edit(record, ["data", "person", "name"], "N" * 5000))
add("person-role-unknown", "training-record", "invalid:person.role", edit(record, ["data", "person", "role"], "headteacher-king"))
add("start-date-british", "training-record", "invalid:person.start_date", edit(record, ["data", "person", "start_date"], "31/12/2025"))
add("attempts-object", "training-record", "invalid:attempts", edit(record, ["data", "attempts"], {"a": 1}))
add("score-impossible", "training-record", "invalid:attempts[0].score", edit(record, ["data", "attempts", 0, "score", "correct"], 9))
add("percent-out-of-range", "training-record", "invalid:attempts[0].score.percent", edit(record, ["data", "attempts", 0, "score", "percent"], 300))
add("seed-negative", "training-record", "invalid:attempts[0].seed", edit(record, ["data", "attempts", 0, "seed"], -5))
add("seed-float", "training-record", "invalid:attempts[0].seed", edit(record, ["data", "attempts", 0, "seed"], 1e30))
add("answers-not-lists", "training-record", "invalid:attempts[0].answers.four-cs-q1", edit(record, ["data", "attempts", 0, "answers", "four-cs-q1"], "a"))
add("onerror-person-name", "training-record", "ok", edit(record, ["data", "person", "name"], "<img src=x onerror=alert(1)>"))
add("unicode-person-name", "training-record", "ok", edit(record, ["data", "person", "name"], "Siân O'Brien-Nguyễn 李"))
add("unknown-module", "training-record", "ok", edit(record, ["data", "attempts", 0, "module_id"], "no-such-module"))
# Full backups.
add("parts-not-list", "restore", "invalid:parts", edit(backup, ["data", "parts"], "everything"))
add("parts-twice", "restore", "invalid:parts", edit(backup, ["data", "parts"], [settings, settings]))
add("part-bad-field", "restore", "invalid:parts.settings.school_name", edit(backup, ["data", "parts", 0, "data", "school_name"], 42))
add("profiles-active-missing", "restore", "ok", edit(backup, ["data", "parts", 1, "data", "active"], "r-nobody"))
add("backup-ok", "restore", "ok", backup)
add("settings-restore-ok", "restore", "ok", settings)
add("bom-settings", "settings", "ok", "\ufeff" + S)

with open(os.path.join(here, "expected.tsv"), "w") as out:
    out.write("# file\tplace\texpected (error tag, or ok)\n")
    for i, (name, place, expected, text) in enumerate(cases, 1):
        file = "%02d-%s.json" % (i, name)
        with open(os.path.join(here, file), "w", encoding="utf-8") as f:
            f.write(text)
        out.write("%s\t%s\t%s\n" % (file, place, expected))
print("%d files" % len(cases))
