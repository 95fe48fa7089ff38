// Writes the answer key of the content folder's current version (content/keys/<content_version>.json)
// from its questions: per module the ordered bank, draw size and pass mark, and each question's kind,
// option ids and correct options. Run it once, when a new content version is released; a released
// key is never rewritten (content::check refuses questions that differ from it).
//
//   node scripts/answer-key.mjs <content-dir> <released_on YYYY-MM-DD>
//
// Re-running it for a version whose key exists keeps the key's release day unless one is given.
import { existsSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { join } from "node:path";

const [dir = "content", releasedArg] = process.argv.slice(2);
const readJson = (path) => JSON.parse(readFileSync(path, "utf8"));
const course = readJson(join(dir, "course.json"));
const out = join(dir, "keys", `${course.content_version}.json`);
const released_on = releasedArg ?? (existsSync(out) ? readJson(out).released_on : undefined);
if (!/^\d{4}-\d{2}-\d{2}$/.test(released_on ?? "")) {
  console.error("usage: node scripts/answer-key.mjs <content-dir> <released_on YYYY-MM-DD>");
  process.exit(2);
}

const q = (x) => JSON.stringify(x);
const list = (xs) => `[${xs.map(q).join(", ")}]`;
const modules = course.modules.map((head) => {
  const body = readJson(join(dir, "modules", `${head.id}.json`));
  const bank = body.questions.map(
    (question) =>
      `        {"id": ${q(question.id)}, "kind": ${q(question.kind)}, "options": ${list(question.options.map((o) => o.id))}, "correct": ${list(question.options.filter((o) => o.correct).map((o) => o.id))}}`,
  );
  return [
    "    {",
    `      "id": ${q(head.id)}, "draw": ${head.draw}, "pass_mark": ${head.pass_mark ?? course.pass_mark},`,
    '      "bank": [',
    bank.join(",\n"),
    "      ]",
    "    }",
  ].join("\n");
});
const text = [
  "{",
  `  "content_version": ${q(course.content_version)},`,
  `  "policy_version": ${q(course.policy_version)},`,
  `  "released_on": ${q(released_on)},`,
  '  "modules": [',
  modules.join(",\n"),
  "  ]",
  "}",
  "",
].join("\n");
// Written whole then renamed, so a reader never sees half a key.
writeFileSync(`${out}.tmp`, text);
renameSync(`${out}.tmp`, out);
console.log(`wrote ${out}`);
