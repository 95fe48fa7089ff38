//! Browser tests for shell components: mounted into a real page in headless Chromium.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use online_safety_workbench::components::fields::{Field, ListField};
use online_safety_workbench::components::link::Link;
use online_safety_workbench::domain::text::Rule;
use online_safety_workbench::router::Router;
use online_safety_workbench::routes::{Bundle, Page, TrainingRoute};
use online_safety_workbench::state::Bind;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn input(id: &str) -> web_sys::HtmlInputElement {
    document().get_element_by_id(id).unwrap().unchecked_into()
}

#[wasm_bindgen_test]
async fn text_field_is_labelled_and_reports_edits() {
    let value = RwSignal::new("West Kirby Primary School".to_owned());
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    let _handle = mount_to(host.clone().unchecked_into(), move || {
        view! {
            <Field
                id="t-school"
                label="School name"
                bind=Bind::new(move || value.get(), move |v| value.set(v)).keeping(Rule::NAME)
                hint="As on the letterhead."
            />
        }
    });

    leptos::task::tick().await;
    let field = input("t-school");
    assert_eq!(field.value(), "West Kirby Primary School");
    let label = host
        .query_selector("label[for='t-school']")
        .unwrap()
        .unwrap();
    assert_eq!(label.text_content().unwrap(), "School name");
    assert_eq!(
        field.get_attribute("aria-describedby").unwrap(),
        "t-school-hint t-school-note"
    );
    assert_eq!(field.get_attribute("maxlength").as_deref(), Some("200"));
    let note = || {
        document()
            .get_element_by_id("t-school-note")
            .unwrap()
            .text_content()
            .unwrap()
    };
    assert_eq!(note(), "");

    // Pasted from a chat: a zero-width space and a tab. The field keeps what storage keeps,
    // and says so next to itself.
    field.set_value("Oak\u{200B} Tree\tPrimary");
    field
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    leptos::task::tick().await;
    assert_eq!(value.get_untracked(), "Oak Tree Primary");
    assert!(note().starts_with("Invisible characters"), "{}", note());

    // Emptied: the name saved stays until another is typed.
    field.set_value(" ");
    field
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    leptos::task::tick().await;
    assert_eq!(value.get_untracked(), "Oak Tree Primary");
    assert!(note().contains("cannot be left empty"), "{}", note());

    field.set_value("Oak Tree Primary");
    field
        .dispatch_event(&web_sys::Event::new("input").unwrap())
        .unwrap();
    assert_eq!(value.get_untracked(), "Oak Tree Primary");

    // And the other way: state changes show in the input.
    value.set("Elm Primary".into());
    leptos::task::tick().await;
    assert_eq!(field.value(), "Elm Primary");
}

#[wasm_bindgen_test]
async fn list_field_splits_lines_and_drops_blanks() {
    let names = RwSignal::new(vec!["Mrs T McCann".to_owned()]);
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    let _handle = mount_to(host.unchecked_into(), move || {
        view! {
            <ListField
                id="t-deputies"
                label="Deputy DSLs"
                value=Signal::from(names)
                on_change=Callback::new(move |v| names.set(v))
            />
        }
    });
    leptos::task::tick().await;
    let area: web_sys::HtmlTextAreaElement = document()
        .get_element_by_id("t-deputies")
        .unwrap()
        .unchecked_into();
    assert_eq!(area.value(), "Mrs T McCann");
    area.set_value("  Mr M Procter \n\n Mrs H Catt\n");
    area.dispatch_event(&web_sys::Event::new("change").unwrap())
        .unwrap();
    assert_eq!(
        names.get_untracked(),
        vec!["Mr M Procter".to_owned(), "Mrs H Catt".to_owned()]
    );
}

#[wasm_bindgen_test]
async fn links_move_within_the_bundle_and_mark_the_page_showing() {
    let window = web_sys::window().unwrap();
    let history = window.history().unwrap();
    let start = window.location().href().unwrap();
    history
        .replace_state_with_url(&JsValue::NULL, "", Some("/training"))
        .unwrap();
    let host = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&host).unwrap();
    let router = StoredValue::new(None::<Router>);
    let handle = mount_to(host.clone().unchecked_into(), move || {
        provide_context(Bundle::Staff);
        router.set_value(Some(Router::provide(Bundle::Staff)));
        view! {
            <Link href="/training">"Training"</Link>
            <Link href="/policy">"Policy"</Link>
            <Link href="/audit">"Audit"</Link>
        }
    });
    let page = router.get_value().unwrap().page();
    let link = |href: &str| {
        host.query_selector(&format!("a[href='{href}']"))
            .unwrap()
            .unwrap()
    };
    let current = |href: &str| link(href).get_attribute("aria-current");
    leptos::task::tick().await;
    assert_eq!(
        page.get_untracked(),
        Page::Training(TrainingRoute::Dashboard)
    );
    assert_eq!(current("/training").as_deref(), Some("page"));
    assert_eq!(current("/policy"), None);
    // The other bundle's page is a plain link: the browser loads that bundle.
    assert_eq!(current("/audit"), None);
    assert_eq!(
        link("/audit").get_attribute("rel").as_deref(),
        Some("external")
    );

    link("/policy")
        .unchecked_into::<web_sys::HtmlElement>()
        .click();
    leptos::task::tick().await;
    assert_eq!(window.location().pathname().unwrap(), "/policy");
    assert_eq!(page.get_untracked(), Page::Policy);
    assert_eq!(current("/policy").as_deref(), Some("page"));
    assert_eq!(current("/training"), None);

    // Back: the browser's history moves, and the page follows.
    let popped = js_sys::Promise::new(&mut |resolve, _| window.set_onpopstate(Some(&resolve)));
    history.back().unwrap();
    wasm_bindgen_futures::JsFuture::from(popped).await.unwrap();
    window.set_onpopstate(None);
    leptos::task::tick().await;
    assert_eq!(window.location().pathname().unwrap(), "/training");
    assert_eq!(
        page.get_untracked(),
        Page::Training(TrainingRoute::Dashboard)
    );
    assert_eq!(current("/training").as_deref(), Some("page"));

    drop(handle);
    history
        .replace_state_with_url(&JsValue::NULL, "", Some(&start))
        .unwrap();
}
