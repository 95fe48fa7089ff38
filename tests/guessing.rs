//! The quiz tests knowledge: no knowledge-free strategy passes any module's quiz in 5% of
//! draws or more. Each strategy answers from the shape of the options alone (their length,
//! their position, True or False, how many to tick) and is played against every module's bank
//! with the real draw size and pass mark over thousands of seeded draws.
//!
//! Run with `cargo test --test guessing -- --nocapture` to see the table.
#![cfg(not(target_arch = "wasm32"))]

mod common;

use common::{course, modules};
use online_safety_workbench::domain::content::{Module, ModuleKey, Question, QuestionKind};
use online_safety_workbench::domain::quiz::{self, DrawnQuestion};
use online_safety_workbench::domain::settings::SchoolSettings;

/// Draws per module: enough that a 5% pass rate is measured to within about half a point.
const DRAWS: u64 = 4_000;
/// The highest share of draws any strategy may pass.
const LIMIT_PERCENT: f64 = 5.0;

/// How a guesser answers a single-answer or scenario question.
#[derive(Debug, Clone, Copy)]
enum One {
    Longest,
    Shortest,
    First,
}

/// How a guesser answers a true/false statement.
#[derive(Debug, Clone, Copy)]
enum TrueFalse {
    True,
    False,
}

/// How a guesser answers a multiple-select question.
#[derive(Debug, Clone, Copy)]
enum Many {
    Every,
    AllButShortest,
    AllButLongest,
    Longest,
    Shortest,
    First,
}

/// One knowledge-free way of taking a whole quiz.
#[derive(Debug, Clone, Copy)]
struct Strategy {
    one: One,
    true_false: TrueFalse,
    many: Many,
}

impl Strategy {
    fn all() -> Vec<Strategy> {
        let mut out = Vec::new();
        for one in [One::Longest, One::Shortest, One::First] {
            for true_false in [TrueFalse::True, TrueFalse::False] {
                for many in [
                    Many::Every,
                    Many::AllButShortest,
                    Many::AllButLongest,
                    Many::Longest,
                    Many::Shortest,
                    Many::First,
                ] {
                    out.push(Strategy {
                        one,
                        true_false,
                        many,
                    });
                }
            }
        }
        out
    }

    fn name(&self) -> String {
        format!("{:?} / {:?} / {:?}", self.one, self.true_false, self.many)
    }

    /// The options this strategy picks, seeing them in the order shown.
    fn answer(
        &self,
        question: &Question,
        shown: &[String],
        lengths: &[(String, usize)],
    ) -> Vec<String> {
        let len = |id: &String| lengths.iter().find(|(o, _)| o == id).map_or(0, |(_, n)| *n);
        // Ties go to the option shown first, as a reader scanning down would pick.
        let longest = || {
            shown
                .iter()
                .max_by(|a, b| len(a).cmp(&len(b)).then(std::cmp::Ordering::Greater))
                .cloned()
        };
        let shortest = || {
            shown
                .iter()
                .min_by(|a, b| len(a).cmp(&len(b)).then(std::cmp::Ordering::Less))
                .cloned()
        };
        let all_but = |skip: Option<String>| {
            shown
                .iter()
                .filter(|o| Some(*o) != skip.as_ref())
                .cloned()
                .collect()
        };
        match question.kind {
            QuestionKind::Single | QuestionKind::Scenario => match self.one {
                One::Longest => longest().into_iter().collect(),
                One::Shortest => shortest().into_iter().collect(),
                One::First => shown.first().cloned().into_iter().collect(),
            },
            QuestionKind::TrueFalse => {
                let wanted = match self.true_false {
                    TrueFalse::True => "True",
                    TrueFalse::False => "False",
                };
                question
                    .options
                    .iter()
                    .filter(|o| o.text == wanted)
                    .map(|o| o.id.clone())
                    .collect()
            }
            QuestionKind::Multiple => match self.many {
                Many::Every => shown.to_vec(),
                Many::AllButShortest => all_but(shortest()),
                Many::AllButLongest => all_but(longest()),
                Many::Longest => longest().into_iter().collect(),
                Many::Shortest => shortest().into_iter().collect(),
                Many::First => shown.first().cloned().into_iter().collect(),
            },
        }
    }
}

/// Every option's length as a person reads it (placeholders filled with the school's names).
fn lengths(question: &Question, settings: &SchoolSettings) -> Vec<(String, usize)> {
    question
        .options
        .iter()
        .map(|o| (o.id.clone(), settings.fill(&o.text).chars().count()))
        .collect()
}

/// The share of draws (percent) in which `strategy` passes `module`.
fn pass_rate(module: &Module, pass_mark: u8, strategy: Strategy, settings: &SchoolSettings) -> f64 {
    let lengths: Vec<Vec<(String, usize)>> = module
        .questions
        .iter()
        .map(|q| lengths(q, settings))
        .collect();
    let key = ModuleKey {
        pass_mark,
        ..ModuleKey::of(course(), module)
    };
    let mut passed = 0u64;
    for seed in 0..DRAWS {
        let drawn: Vec<DrawnQuestion> = quiz::draw(&key, seed.wrapping_mul(0x9E37_79B9_7F4A_7C15));
        let mut correct = 0u32;
        for d in &drawn {
            let at = module
                .questions
                .iter()
                .position(|q| q.id == d.question_id)
                .expect("drawn from the bank");
            let question = &module.questions[at];
            let chosen = strategy.answer(question, &d.option_order, &lengths[at]);
            if quiz::is_correct(question, &chosen) {
                correct += 1;
            }
        }
        if quiz::passes(correct, drawn.len() as u32, pass_mark) {
            passed += 1;
        }
    }
    passed as f64 * 100.0 / DRAWS as f64
}

