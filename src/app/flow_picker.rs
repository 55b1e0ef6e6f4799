//! Choosing one flow: a source and a destination (a pod, a Service port, outside, or a typed
//! IP address) and a port (listed, or typed), each typed word checked as it is typed.

use super::derived::use_derived;
use super::state::{use_ui, FlowWords, Ui};
use crate::logic::flow_entry::{is_address, port_list, typed_address, typed_port};
use leptos::prelude::*;

/// The words for "any outside address".
const OUTSIDE: &str = "outside";
/// The option that asks for an address to be typed.
const ADDRESS: &str = "address";

/// Which end of the flow a control sets.
#[derive(Clone, Copy)]
enum End {
    From,
    To,
}

impl End {
    fn word(self, w: &FlowWords) -> &String {
        match self {
            End::From => &w.from,
            End::To => &w.to,
        }
    }

    fn set(self, w: &mut FlowWords, v: String) {
        match self {
            End::From => w.from = v,
            End::To => {
                w.to = v;
                // Another destination has its own default port.
                w.port = String::new();
            }
        }
    }

    fn key(self) -> &'static str {
        match self {
            End::From => "from",
            End::To => "to",
        }
    }

    fn label(self) -> &'static str {
        match self {
            End::From => "From",
            End::To => "To",
        }
    }
}

/// Whether an end is a typed address: one is set, or the person chose to type one and has
/// not yet typed one that reads (an arrow or a cell clicked meanwhile sets another end).
fn address_mode(ui: Ui, end: End, typing: RwSignal<bool>) -> bool {
    ui.flow.with(|w| {
        let word = end.word(w);
        is_address(word) || (typing.get() && word.is_empty())
    })
}

/// A field for a typed IP address, shown when its end's select asks for one.
#[component]
fn AddressField(end: End, typing: RwSignal<bool>) -> impl IntoView {
    let ui = use_ui();
    let error = RwSignal::new(None::<String>);
    let id = format!("flow-{}-address", end.key());
    let error_id = format!("{id}-error");
    let on_input = move |ev: leptos::ev::Event| {
        let text = event_target_value(&ev);
        match typed_address(&text) {
            Ok(ip) => {
                error.set(None);
                ui.flow.update(|w| end.set(w, ip));
            }
            Err(e) => error.set(Some(e)),
        }
    };
    view! {
        <Show when=move || address_mode(ui, end, typing)>
            <div class="field">
                <label for=id.clone()>{format!("{} IP address", end.label())}</label>
                <input
                    id=id.clone()
                    class="typed"
                    inputmode="decimal"
                    autocomplete="off"
                    spellcheck="false"
                    placeholder="10.0.0.7"
                    prop:value=move || {
                        ui.flow.with_untracked(|w| end.word(w).clone()).to_string()
                    }
                    aria-invalid=move || error.with(Option::is_some).to_string()
                    aria-describedby=error_id.clone()
                    on:input=on_input
                />
                <span id=error_id.clone() class="field-error" aria-live="polite">
                    {move || error.get()}
                </span>
            </div>
        </Show>
    }
}

