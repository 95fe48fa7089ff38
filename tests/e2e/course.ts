// The course as the app fetches it (the contents in course.json, then each module's own file),
// and how a test finds, on the quiz page, which course question a fieldset shows.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { expect, type Locator } from "@playwright/test";

export type Option = { id: string; text: string; correct?: boolean };
export type Question = { id: string; kind: string; prompt: string; options: Option[] };
export type Module = {
  id: string;
  title: string;
  draw: number;
  audience: unknown;
  sections: { id: string; title: string }[];
  questions: Question[];
};

const content = join(import.meta.dirname, "../../content");
export const course = JSON.parse(readFileSync(join(content, "course.json"), "utf8"));
export const modules: Module[] = course.modules.map((head: Omit<Module, "questions">) => ({
  ...head,
  questions: JSON.parse(readFileSync(join(content, "modules", `${head.id}.json`), "utf8")).questions,
}));
const questions = modules.flatMap((m) => m.questions);

/** Course text as shown: each {placeholder} is filled from the school settings, so it matches anything. */
export const shown = (text: string) =>
  new RegExp(`^${text.split(/\{[a-z_]+\}/).map((part) => part.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")).join(".+?")}$`);

/** The course question shown in a fieldset: same prompt and same option labels (prompts repeat). */
export async function questionIn(fs: Locator): Promise<Question> {
  const prompt = (await fs.locator(".prompt").innerText()).trim();
  const labels = (await fs.locator("label").allInnerTexts()).map((t) => t.trim());
  const q = questions.find(
    (q) =>
      shown(q.prompt).test(prompt) &&
      q.options.length === labels.length &&
      q.options.every((o) => labels.some((l) => shown(o.text).test(l))),
  );
  expect(q, `question for prompt ${prompt}`).toBeTruthy();
  return q!;
}

/** Ticks `picks` of the question a fieldset shows, by each option's input (an option that is
 * only a placeholder, "{dsl}", would match any label). */
export async function tick(fs: Locator, q: Question, picks: Option[]) {
  for (const o of picks) await fs.locator(`input[id="q-${q.id}-${o.id}"]`).check();
}
