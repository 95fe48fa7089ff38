//! Outstanding and due: who on the staff list has not started, is overdue or is due soon,
//! by role, for the DSL to chase with no server: printed on its own, copied as one list of
//! names and emails for an email's To line, or their expiry dates downloaded as a calendar.
//! Who is outstanding, the list and the calendar are the domain's (`staff::roster::chase`).

use leptos::prelude::*;
use leptos::task::spawn_local;

use crate::browser;
use crate::domain::content::Course;
use crate::domain::dates::{iso, long};
use crate::domain::staff::roster::{self, Chase, RoleChase};
use crate::state::app;

/// The id the print button prints on its own (style/dsl.css).
const PRINTED: &str = "outstanding";

/// What copying did: the line copied (or to copy by hand) and what to say.
#[derive(Debug, Clone, PartialEq, Eq)]
struct Copied {
    to: String,
    said: String,
}

/// The section: the outstanding people by role, and the three ways to chase them.
#[component]
pub fn Outstanding(course: &'static Course) -> impl IntoView {
    let app = app();
    let (list, rows, settings) = (app.staff_list(), app.list_rows(), app.settings());
    let today = browser::today();
    let warn = course.info.warn_days;
    let groups = Memo::new(move |_| {
        rows.with(|rows| list.with(|list| roster::outstanding(list, rows, today, warn)))
    });
    let copied = RwSignal::new(None::<Copied>);
    let said = RwSignal::new(None::<String>);
    let copy = move |_| {
        let got = groups.with_untracked(|g| roster::email_list(g));
        spawn_local(async move {
            let done = got.with_email > 0 && browser::copy_text(&got.to).await;
            let count = match got.with_email {
                1 => "1 name and email".to_owned(),
                n => format!("{n} names and emails"),
            };
            let mut said = match (got.with_email, done) {
                (0, _) => "Nobody outstanding has a work email on the staff list.".to_owned(),
                (_, true) => format!("{count} copied: paste them into an email's To line."),
                (_, false) => format!(
                    "{count} are below: the browser would not copy them, so select and copy them."
                ),
            };
            if !got.without_email.is_empty() {
                said.push_str(&format!(
                    " No work email on the staff list for: {}.",
                    got.without_email.join(", ")
                ));
            }
            copied.set(Some(Copied { to: got.to, said }));
        });
    };
    let calendar = move |_| {
        let text = rows.with_untracked(|rows| {
            list.with_untracked(|list| {
                let due = roster::expiries(list, rows);
                settings
                    .with_untracked(|s| roster::calendar(&due, &s.school_name, browser::now_utc()))
            })
        });
        match text {
            Some(text) => {
                app.download(
                    &format!("training-expiry-dates-{}.ics", iso(today)),
                    "text/calendar",
                    &text,
                );
                said.set(Some("The calendar of expiry dates is downloaded: open it with your calendar to add one all-day event per person, on the day their training expires. A newer calendar moves each person's event rather than adding another.".into()));
            }
            None => said.set(Some(
                "Nobody on the staff list is trained yet, so there are no expiry dates for a calendar."
                    .into(),
            )),
        }
    };
    view! {
        <section aria-labelledby="outstanding-heading" id=PRINTED>
            <h2 id="outstanding-heading">"Outstanding and due"</h2>
            {move || match rows.with(Vec::is_empty) {
                true => view! { <p>"Once the staff list is added, everyone on it who has not started, is overdue or is due soon is listed here, to print or email."</p> }.into_any(),
                false => view! {
                    <p>{format!(
                        "Everyone on the staff list who has not started, is overdue or is due within {warn} days, by role, on {}. People who have left or are excluded are not listed, and new starters are not overdue until their grace period after their start date ends.",
                        long(today)
                    )}</p>
                    <div class="actions no-print">
                        <button type="button" on:click=move |_| browser::print_only(PRINTED)>"Print this list"</button>
                        <button type="button" class="secondary" on:click=copy>"Copy names and emails"</button>
                        <button type="button" class="secondary" on:click=calendar>"Download calendar (.ics)"</button>
                    </div>
                    <div role="status" class="no-print">
                        {move || said.get().map(|s| view! { <p>{s}</p> })}
                        {move || copied.get().map(|c| view! { <p>{c.said}</p> })}
                    </div>
                    {move || copied.get().filter(|c| !c.to.is_empty()).map(|c| view! {
                        <div class="field no-print">
                            <label for="outstanding-emails">"Names and emails, for an email's To line"</label>
                            <textarea id="outstanding-emails" readonly rows="4" prop:value=c.to></textarea>
                        </div>
                    })}
                    {move || groups.with(|g| match g.is_empty() {
                        true => view! { <p>"Nobody on the staff list is outstanding."</p> }.into_any(),
                        false => g.iter().map(|g| role_table(g, warn)).collect_view().into_any(),
                    })}
                }.into_any(),
            }}
        </section>
    }
}

/// One role's outstanding people as a table: printed in greyscale, every state is words.
fn role_table(group: &RoleChase, warn: u32) -> impl IntoView {
    let row = move |c: &Chase| {
        view! {
            <tr>
                <th scope="row">{c.name.clone()}</th>
                <td>{c.owing.label(warn)}</td>
                <td>{c.status.label()}</td>
                <td>{c.email.clone().unwrap_or_else(|| "No work email on the list".into())}</td>
            </tr>
        }
    };
    // In the domain's order: not started, overdue, due soon.
    let rows: Vec<_> = group.people.iter().map(row).collect();
    view! {
        <table class="outstanding">
            <caption>{format!("{} ({})", group.role.label(), group.people.len())}</caption>
            <thead><tr>
                <th scope="col">"Name"</th>
                <th scope="col">"Outstanding"</th>
                <th scope="col">"Where they stand"</th>
                <th scope="col">"Work email"</th>
            </tr></thead>
            <tbody>{rows}</tbody>
        </table>
    }
}
