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
        // one (`create -f` with some objects already there): it says so.
        if !outcome.ok && outcome.text.is_some() {
            assert!(
                outcome.output.contains(" created") || outcome.output.contains(" configured"),
                "a failed command changed the text without saying so: {line:?}"
            );
        }
        if let Some(new) = outcome.text {
            let _ = reachmap_core::parse(&new);
        }
    }
});
