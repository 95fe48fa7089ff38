// Training-record files made exactly the way the app makes them, for the DSL's import tests.
//
// A faithful port of the app's seeded draw (src/domain/rng.rs: SplitMix64 `next_u64`, `below`
// and the Fisher-Yates `shuffle`; src/domain/quiz.rs: `draw` and `score`), driven by the frozen
// answer keys in content/keys/<version>.json, and of the file the app writes
// (`TrainingRecord::of` inside `envelope::to_json`: pretty JSON, the envelope's fields in its
// struct's order and the data's keys sorted, as a serde_json value holds them). u64 maths is
// done in BigInt.
//
// `recordFrom(inputs)` is the core: tests/fixtures_match.rs feeds the same inputs
// (tests/e2e/fixtures/reference-record.inputs.json) to the Rust domain and commits what it
// writes (reference-record.json); records.spec.ts checks that this file writes the same bytes.
// `record(spec)` is the convenience the specs use: every module the person must take, taken on
// one day, with seeds and ids derived from the record id.
import { readFileSync } from "node:fs";
import { join } from "node:path";

const root = join(import.meta.dirname, "../..");

type Kind = "single" | "multiple" | "true-false" | "scenario";
type QuestionKey = { id: string; kind: Kind; options: string[]; correct: string[] };
type ModuleKey = { id: string; draw: number; pass_mark: number; bank: QuestionKey[] };
export type AnswerKey = { content_version: string; policy_version: string; released_on: string; modules: ModuleKey[] };
type ModuleHead = { id: string; audience: "all" | { roles: string[] }; refresher: boolean };
type Reading = { roles: string[]; kcsie: string };

/** The course's table of contents (course.json): the current version and who takes what. */
export const course: { content_version: string; policy_version: string; kcsie_reading: Reading[]; versions: string[]; modules: ModuleHead[] } = JSON.parse(
  readFileSync(join(root, "content/course.json"), "utf8"),
);
/** The app version written into every export (Cargo.toml's package version). */
export const APP_VERSION = /^version\s*=\s*"([^"]+)"/m.exec(readFileSync(join(root, "Cargo.toml"), "utf8"))![1];

const keyCache = new Map<string, AnswerKey>();
/** The frozen answer key of a released content version. */
export function key(version: string): AnswerKey {
  let k = keyCache.get(version);
  if (!k) {
    k = JSON.parse(readFileSync(join(root, `content/keys/${version}.json`), "utf8")) as AnswerKey;
    keyCache.set(version, k);
  }
  return k;
}

function moduleKey(version: string, id: string): ModuleKey {
  const m = key(version).modules.find((m) => m.id === id);
  if (!m) throw new Error(`module ${id} is not in content version ${version}`);
  return m;
}

// ---- src/domain/rng.rs ----------------------------------------------------------------

const MASK = (1n << 64n) - 1n;

/** SplitMix64, as `SeededRng`: the same seed gives the same sequence as the app's. */
export class SeededRng {
  private state: bigint;
  constructor(seed: bigint) {
    this.state = BigInt.asUintN(64, seed);
  }
  nextU64(): bigint {
    this.state = (this.state + 0x9e3779b97f4a7c15n) & MASK;
    let z = this.state;
    z = ((z ^ (z >> 30n)) * 0xbf58476d1ce4e5b9n) & MASK;
    z = ((z ^ (z >> 27n)) * 0x94d049bb133111ebn) & MASK;
    return z ^ (z >> 31n);
  }
  /** A number in 0..bound: ((next >> 11) * bound) >> 53, as the app's `below`. */
  below(bound: number): number {
    return Number(((this.nextU64() >> 11n) * BigInt(bound)) >> 53n);
  }
  /** Fisher-Yates in place, from the end, as the app's `shuffle`. */
  shuffle<T>(items: T[]): void {
    for (let i = items.length - 1; i >= 1; i--) {
      const j = this.below(i + 1);
      [items[i], items[j]] = [items[j], items[i]];
    }
  }
}

/** `make_id`: a prefix and 16 hex digits ("a-7f3a9c2e41d0b6a5"). */
export const makeId = (prefix: string, random: bigint) => `${prefix}-${BigInt.asUintN(64, random).toString(16).padStart(16, "0")}`;

// ---- src/domain/quiz.rs -----------------------------------------------------------------