#[test]
fn no_knowledge_free_strategy_passes_any_module() {
    let course = course();
    let settings = SchoolSettings::default();
    let strategies = Strategy::all();
    println!(
        "\nGuessing: {} strategies x {DRAWS} seeded draws per module (limit {LIMIT_PERCENT}%)",
        strategies.len()
    );
    println!(
        "{:<28} {:>5} {:>5} {:>8}  best strategy (single / true-false / multiple)",
        "module", "bank", "draw", "pass %"
    );
    let mut failures = Vec::new();
    for module in modules() {
        let pass_mark = module.pass_mark(&course.info);
        let (best, rate) = strategies
            .iter()
            .map(|s| (*s, pass_rate(module, pass_mark, *s, &settings)))
            .max_by(|a, b| a.1.total_cmp(&b.1))
            .expect("there are strategies");
        println!(
            "{:<28} {:>5} {:>5} {:>8.2}  {}",
            module.id,
            module.questions.len(),
            module.draw,
            rate,
            best.name()
        );
        if rate >= LIMIT_PERCENT {
            failures.push(format!(
                "{}: {} passes {rate:.2}% of draws",
                module.id,
                best.name()
            ));
        }
    }
    assert!(failures.is_empty(), "guessable modules: {failures:#?}");
}

/// The strategies are real: each one passes a bank built to reward it.
#[test]
fn the_strategies_can_pass_a_guessable_bank() {
    let settings = SchoolSettings::default();
    // A copy of a module where the right answer is always the longest and always "False".
    let mut module = modules()[0].clone();
    for q in &mut module.questions {
        match q.kind {
            QuestionKind::TrueFalse => {
                for o in &mut q.options {
                    o.correct = o.text == "False";
                }
            }
            _ => {
                for (i, o) in q.options.iter_mut().enumerate() {
                    o.correct = i == 0;
                    o.text = if i == 0 { "x".repeat(200) } else { "y".into() };
                }
            }
        }
    }
    let guesser = Strategy {
        one: One::Longest,
        true_false: TrueFalse::False,
        many: Many::Longest,
    };
    assert_eq!(pass_rate(&module, 80, guesser, &settings), 100.0);
}

/// The shape of the banks gives nothing away across the course: the right option is the
/// longest about as often as chance would make it, true/false statements are about half true,
/// and multiple-select questions have anything from one right option to all of them.
#[test]
fn the_banks_have_no_telling_shape() {
    let settings = SchoolSettings::default();
    let (mut one, mut longest, mut chance) = (0usize, 0usize, 0.0f64);
    let (mut statements, mut true_ones) = (0usize, 0usize);
    let mut correct_counts: Vec<(usize, usize)> = Vec::new();
    for q in modules().iter().flat_map(|m| &m.questions) {
        let lengths = lengths(q, &settings);
        let len_of = |id: &str| lengths.iter().find(|(o, _)| o == id).map_or(0, |(_, n)| *n);
        match q.kind {
            QuestionKind::Single | QuestionKind::Scenario => {
                one += 1;
                chance += 1.0 / q.options.len() as f64;
                let right = q.correct_ids()[0];
                let right_len = len_of(right);
                if q.options
                    .iter()
                    .all(|o| o.id == right || len_of(&o.id) < right_len)
                {
                    longest += 1;
                }
            }
            QuestionKind::TrueFalse => {
                statements += 1;
                if q.options.iter().any(|o| o.correct && o.text == "True") {
                    true_ones += 1;
                }
            }
            QuestionKind::Multiple => correct_counts.push((q.correct_ids().len(), q.options.len())),
        }
    }
    let longest_share = longest as f64 / one as f64;
    let chance_share = chance / one as f64;
    let true_share = true_ones as f64 / statements as f64;
    let mut shapes: Vec<String> = correct_counts
        .iter()
        .map(|(c, n)| format!("{c} of {n}"))
        .collect();
    shapes.sort();
    shapes.dedup();
    println!(
        "\nSingle and scenario: the right option is strictly the longest in {longest} of {one} ({:.0}%; chance {:.0}%).",
        longest_share * 100.0,
        chance_share * 100.0
    );
    println!(
        "True/false: {true_ones} of {statements} true ({:.0}%).",
        true_share * 100.0
    );
    println!(
        "Multiple-select shapes (right of shown): {}.",
        shapes.join(", ")
    );
    assert!(
        longest_share <= 0.36,
        "the right option is the longest in {longest} of {one} single and scenario questions"
    );
    assert!(
        (0.4..=0.6).contains(&true_share),
        "{true_ones} of {statements} true/false statements are true"
    );
    let counts: Vec<usize> = correct_counts.iter().map(|(c, _)| *c).collect();
    assert!(
        counts.contains(&1),
        "no multiple-select question has a single right option"
    );
    // Every option right would teach that ticking everything is safe (review 2, S5): the
    // validator refuses it, and no bank may rely on it.
    assert!(
        correct_counts.iter().all(|(c, n)| c < n),
        "a multiple-select question has every option right"
    );
    let most_common = (1..=6)
        .map(|c| counts.iter().filter(|&&x| x == c).count())
        .max()
        .unwrap_or(0);
    assert!(
        most_common * 2 <= counts.len(),
        "more than half the multiple-select questions have the same number of right options"
    );
}
