//! Share links (`src/share.rs`): every text comes back exactly, and every link that was cut,
//! altered, oversized or built to explode is refused with the reason a person should read.

use proptest::prelude::*;
use reachmap_core::share::{
    decode, encode, encode_checked, ShareError, MAX_LINK_LEN, MAX_TEXT_LEN,
};

/// Base64url without padding, written independently of the module so that tests can build
/// links around payloads `encode` would never produce.
fn b64url(bytes: &[u8]) -> String {
    const A: &[u8] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    let mut bits = 0u32;
    let mut n = 0;
    let mut out = String::new();
    for &b in bytes {
        bits = (bits << 8) | u32::from(b);
        n += 8;
        while n >= 6 {
            n -= 6;
            out.push(A[(bits >> n) as usize & 63] as char);
        }
    }
    if n > 0 {
        out.push(A[(bits << (6 - n)) as usize & 63] as char);
    }
    out
}

fn link_of(bytes: &[u8]) -> String {
    format!(
        "v1.{}",
        b64url(&miniz_oxide::deflate::compress_to_vec_zlib(bytes, 6))
    )
}

fn example(path: &str) -> String {
    std::fs::read_to_string(format!("{}/../../{path}", env!("CARGO_MANIFEST_DIR"))).unwrap()
}

const EXAMPLES: &[&str] = &[
    "public/examples/reference/nginx-service.yaml",
    "public/examples/reference/run-expose.yaml",
    "public/examples/reference/deployment-service.yaml",
    "public/examples/reference/api-allow.yaml",
    "public/examples/reference/networkpolicy-api-allow.yaml",
    "public/examples/reference/default-deny-all.yaml",
    "public/examples/reference/port-allow.yaml",
    "public/examples/online-boutique/kubernetes-manifests.yaml",
    "public/examples/online-boutique/network-policies.yaml",
];

#[test]
fn the_examples_come_back_exactly_and_compressed() {
    let mut all = String::new();
    for path in EXAMPLES {
        let text = example(path);
        let link = encode(&text);
        assert_eq!(decode(&link).as_deref(), Ok(text.as_str()), "{path}");
        println!(
            "{path}: {} bytes → link of {} bytes",
            text.len(),
            link.len()
        );
        all.push_str(&text);
        all.push_str("---\n");
    }
    let link = encode(&all);
    println!(
        "all examples together: {} bytes → link of {} bytes",
        all.len(),
        link.len()
    );
    assert_eq!(decode(&link).as_deref(), Ok(all.as_str()));
    // Manifests repeat themselves: the link, base64 included, is well under half the text.
    assert!(
        link.len() * 2 < all.len(),
        "{} vs {}",
        link.len(),
        all.len()
    );
}

#[test]
fn a_link_holds_only_fragment_safe_characters() {
    let link = encode(&example("public/examples/reference/api-allow.yaml"));
    let (prefix, payload) = link.split_at(3);
    assert_eq!(prefix, "v1.");
    assert!(payload
        .bytes()
        .all(|b| b.is_ascii_alphanumeric() || b == b'-' || b == b'_'));
}

#[test]
fn the_leading_hash_of_a_fragment_is_accepted() {
    let link = encode("kind: Pod\n");
    assert_eq!(decode(&format!("#{link}")).as_deref(), Ok("kind: Pod\n"));
}

#[test]
fn the_empty_text_round_trips() {
    assert_eq!(decode(&encode("")).as_deref(), Ok(""));
}

#[test]
fn what_is_not_a_share_link_says_so() {
    for input in [
        "",
        "#",
        "#section",
        "v",
        "v.",
        "v1",
        "vx.abc",
        "1.abc",
        "V1.abc",
        "v1234567890.abc",
        "v-1.abc",
    ] {
        assert_eq!(decode(input), Err(ShareError::NotAShareLink), "{input:?}");
    }
}

#[test]
fn a_link_of_another_version_names_it() {
    for (input, version) in [("v2.eJwDAAAAAAE", "2"), ("v0.x", "0"), ("#v01.x", "01")] {
        let err = decode(input).unwrap_err();
        assert_eq!(
            err,
            ShareError::UnknownVersion {
                version: version.to_string()
            }
        );
        assert!(err.to_string().contains(&format!("v{version}")), "{err}");
    }
}

#[test]
fn every_cut_of_a_link_is_truncated() {
    let link = encode(&example("public/examples/reference/port-allow.yaml"));
    for cut in 3..link.len() {
        assert_eq!(
            decode(&link[..cut]),
            Err(ShareError::Truncated),
            "cut at {cut} of {}",
            link.len()
        );
    }
    assert!(ShareError::Truncated.to_string().contains("cut off"));
}

#[test]
fn an_altered_header_or_checksum_is_corrupt() {
    let link = encode(&example("public/examples/reference/api-allow.yaml"));
    // The first character carries the zlib header's compression method.
    let header = format!("v1.A{}", &link[4..]);
    assert_eq!(decode(&header), Err(ShareError::Corrupt));
    // The last full characters carry the Adler-32 of the text.
    let n = link.len();
    let flipped = if &link[n - 2..n - 1] == "A" { "B" } else { "A" };
    let checksum = format!("{}{flipped}{}", &link[..n - 2], &link[n - 1..]);
    assert_eq!(decode(&checksum), Err(ShareError::Corrupt));
}

