// The blind-reader measurement (issue 24): a question file for a reader who has never seen the
// content, and a scorer for their answers.
//
//   node scripts/blind.mjs questions <content-dir> <out.md>
//     Writes every module's bank as the reader sees it: prompt, situation and options, options
//     shuffled and relabelled A, B, C..., placeholders filled with the settings' defaults; no
//     feedback, no correct flags, no policy text. Beside it, <out>.map.json records which shown
//     label is which option id (never give the reader that file).
//
//   node scripts/blind.mjs score <content-dir> <out.md> <answers.txt>
//     Scores answers against the content folder's answer key (keys/<content_version>.json).
//     One answer a line: `<module id> <question id> <labels>`, e.g. `four-cs m09-q04 A,C`
//     (labels as shown in the question file; `-` or nothing for no answer; `#` starts a
//     comment). Prints per module the questions right of the bank, and the share of the app's
//     draws (draw size and pass mark from the key) that such a reader passes.
//
// Both write only where they are told to (the lead keeps them under target/blind/, ignored by git).

import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";

/** The settings' defaults (src/domain/settings.rs), and plausible names where a default is blank. */
const FILL = {
  school: "West Kirby Primary School",
  school_short: "WKPS",
  headteacher: "Mrs E Bailey",
  dsl: "Mrs E Bailey",
  deputies: "Mrs T McCann, Mr M Procter and Mrs H Catt",
  computing_lead: "Mrs T McCann",
  chair: "Louise Wood",
  incident_system: "CPOMS",
  filtering_provider: "Smoothwall",
  monitoring_provider: "Senso",
  it_provider: "the school's IT support company",
  platforms: "Purple Mash, Primary Blogger and X (Twitter)",
  school_accounts: "X (Twitter)",
  pta_accounts: "PTA Facebook",
};

const fill = (text) =>
  text.replace(/\{([a-z_]+)\}/g, (whole, key) => {
    if (!(key in FILL)) throw new Error(`unknown placeholder ${whole}`);
    return FILL[key];
  });

/** A small seeded generator, so the same content always gives the same file. */
function rng(seedText) {
  let h = 2166136261;
  for (const c of seedText) h = Math.imul(h ^ c.charCodeAt(0), 16777619) >>> 0;
  return () => {
    h = (Math.imul(h ^ (h >>> 15), 2246822507) + 0x9e3779b9) >>> 0;
    h ^= h >>> 13;
    return (h >>> 0) / 4294967296;
  };
}

function shuffled(items, seed) {
  const next = rng(seed);
  const out = [...items];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(next() * (i + 1));
    [out[i], out[j]] = [out[j], out[i]];
  }
  return out;
}

const readJson = (path) => JSON.parse(readFileSync(path, "utf8"));

function load(dir) {
  const course = readJson(join(dir, "course.json"));
  const key = readJson(join(dir, "keys", `${course.content_version}.json`));
  const modules = course.modules.map((head) => ({
    head,
    body: readJson(join(dir, "modules", `${head.id}.json`)),
    key: key.modules.find((m) => m.id === head.id),
  }));
  return { course, key, modules };
}

const LABELS = "ABCDEFGH";
const KIND = {
  single: "choose one",
  scenario: "choose one",
  "true-false": "true or false",
  multiple: "choose all that apply",
};

