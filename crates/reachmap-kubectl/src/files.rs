//! The files a console command can name with `-f` without opening anything: the reference
//! document's examples, bundled with the page (the page's example picker shows the same texts).

use reachmap_core::parse::Input;

pub const NGINX_SERVICE: &str =
    include_str!("../../../public/examples/reference/nginx-service.yaml");
pub const RUN_EXPOSE: &str = include_str!("../../../public/examples/reference/run-expose.yaml");
pub const DEPLOYMENT_SERVICE: &str =
    include_str!("../../../public/examples/reference/deployment-service.yaml");
pub const API_ALLOW: &str = include_str!("../../../public/examples/reference/api-allow.yaml");
pub const NETWORKPOLICY_API_ALLOW: &str =
    include_str!("../../../public/examples/reference/networkpolicy-api-allow.yaml");
pub const DEFAULT_DENY_ALL: &str =
    include_str!("../../../public/examples/reference/default-deny-all.yaml");
pub const PORT_ALLOW: &str = include_str!("../../../public/examples/reference/port-allow.yaml");

/// The bundled files by name, as `public/examples/reference/` names them.
pub const REFERENCE: &[(&str, &str)] = &[
    ("api-allow.yaml", API_ALLOW),
    ("default-deny-all.yaml", DEFAULT_DENY_ALL),
    ("deployment-service.yaml", DEPLOYMENT_SERVICE),
    ("networkpolicy-api-allow.yaml", NETWORKPOLICY_API_ALLOW),
    ("nginx-service.yaml", NGINX_SERVICE),
    ("port-allow.yaml", PORT_ALLOW),
    ("run-expose.yaml", RUN_EXPOSE),
];

/// The bundled files as inputs, for `kubectl::run`.
pub fn bundled() -> Vec<Input> {
    REFERENCE
        .iter()
        .map(|(name, text)| Input {
            name: (*name).to_string(),
            text: (*text).to_string(),
        })
        .collect()
}

#[cfg(test)]
mod tests {
    /// Every file of the folder is bundled, so `-f NAME` works for each one the page offers.
    #[test]
    fn every_reference_file_is_bundled() {
        let mut names: Vec<String> = std::fs::read_dir(concat!(
            env!("CARGO_MANIFEST_DIR"),
            "/../../public/examples/reference"
        ))
        .unwrap()
        .flatten()
        .map(|e| e.file_name().to_string_lossy().into_owned())
        .collect();
        names.sort();
        let bundled: Vec<&str> = super::REFERENCE.iter().map(|(n, _)| *n).collect();
        assert_eq!(names, bundled);
    }
}
