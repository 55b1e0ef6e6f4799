//! Why the simulated cluster refused an object, as kubectl prints the API server's errors:
//! AlreadyExists, NotFound, Invalid (with each field's cause), and the console's own refusal
//! to edit an item of a `kind: List`.

use super::id::Id;

/// Why the simulated cluster refused to store an object.
#[derive(Debug)]
pub(super) enum Refusal {
    /// An object of that kind, namespace and name exists.
    Exists,
    /// No such object.
    NotFound,
    /// The API server's validation: each field path and what is wrong with it.
    Invalid(Vec<(String, String)>),
    /// The object is an item of a `kind: List` document, which the console does not edit.
    InList,
}

impl Refusal {
    /// The error as `kubectl` prints it for `id`; `file` when the object came from one.
    pub fn message(&self, id: &Id, verb: &str, file: Option<&str>) -> String {
        let source = file
            .map(|f| format!("error when {verb} \"{f}\": "))
            .unwrap_or_default();
        match self {
            Refusal::Exists => format!(
                "Error from server (AlreadyExists): {source}{} \"{}\" already exists",
                id.resource(),
                id.name
            ),
            Refusal::NotFound => format!(
                "Error from server (NotFound): {source}{} \"{}\" not found",
                id.resource(),
                id.name
            ),
            Refusal::Invalid(causes) => invalid(id, causes),
            Refusal::InList => in_list(id),
        }
    }
}

/// An error of a command that goes on with its other objects.
pub(super) enum Failure {
    Text(String),
    Refused {
        refusal: Refusal,
        id: Id,
        verb: &'static str,
        file: Option<String>,
    },
}

impl Failure {
    /// As kubectl prints it: alone (`single`), or as one of several errors.
    pub fn render(&self, single: bool) -> String {
        match self {
            Failure::Text(t) => t.clone(),
            Failure::Refused {
                refusal: Refusal::Invalid(causes),
                id,
                verb,
                file,
            } if !single => {
                let source = file
                    .as_ref()
                    .map(|f| format!("error when {verb} \"{f}\": "))
                    .unwrap_or_default();
                format!(
                    "Error from server (Invalid): {source}{}",
                    invalid_inline(id, causes)
                )
            }
            Failure::Refused {
                refusal,
                id,
                verb,
                file,
            } => refusal.message(id, verb, file.as_deref()),
        }
    }
}

/// kubectl's message for an object the API server finds invalid.
fn invalid(id: &Id, causes: &[(String, String)]) -> String {
    let head = format!("The {} \"{}\" is invalid: ", id.kind, id.name);
    match causes {
        [(path, why)] => format!("{head}{}", cause(path, why)),
        _ => {
            let mut out = head.trim_end().to_string();
            for (path, why) in causes {
                out.push_str(&format!("\n* {}", cause(path, why)));
            }
            out
        }
    }
}

/// The same, as the error text inside another (`kubectl create service` wraps it):
/// `Service "x" is invalid: spec.ports[0].port: …`.
pub(super) fn invalid_inline(id: &Id, causes: &[(String, String)]) -> String {
    let kind = if id.group.is_empty() {
        id.kind.clone()
    } else {
        format!("{}.{}", id.kind, id.group)
    };
    let causes: Vec<String> = causes.iter().map(|(p, w)| cause(p, w)).collect();
    match causes.as_slice() {
        [one] => format!("{kind} \"{}\" is invalid: {one}", id.name),
        _ => format!("{kind} \"{}\" is invalid: [{}]", id.name, causes.join(", ")),
    }
}

fn cause(path: &str, why: &str) -> String {
    if path.is_empty() {
        why.to_string()
    } else {
        format!("{path}: {why}")
    }
}

fn in_list(id: &Id) -> String {
    format!(
        "error: {} is an item of a `kind: List` document; the console does not edit List items — edit it in the manifests, or write it as a document of its own",
        id.slash()
    )
}