export type DrawnQuestion = { question_id: string; option_order: string[] };
export type Score = { correct: number; total: number; percent: number; pass_mark: number; passed: boolean };
export type Attempt = {
  id: string;
  module_id: string;
  seed: bigint;
  questions: DrawnQuestion[];
  answers: Record<string, string[]>;
  started_at: string;
  submitted_at: string;
  score: Score;
  content_version: string;
  policy_version: string;
  /** Taken in a training session: the code's tag (`session::tag`), never the code. */
  session?: bigint;
};

/** `quiz::draw`: the bank shuffled and cut to the draw, then each question's options shuffled
 * (true/false keeps True before False). */
export function draw(module: ModuleKey, seed: bigint): DrawnQuestion[] {
  const rng = new SeededRng(seed);
  const bank = module.bank.slice();
  rng.shuffle(bank);
  return bank.slice(0, Math.min(module.draw, bank.length)).map((q) => {
    const order = q.options.slice();
    if (q.kind !== "true-false") rng.shuffle(order);
    return { question_id: q.id, option_order: order };
  });
}

const sameSet = (right: string[], chosen: string[]) => {
  const a = [...right].sort();
  const b = [...new Set(chosen)].sort();
  return a.length === b.length && a.every((x, i) => x === b[i]);
};

/** `quiz::score`: unanswered questions are wrong; whole percent rounded down; a pass is
 * correct * 100 >= pass_mark * total. */
export function score(module: ModuleKey, questions: DrawnQuestion[], answers: Record<string, string[]>): Score {
  if (questions.length === 0) throw new Error("the attempt has no questions");
  let correct = 0;
  for (const drawn of questions) {
    const q = module.bank.find((q) => q.id === drawn.question_id);
    if (!q) throw new Error(`question ${drawn.question_id} is not in the module's bank`);
    if (sameSet(q.correct, answers[q.id] ?? [])) correct++;
  }
  const total = questions.length;
  return { correct, total, percent: Math.floor((correct * 100) / total), pass_mark: module.pass_mark, passed: correct * 100 >= module.pass_mark * total };
}

// ---- the record file ---------------------------------------------------------------------

/** What one attempt is made from: which module under which content version, its seed and id,
 * when it was started (submitted ten minutes later), and how many of its drawn questions are
 * answered wrongly (the first `wrong` of them; the rest rightly). */
export type AttemptInputs = { id: string; module_id: string; content_version: string; seed: string; started_at: string; wrong: number; code?: string };
export type Person = { name: string; role: string; start_date: string; track: "induction" | "refresher" };
/** What a record is made from. `content_version` is the app's own when it exported. */
export type RecordInputs = { record_id: string; person: Person; content_version: string; exported_at: string; attempts: AttemptInputs[]; declared_at?: string[] };

/** How long an honest attempt takes here. */
export const TAKES_MINUTES = 10;

/** A local date-time ("2026-11-26T10:00:00") moved by some minutes, as chrono writes it. */
export function addMinutes(at: string, minutes: number): string {
  const d = new Date(`${at}Z`);
  d.setUTCMinutes(d.getUTCMinutes() + minutes);
  return d.toISOString().slice(0, 19);
}

/** An attempt as the app makes it: the seeded draw, the answers chosen, submitted and scored. */
export function attemptFrom(a: AttemptInputs, recordId: string): Attempt {
  const k = key(a.content_version);
  const module = moduleKey(a.content_version, a.module_id);
  const seed = BigInt(a.seed);
  const questions = draw(module, seed);
  const answers: Record<string, string[]> = {};
  questions.forEach((drawn, i) => {
    const q = module.bank.find((q) => q.id === drawn.question_id)!;
    // A wrong answer is the first wrong option; where every option is right, none at all.
    const chosen = i < a.wrong ? q.options.filter((o) => !q.correct.includes(o)).slice(0, 1) : q.options.filter((o) => q.correct.includes(o));
    if (chosen.length > 0) answers[q.id] = chosen;
  });
  return {
    id: a.id,
    module_id: a.module_id,
    seed,
    questions,
    answers,
    started_at: a.started_at,
    submitted_at: addMinutes(a.started_at, TAKES_MINUTES),
    score: score(module, questions, answers),
    content_version: k.content_version,
    policy_version: k.policy_version,
    ...(a.code === undefined ? {} : { session: sessionTag(a.code, recordId, a.id, a.module_id, a.started_at) }),
  };
}

