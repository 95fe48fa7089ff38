//! Browser tests for shell components: mounted into a real page in headless Chromium.
#![cfg(target_arch = "wasm32")]

use leptos::prelude::*;
use online_safety_workbench::components::fields::{Field, ListField};
use online_safety_workbench::state::Bind;
use wasm_bindgen::JsCast;
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
                bind=Bind::new(move || value.get(), move |v| value.set(v))
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
        "t-school-hint"
    );

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
