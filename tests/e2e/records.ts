// Training-record files as staff export them, built from the course content, for the DSL's
// import tests. Attempts answer five questions of each required module.
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";

type Option = { id: string; correct?: boolean };
type Question = { id: string; options: Option[] };
type Module = { id: string; title: string; audience: "all" | { roles: string[] }; questions: Question[] };

const dir = join(import.meta.dirname, "../../content/modules");
const modules: Module[] = readdirSync(dir).sort().map((f) => JSON.parse(readFileSync(join(dir, f), "utf8")));
const course = JSON.parse(readFileSync(join(import.meta.dirname, "../../content/course.json"), "utf8"));

const daysAgo = (n: number) => {
  const d = new Date();
  d.setDate(d.getDate() - n);
  const pad = (x: number) => String(x).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T10:00:00`;
};

/** An attempt at a module: five questions answered right (or wrong), stating `claim`%. */
function attempt(m: Module, id: string, when: string, right: boolean, claim?: number) {
  const qs = m.questions.slice(0, 5);
  const answers = Object.fromEntries(
    qs.map((q) => [q.id, right ? q.options.filter((o) => o.correct).map((o) => o.id) : [q.options.find((o) => !o.correct)!.id]]),
  );
  const correct = right ? 5 : 0;
  const percent = claim ?? correct * 20;
  return {
    id, module_id: m.id, seed: 1, questions: qs.map((q) => ({ question_id: q.id, option_order: q.options.map((o) => o.id) })),
    answers, started_at: when, submitted_at: when,
    score: { correct: claim === undefined ? correct : 5, total: 5, percent, pass_mark: course.pass_mark, passed: percent >= course.pass_mark },
    content_version: course.content_version, policy_version: course.policy_version,
  };
}

export function record(id: string, name: string, role: string, passedDaysAgo: number, tamper?: string) {
  const when = daysAgo(passedDaysAgo);
  const required = modules.filter((m) => m.audience === "all" || m.audience.roles.includes(role));
  const attempts = required.map((m, i) => (m.id === tamper ? attempt(m, `${id}-${i}`, when, false, 100) : attempt(m, `${id}-${i}`, when, true)));
  return JSON.stringify({
    format: "online-safety-workbench", kind: "training-record", schema_version: 1, app_version: "0.1.0",
    content_version: course.content_version, saved_at: when,
    data: { record_id: id, person: { name, role, start_date: "2025-09-01", track: "induction" }, content_version: course.content_version,
      policy_version: course.policy_version, exported_at: when, attempts },
  });
}