/** The record's data (`TrainingRecord`) as the app builds it at export. */
export function recordData(inputs: RecordInputs) {
  const k = key(inputs.content_version);
  return {
    record_id: inputs.record_id,
    person: { name: inputs.person.name, role: inputs.person.role, start_date: inputs.person.start_date, track: inputs.person.track },
    content_version: k.content_version,
    policy_version: k.policy_version,
    exported_at: inputs.exported_at,
    attempts: inputs.attempts.map((a) => attemptFrom(a, inputs.record_id)),
    declarations: (inputs.declared_at ?? []).map((at) => declaration(inputs.person.role, at)),
  };
}

/** `Declaration::new`: the person declares, at `at`, the policy the course names now and the
 * KCSIE reading it asks of their role (none for a role it asks none of). */
export function declaration(role: string, at: string) {
  const kcsie = course.kcsie_reading.find((r) => r.roles.includes(role))?.kcsie ?? null;
  return { declared_at: at, kcsie, policy_version: course.policy_version };
}
export type RecordData = ReturnType<typeof recordData>;

/** The envelope around a record, as `envelope::to_json(&record, exported_at, Some(version))`.
 * The envelope's own fields are in its struct's order; its data is a serde_json `Value`, whose
 * objects are maps sorted by key. */
export function envelope(data: RecordData): string {
  return pretty({
    format: "online-safety-workbench",
    kind: "training-record",
    schema_version: 2,
    app_version: APP_VERSION,
    content_version: data.content_version,
    saved_at: data.exported_at,
    data: sorted(data),
  });
}

/** A copy with every object's keys in order, as serde_json's map keeps them. */
function sorted(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sorted);
  if (value !== null && typeof value === "object") {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return Object.fromEntries(entries.map(([k, v]) => [k, sorted(v)]));
  }
  return value;
}

/** The file the app exports for these inputs, byte for byte. */
export const recordFrom = (inputs: RecordInputs) => envelope(recordData(inputs));

/** serde_json's pretty printer: two-space indents, `": "`, empty containers as `[]` and `{}`,
 * the same string escapes as JSON.stringify; u64 seeds (BigInt) written as plain digits. */
export function pretty(value: unknown): string {
  const marks: string[] = [];
  const text = JSON.stringify(value, (_, v) => (typeof v === "bigint" ? `\u0000u64:${marks.push(v.toString()) - 1}` : v), 2);
  return text.replace(/"\\u0000u64:(\d+)"/g, (_, i) => marks[Number(i)]);
}

// ---- convenience for the specs ------------------------------------------------------------

/** The modules a person must take, in course order (`training::required`). */
export function required(role: string, track: "induction" | "refresher" = "induction"): string[] {
  return course.modules
    .filter((m) => m.audience === "all" || m.audience.roles.includes(role))
    .filter((m) => track === "induction" || m.refresher)
    .map((m) => m.id);
}

/** Whether a version released on `released_on` ties the draw to its record (quiz::seeds_bound). */
export const seedsBound = (released_on: string) => released_on >= "2026-12-06";

/** The seed the app gives an attempt under such a version (quiz::bound_seed): FNV-1a over the
 * record id, the attempt id, the module id and the start in milliseconds (8 bytes, little
 * endian), each followed by 0x1f, then SplitMix64's next value from that. */
export function boundSeed(recordId: string, attemptId: string, moduleId: string, startedAt: string): bigint {
  return mix([Buffer.from(recordId, "utf8"), Buffer.from(attemptId, "utf8"), Buffer.from(moduleId, "utf8"), millis(startedAt)]);
}

/** The tag an attempt taken with a training session's code carries (session::tag): the same
 * mixing over the code, then the seed's four parts. */
export function sessionTag(code: string, recordId: string, attemptId: string, moduleId: string, startedAt: string): bigint {
  return mix([Buffer.from(code, "utf8"), Buffer.from(recordId, "utf8"), Buffer.from(attemptId, "utf8"), Buffer.from(moduleId, "utf8"), millis(startedAt)]);
}

/** A moment's milliseconds since 1970 as 8 bytes, little endian. */
function millis(at: string): Buffer {
  const bytes = Buffer.alloc(8);
  bytes.writeBigInt64LE(BigInt(Date.parse(`${at}Z`)));
  return bytes;
}

