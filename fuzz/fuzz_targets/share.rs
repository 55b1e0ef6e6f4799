//! The share-link decoder takes whatever follows `#s=` in a URL someone sent: it must refuse
//! with a reason, never panic or inflate without bound; and encoding then decoding any text
//! gives it back.
#![no_main]

use libfuzzer_sys::fuzz_target;
use reachmap_core::share;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    if let Ok(decoded) = share::decode(&text) {
        assert!(decoded.len() <= share::MAX_TEXT_LEN);
    }
    let link = share::encode(&text);
    assert_eq!(share::decode(&link).as_deref(), Ok(&*text));
});