function questions(dir, out) {
  const { course, modules } = load(dir);
  const map = {};
  const lines = [
    `# Online safety course: questions (content ${course.content_version})`,
    "",
    "Answer each question as you would from what you know. Give your answers one a line:",
    "`<module id> <question id> <letters>`, for example `four-cs m09-q04 A,C`.",
    "",
  ];
  for (const { head, body, key } of modules) {
    lines.push(`## Module ${head.id}: ${head.title}`, "");
    lines.push(
      `Bank of ${body.questions.length} questions; a quiz draws ${key.draw} of them at random and is passed with ${key.pass_mark}% or more.`,
      "",
    );
    for (const q of body.questions) {
      lines.push(`### ${q.id} (${KIND[q.kind]})`, "");
      if (q.situation) lines.push(`Situation: ${fill(q.situation)}`, "");
      lines.push(fill(q.prompt), "");
      // True and False keep their order: shuffling them tells nothing and reads oddly.
      const shown = q.kind === "true-false" ? q.options : shuffled(q.options, `${course.content_version}/${q.id}`);
      map[q.id] = {};
      shown.forEach((o, i) => {
        map[q.id][LABELS[i]] = o.id;
        lines.push(`- ${LABELS[i]}. ${fill(o.text)}`);
      });
      lines.push("");
    }
  }
  writeFileSync(out, lines.join("\n"));
  writeFileSync(mapPath(out), JSON.stringify(map, null, 1) + "\n");
  console.log(`wrote ${out} and ${mapPath(out)}`);
}

const mapPath = (out) => out.replace(/\.md$/, "") + ".map.json";

/** ln C(n, k). */
function lnChoose(n, k) {
  let s = 0;
  for (let i = 1; i <= k; i++) s += Math.log(n - k + i) - Math.log(i);
  return s;
}

/** The share of uniformly drawn `draw`-question quizzes from a bank with `right` of `bank`
 * known that reach the pass mark: a hypergeometric tail. */
function passShare(bank, right, draw, passMark) {
  let share = 0;
  for (let k = 0; k <= draw; k++) {
    if ((100 * k) / draw < passMark) continue;
    if (k > right || draw - k > bank - right) continue;
    share += Math.exp(lnChoose(right, k) + lnChoose(bank - right, draw - k) - lnChoose(bank, draw));
  }
  return share;
}

function score(dir, out, answersPath) {
  const { modules } = load(dir);
  const map = readJson(mapPath(out));
  const answers = new Map();
  for (const raw of readFileSync(answersPath, "utf8").split("\n")) {
    const line = raw.replace(/#.*/, "").trim();
    if (!line) continue;
    const [moduleId, qid, picks = ""] = line.split(/\s+/);
    const labels = picks === "-" ? [] : picks.split(",").map((s) => s.trim().toUpperCase()).filter(Boolean);
    const ids = labels.map((l) => {
      const id = map[qid]?.[l];
      if (!id) throw new Error(`${moduleId} ${qid}: no option ${l}`);
      return id;
    });
    answers.set(`${moduleId} ${qid}`, ids);
  }
  let totalRight = 0;
  let totalBank = 0;
  let modulesLikelyPassed = 0;
  console.log("module                      right/bank    %   draw  pass%  share of draws passed");
  for (const { head, key } of modules) {
    let right = 0;
    for (const q of key.bank) {
      const chosen = [...new Set(answers.get(`${head.id} ${q.id}`) ?? [])].sort();
      const correct = [...q.correct].sort();
      if (chosen.length === correct.length && chosen.every((c, i) => c === correct[i])) right++;
    }
    const share = passShare(key.bank.length, right, key.draw, key.pass_mark);
    if (share > 0.5) modulesLikelyPassed++;
    totalRight += right;
    totalBank += key.bank.length;
    console.log(
      `${head.id.padEnd(28)}${String(right).padStart(5)}/${String(key.bank.length).padEnd(5)}${((100 * right) / key.bank.length).toFixed(0).padStart(4)}${String(key.draw).padStart(6)}${String(key.pass_mark).padStart(6)}   ${(100 * share).toFixed(1)}%`,
    );
  }
  console.log(
    `all modules: ${totalRight} of ${totalBank} right (${((100 * totalRight) / totalBank).toFixed(0)}%); passed on most draws: ${modulesLikelyPassed} of ${modules.length} modules`,
  );
}

const [command, ...args] = process.argv.slice(2);
if (command === "questions" && args.length === 2) questions(...args);
else if (command === "score" && args.length === 3) score(...args);
else {
  console.error("usage: node scripts/blind.mjs questions <content-dir> <out.md>\n       node scripts/blind.mjs score <content-dir> <out.md> <answers.txt>");
  process.exit(2);
}