/** quiz::mix: FNV-1a over the parts, each followed by 0x1f, then SplitMix64's next value. */
function mix(parts: Buffer[]): bigint {
  let h = 0xcbf29ce484222325n;
  for (const part of parts) {
    for (const byte of [...part, 0x1f]) h = ((h ^ BigInt(byte)) * 0x100000001b3n) & MASK;
  }
  return new SeededRng(h).nextU64();
}

/** 64 bits from a text (FNV-1a), to seed the choices a spec leaves open. */
function hash(text: string): bigint {
  let h = 0xcbf29ce484222325n;
  for (const byte of Buffer.from(text, "utf8")) h = ((h ^ BigInt(byte)) * 0x100000001b3n) & MASK;
  return h;
}

export type RecordSpec = {
  id: string;
  name: string;
  role: string;
  track?: "induction" | "refresher";
  /** Default 2026-09-01. */
  start_date?: string;
  /** The day every required module is taken ("2026-11-26"): the first at 10:00, then one every
   * quarter of an hour. Never before the content version's release (`released_on`). */
  on: string;
  /** When the record is exported; default 18:00 on `on`. */
  exported_at?: string;
  /** The content version the quizzes are taken under (default the latest one released by `on`). */
  version?: string;
  /** Wrong answers per module id (default none: every module passed at 100%). */
  wrong?: Record<string, number>;
  /** The modules taken (default every one the person must take). */
  modules?: string[];
  /** When the person declared they had read the policy (default never). */
  declared_at?: string[];
  /** The training session code typed before each quiz (default none). */
  code?: string;
};

/** The content version the app ran on a day: the latest released on or before it. A record
 * dated before the current version's release was made under an earlier one. */
export function versionOn(day: string): string {
  const released = course.versions.filter((v) => key(v).released_on <= day.slice(0, 10));
  return released[released.length - 1] ?? course.versions[0];
}

/** The inputs of a record in which the person takes their modules as the spec says. */
export function inputsFor(spec: RecordSpec): RecordInputs {
  const version = spec.version ?? versionOn(spec.on);
  const exportedAt = spec.exported_at ?? `${spec.on}T18:00:00`;
  const track = spec.track ?? "induction";
  const rng = new SeededRng(hash(spec.id));
  const modules = spec.modules ?? required(spec.role, track);
  return {
    record_id: spec.id,
    person: { name: spec.name, role: spec.role, start_date: spec.start_date ?? "2026-09-01", track },
    content_version: versionOn(exportedAt),
    exported_at: exportedAt,
    declared_at: spec.declared_at,
    attempts: modules.map((module_id, i) => {
      const id = makeId("a", rng.nextU64());
      const free = rng.nextU64();
      const started_at = addMinutes(`${spec.on}T10:00:00`, 15 * i);
      // Under a version that ties the draw to its record, the seed is that record's.
      const seed = seedsBound(key(version).released_on) ? boundSeed(spec.id, id, module_id, started_at) : free;
      const taken = { id, module_id, content_version: version, seed: seed.toString(), started_at, wrong: spec.wrong?.[module_id] ?? 0 };
      return spec.code === undefined ? taken : { ...taken, code: spec.code };
    }),
  };
}

/** A record file (text) in which the person takes their modules as the spec says. */
export const record = (spec: RecordSpec) => recordFrom(inputsFor(spec));

/** A record file edited by hand: the record's data parsed, changed by `edit`, written again the
 * way the app writes it (seeds stay exact). */
export function edited(spec: RecordSpec, edit: (data: RecordData) => void): string {
  const data = recordData(inputsFor(spec));
  edit(data);
  return envelope(data);
}

/** A record written by hand from the answer key rather than taken: one question per module,
 * answered right, stating a pass at 100%, with the dates the spec gives. */
export function handMade(spec: RecordSpec): string {
  return edited(spec, (data) => {
    for (const a of data.attempts) {
      const q = moduleKey(a.content_version, a.module_id).bank[0];
      a.questions = [{ question_id: q.id, option_order: q.options.slice() }];
      a.answers = { [q.id]: q.correct.slice() };
      a.score = { ...a.score, correct: 1, total: 1, percent: 100, passed: true };
    }
  });
}
