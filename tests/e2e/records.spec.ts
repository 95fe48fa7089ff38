// records.ts makes records the way the app makes them: for the inputs the native test
// tests/fixtures_match.rs feeds the Rust domain, it writes the very file the domain wrote
// (tests/e2e/fixtures/reference-record.json): the same questions, option orders, answers,
// scores and bytes. Every record the other specs import is therefore one the app could export.
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { createHash } from "node:crypto";
import { test, expect } from "@playwright/test";
import { recordFrom, recordData, SeededRng, type RecordInputs } from "./records";

const dir = join(import.meta.dirname, "fixtures");
const inputs: RecordInputs = JSON.parse(readFileSync(join(dir, "reference-record.inputs.json"), "utf8"));
const reference = readFileSync(join(dir, "reference-record.json"), "utf8");

test("records.ts draws, answers and scores exactly as the app does", () => {
  const ours = recordData(inputs);
  const theirs = JSON.parse(reference).data;
  expect(ours.attempts).toHaveLength(theirs.attempts.length);
  ours.attempts.forEach((a, i) => {
    const t = theirs.attempts[i];
    expect(a.questions, `${a.id}: questions and option orders`).toEqual(t.questions);
    expect(a.answers, `${a.id}: answers`).toEqual(t.answers);
    expect(a.score, `${a.id}: score`).toEqual(t.score);
  });
});

test("records.ts writes the reference record byte for byte, u64 seeds included", () => {
  const ours = recordFrom(inputs) + "\n";
  expect(ours).toBe(reference);
  expect(createHash("sha256").update(ours).digest("hex")).toBe(createHash("sha256").update(reference).digest("hex"));
  // Seeds above 2^53 survive (JSON.parse would round them; the file keeps every digit).
  expect(reference).toContain('"seed": 18446744073709551615');
});

test("the generator is SplitMix64", () => {
  // The first outputs for seed 0 and seed 1234567 (published SplitMix64 test vectors).
  const zero = new SeededRng(0n);
  expect(zero.nextU64()).toBe(0xe220a8397b1dcdafn);
  expect(zero.nextU64()).toBe(0x6e789e6aa1b965f4n);
  const other = new SeededRng(1234567n);
  expect(other.nextU64()).toBe(6457827717110365317n);
});
