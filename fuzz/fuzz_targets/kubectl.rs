//! The console's interpreter on any input: bytes before the first NUL are the manifests, the
//! rest are command lines run in order, each on the text and session the one before left.
//! Nothing may panic; a failed command changes nothing it does not report; whatever text a
//! command writes parses.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reachmap_kubectl::{files::bundled, Console};

fuzz_target!(|data: &[u8]| {
    let input = String::from_utf8_lossy(data);
    let (text, commands) = match input.split_once('\0') {
        Some((text, commands)) => (text.to_string(), commands.to_string()),
        None => (String::new(), input.to_string()),
    };
    let mut console = Console::new(text, bundled());
    for line in commands.lines().take(16) {
        let outcome = console.run(line);
        // A failed command changes nothing, except what kubectl itself keeps of a partly failed
        // one (`create -f` with some objects already there, `patch a missing`): it says so.
        // Piped into a command that fails, kubectl's own lines went into the pipe, as in a
        // shell (`kubectl run web --image=nginx | nothing`: the pod is created).
        let piped = line.contains('|');
        if !outcome.ok && outcome.text.is_some() && !piped {
            assert!(
                says_what_changed(&outcome.output),
                "a failed command changed the text without saying so: {line:?}"
            );
        }
        if let Some(new) = outcome.text {
            let _ = reachmap_core::parse(&new);
        }
    }
});

/// Whether the output has a line kubectl prints for an object it changed: `KIND/NAME VERB`
/// (`created`, `configured`, `patched`, `labeled`, `scaled`, `exposed`…), `KIND "NAME"
/// deleted`, or the object itself (`-o name`, `-o yaml`).
fn says_what_changed(output: &str) -> bool {
    const DID: [&str; 8] = [
        "created",
        "configured",
        "patched",
        "labeled",
        "unlabeled",
        "scaled",
        "exposed",
        "deleted",
    ];
    output.lines().any(|line| {
        let object = line.split(' ').next().unwrap_or("");
        let named = object.contains('/') || line.contains("\" ");
        let did = DID.iter().any(|d| line.split(' ').any(|w| w == *d));
        (named && did) || line.starts_with("apiVersion:") || is_name_line(line)
    })
}

/// A line of `-o name`: `KIND[.GROUP]/NAME` and nothing else.
fn is_name_line(line: &str) -> bool {
    match line.split_once('/') {
        Some((kind, name)) => {
            !kind.is_empty()
                && !name.is_empty()
                && kind.chars().all(|c| c.is_ascii_lowercase() || c == '.')
                && !name.contains(' ')
        }
        None => false,
    }
}