#[test]
fn characters_outside_base64url_are_corrupt() {
    let link = encode("kind: Service\n");
    for bad in ["+", "/", "=", "%20", " ", "\n", "é", "\0"] {
        let mid = link.len() / 2;
        let altered = format!("{}{bad}{}", &link[..mid], &link[mid..]);
        assert_eq!(decode(&altered), Err(ShareError::Corrupt), "{bad:?}");
    }
    // Padding is never written, so a padded link was altered too.
    assert_eq!(decode(&format!("{link}==")), Err(ShareError::Corrupt));
}

#[test]
fn bytes_after_the_compressed_text_are_corrupt() {
    let link = encode("kind: Service\n");
    assert_eq!(decode(&format!("{link}AAAA")), Err(ShareError::Corrupt));
}

#[test]
fn an_oversized_link_is_refused_before_decoding() {
    let huge = format!("v1.{}", "A".repeat(MAX_LINK_LEN));
    let err = decode(&huge).unwrap_err();
    assert_eq!(err, ShareError::TooLong { len: huge.len() });
    assert!(err.to_string().contains(&huge.len().to_string()), "{err}");
    // At the limit it is decoded (and refused for what it holds, not for its length).
    let at_limit = &huge[..MAX_LINK_LEN];
    assert!(matches!(
        decode(at_limit),
        Err(ShareError::Truncated | ShareError::Corrupt)
    ));
}

#[test]
fn a_decompression_bomb_stops_at_the_limit() {
    // One byte over the limit, of a text that compresses about a thousandfold.
    let bomb = encode(&"a".repeat(MAX_TEXT_LEN + 1));
    assert!(
        bomb.len() < 20_000,
        "the bomb is small: {} bytes",
        bomb.len()
    );
    assert_eq!(decode(&bomb), Err(ShareError::TooLarge));
    assert!(ShareError::TooLarge.to_string().contains("8 MiB"));
    // Zeros inflating to four times the limit: refused the same way, without inflating it all.
    let zeros = link_of(&vec![0u8; 4 * MAX_TEXT_LEN]);
    assert_eq!(decode(&zeros), Err(ShareError::TooLarge));
    // Exactly at the limit is still a text.
    let full = "b".repeat(MAX_TEXT_LEN);
    assert_eq!(decode(&encode(&full)).map(|t| t.len()), Ok(MAX_TEXT_LEN));
}

#[test]
fn bytes_that_are_not_utf8_are_refused() {
    assert_eq!(
        decode(&link_of(b"kind: \xff\xfe Pod")),
        Err(ShareError::NotUtf8)
    );
    // A link built by hand from valid UTF-8 opens: the format is just zlib in base64url.
    assert_eq!(decode(&link_of("é ✓".as_bytes())).as_deref(), Ok("é ✓"));
}

#[test]
fn encode_checked_refuses_what_decode_would() {
    assert_eq!(
        encode_checked(&"a".repeat(MAX_TEXT_LEN + 1)),
        Err(ShareError::TooLarge)
    );
    let text = example("public/examples/reference/deployment-service.yaml");
    assert_eq!(encode_checked(&text), Ok(encode(&text)));
}

#[test]
fn every_error_has_a_sentence() {
    let all = [
        ShareError::NotAShareLink,
        ShareError::UnknownVersion {
            version: "2".into(),
        },
        ShareError::TooLong { len: 3_000_000 },
        ShareError::Truncated,
        ShareError::Corrupt,
        ShareError::TooLarge,
        ShareError::NotUtf8,
    ];
    for err in all {
        let text = err.to_string();
        assert!(text.ends_with('.') && text.len() > 30, "{text}");
        assert!(text.contains("link") || text.contains("address"), "{text}");
    }
}

proptest! {
    #[test]
    fn any_text_round_trips(text in any::<String>()) {
        prop_assert_eq!(decode(&encode(&text)), Ok(text));
    }

    #[test]
    fn manifest_like_text_round_trips(text in "([a-z]{1,8}: [a-zA-Z0-9\"'<>&. -]{0,20}\n){0,40}") {
        prop_assert_eq!(decode(&encode(&text)), Ok(text));
    }

    /// Any one character changed in the payload is refused as damage, or (when it changes
    /// only the unused low bits of the last character) gives back the very same text.
    #[test]
    fn one_altered_character_never_opens_as_other_text(
        at in any::<prop::sample::Index>(),
        replacement in "[A-Za-z0-9_-]",
    ) {
        let text = "apiVersion: v1\nkind: Service\nmetadata:\n  name: web\nspec:\n  ports:\n  - port: 80\n";
        let link = encode(text);
        let i = 3 + at.index(link.len() - 3);
        let altered = format!("{}{replacement}{}", &link[..i], &link[i + 1..]);
        match decode(&altered) {
            Ok(back) => prop_assert_eq!(back, text),
            Err(e) => prop_assert!(
                matches!(e, ShareError::Corrupt | ShareError::Truncated | ShareError::NotUtf8),
                "{:?}", e
            ),
        }
    }

    #[test]
    fn decode_never_panics_on_any_string(input in any::<String>()) {
        let _ = decode(&input);
    }

    /// Random payloads in the right alphabet reach the inflater, which must refuse them calmly.
    #[test]
    fn decode_never_panics_on_random_payloads(payload in "[A-Za-z0-9_-]{0,400}") {
        let _ = decode(&format!("v1.{payload}"));
        let _ = decode(&format!("v1.eN{payload}"));
    }
}
