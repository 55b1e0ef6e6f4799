//! Choosing one flow: a source, a destination (a pod, a Service port, outside) and a port.

use super::derived::use_derived;
use super::state::{use_ui, FlowWords};
use crate::logic::flow::port_options;
use leptos::prelude::*;

/// The words for "any outside address".
const OUTSIDE: &str = "outside";

/// Selects labelled "From", "To" and "Port", in a group named "Explain a flow".
#[component]
pub fn FlowPicker() -> impl IntoView {
    let ui = use_ui();
    let derived = use_derived();
    let set = move |f: fn(&mut FlowWords, String), value: String| {
        ui.flow.update(|w| f(w, value));
    };
    let to_is_service = move || {
        ui.flow
            .with(|w| derived.choices.with(|c| c.is_service_port(&w.to)))
    };
    let option = move |value: String, label: String, pick: fn(&FlowWords) -> &String| {
        let v = value.clone();
        view! {
            <option value=value prop:selected=move || ui.flow.with(|w| *pick(w) == v)>{label}</option>
        }
    };

    view! {
        <fieldset class="flow-picker">
            <legend>"Explain a flow"</legend>
            <div class="field">
                <label for="flow-from">"From"</label>
                <select
                    id="flow-from"
                    on:change:target=move |ev| set(|w, v| w.from = v, ev.target().value())
                >
                    {move || option(String::new(), "Choose a source…".into(), |w| &w.from)}
                    {move || {
                        derived
                            .choices
                            .with(|c| c.endpoints.clone())
                            .into_iter()
                            .map(|e| option(e.clone(), e, |w| &w.from))
                            .collect_view()
                    }}
                    {move || option(OUTSIDE.into(), "any outside address".into(), |w| &w.from)}
                </select>
            </div>
            <div class="field">
                <label for="flow-to">"To"</label>
                <select
                    id="flow-to"
                    on:change:target=move |ev| {
                        set(|w, v| { w.to = v; w.port = String::new(); }, ev.target().value())
                    }
                >
                    {move || option(String::new(), "Choose a destination…".into(), |w| &w.to)}
                    <optgroup label="Pods">
                        {move || {
                            derived
                                .choices
                                .with(|c| c.endpoints.clone())
                                .into_iter()
                                .map(|e| option(e.clone(), e, |w| &w.to))
                                .collect_view()
                        }}
                    </optgroup>
                    <optgroup label="Service ports">
                        {move || {
                            derived
                                .choices
                                .with(|c| c.service_ports.clone())
                                .into_iter()
                                .map(|(word, label)| option(word, label, |w| &w.to))
                                .collect_view()
                        }}
                    </optgroup>
                    <optgroup label="Outside">
                        {move || option(OUTSIDE.into(), "any outside address".into(), |w| &w.to)}
                    </optgroup>
                </select>
            </div>
            <div class="field">
                <label for="flow-port">"Port"</label>
                <select
                    id="flow-port"
                    disabled=to_is_service
                    title=move || to_is_service().then_some("A Service port goes to each backend's targetPort")
                    on:change:target=move |ev| set(|w, v| w.port = v, ev.target().value())
                >
                    {move || {
                        let words = ui.flow.get();
                        // The port the answer uses comes first, selected.
                        let options = derived.choices.with(|c| port_options(c, &words));
                        let shown = options[0].clone();
                        options
                            .into_iter()
                            .map(|p| {
                                let selected = p == shown;
                                view! { <option value=p.clone() selected=selected prop:selected=selected>{p.clone()}</option> }
                            })
                            .collect_view()
                    }}
                </select>
            </div>
            <button
                type="button"
                on:click=move |_| ui.flow.set(FlowWords::default())
                disabled=move || ui.flow.with(|w| *w == FlowWords::default())
            >
                "Clear flow"
            </button>
        </fieldset>
    }
}