/// The From or To select: the endpoints, (for To) the Service ports, any outside address, and
/// "an IP address…", which shows a field to type it in.
#[component]
fn EndSelect(end: End, typing: RwSignal<bool>) -> impl IntoView {
    let ui = use_ui();
    let derived = use_derived();
    let chosen = move |value: &str| {
        let typed = address_mode(ui, end, typing);
        if value == ADDRESS {
            typed
        } else {
            !typed && ui.flow.with(|w| end.word(w) == value)
        }
    };
    let option = move |value: String, label: String| {
        let v = value.clone();
        view! { <option value=value prop:selected=move || chosen(&v)>{label}</option> }
    };
    let on_change = move |ev: leptos::ev::Event| {
        let value = event_target_value(&ev);
        let address = value == ADDRESS;
        typing.set(address);
        // An address to type: the end is unset until one reads.
        ui.flow
            .update(|w| end.set(w, if address { String::new() } else { value }));
    };
    let first = match end {
        End::From => "Choose a source…",
        End::To => "Choose a destination…",
    };
    let endpoints = move || {
        derived
            .choices
            .with(|c| c.endpoints.clone())
            .into_iter()
            .map(|e| option(e.clone(), e))
            .collect_view()
    };
    let service_ports = move || {
        derived
            .choices
            .with(|c| c.service_ports.clone())
            .into_iter()
            .map(|(word, label)| option(word, label))
            .collect_view()
    };
    let id = format!("flow-{}", end.key());
    view! {
        <div class="field">
            <label for=id.clone()>{end.label()}</label>
            <select id=id on:change=on_change>
                {move || option(String::new(), first.into())}
                {match end {
                    End::From => endpoints.into_any(),
                    End::To => {
                        view! {
                            <optgroup label="Pods">{endpoints}</optgroup>
                            <optgroup label="Service ports">{service_ports}</optgroup>
                        }
                            .into_any()
                    }
                }}
                <optgroup label="Outside">
                    {move || option(OUTSIDE.into(), "any outside address".into())}
                    {move || option(ADDRESS.into(), "an IP address…".into())}
                </optgroup>
            </select>
        </div>
        <AddressField end typing/>
    }
}

/// The port: typed (`8080`, `UDP/53`) or picked from the list of the ports worth asking
/// about, each labelled (the containers that declare it, or "another TCP port").
#[component]
fn PortField() -> impl IntoView {
    let ui = use_ui();
    let derived = use_derived();
    let error = RwSignal::new(None::<String>);
    let to_is_service = move || {
        ui.flow
            .with(|w| derived.choices.with(|c| c.is_service_port(&w.to)))
    };
    let list = Memo::new(move |_| {
        let words = ui.flow.get();
        derived.choices.with(|c| port_list(c, &words))
    });
    // A word that reads is taken at once; an empty field keeps the port until it is left,
    // then stands for the destination's default.
    let take = move |text: String, leaving: bool| match typed_port(&text) {
        Ok(port) if port.is_empty() && !leaving => error.set(None),
        Ok(port) => {
            error.set(None);
            if ui.flow.with_untracked(|w| w.port != port) {
                ui.flow.update(|w| w.port = port);
            }
        }
        Err(e) => error.set(Some(format!("Port: {e}"))),
    };
    view! {
        <div class="field">
            <label for="flow-port">"Port"</label>
            <input
                id="flow-port"
                class="typed port"
                list="flow-ports"
                autocomplete="off"
                spellcheck="false"
                disabled=to_is_service
                title=move || to_is_service().then_some("A Service port goes to each backend's targetPort")
                prop:value=move || list.with(|l| l[0].0.clone())
                aria-invalid=move || error.with(Option::is_some).to_string()
                aria-describedby="flow-port-error"
                on:input=move |ev| take(event_target_value(&ev), false)
                on:change=move |ev| take(event_target_value(&ev), true)
            />
            <datalist id="flow-ports">
                {move || {
                    list.get()
                        .into_iter()
                        .map(|(word, label)| view! { <option value=word label=label></option> })
                        .collect_view()
                }}
            </datalist>
            <span id="flow-port-error" class="field-error" aria-live="polite">
                {move || error.get()}
            </span>
        </div>
    }
}

/// From, To and Port, in a group named "Explain a flow".
#[component]
pub fn FlowPicker() -> impl IntoView {
    let ui = use_ui();
    let typing_from = RwSignal::new(false);
    let typing_to = RwSignal::new(false);
    view! {
        <fieldset class="flow-picker">
            <legend>"Explain a flow"</legend>
            <EndSelect end=End::From typing=typing_from/>
            <EndSelect end=End::To typing=typing_to/>
            <PortField/>
            <button
                type="button"
                on:click=move |_| {
                    typing_from.set(false);
                    typing_to.set(false);
                    ui.flow.set(FlowWords::default());
                }
                disabled=move || ui.flow.with(|w| *w == FlowWords::default())
            >
                "Clear flow"
            </button>
        </fieldset>
    }
}
