//! The API server's syntax rules for names, labels and port names, as pure checks.
//! Each returns the sentence the API server would give, so a person knows how to fix it.

fn is_lower_alnum(c: char) -> bool {
    c.is_ascii_lowercase() || c.is_ascii_digit()
}

/// A lowercase RFC 1123 label (Namespace names, Service port names): at most 63 characters.
pub fn dns1123_label(s: &str) -> Result<(), String> {
    let ok = !s.is_empty()
        && s.chars().all(|c| is_lower_alnum(c) || c == '-')
        && s.starts_with(is_lower_alnum)
        && s.ends_with(is_lower_alnum);
    if !ok {
        return Err(format!("`{s}` is not a lowercase RFC 1123 label: use lowercase letters, digits and '-', starting and ending with a letter or digit (e.g. 'my-name')"));
    }
    if s.len() > 63 {
        return Err(format!("`{s}` is longer than 63 characters"));
    }
    Ok(())
}

/// A lowercase RFC 1123 subdomain (most object names): labels joined by '.', at most 253.
pub fn dns1123_subdomain(s: &str) -> Result<(), String> {
    let ok = !s.is_empty()
        && s.split('.').all(|part| {
            !part.is_empty()
                && part.chars().all(|c| is_lower_alnum(c) || c == '-')
                && part.starts_with(is_lower_alnum)
                && part.ends_with(is_lower_alnum)
        });
    if !ok {
        return Err(format!("`{s}` is not a lowercase RFC 1123 subdomain: use lowercase letters, digits, '-' and '.', starting and ending with a letter or digit (e.g. 'example.com')"));
    }
    if s.len() > 253 {
        return Err(format!("`{s}` is longer than 253 characters"));
    }
    Ok(())
}

/// An RFC 1035 label (Service names): like an RFC 1123 label, but it starts with a letter.
pub fn dns1035_label(s: &str) -> Result<(), String> {
    dns1123_label(s)?;
    if !s.starts_with(|c: char| c.is_ascii_lowercase()) {
        return Err(format!(
            "`{s}` is not an RFC 1035 label: a Service name must start with a lowercase letter"
        ));
    }
    Ok(())
}

/// The name part of a label key, or a label value that is not empty: at most 63 characters,
/// alphanumerics, '-', '_' and '.', starting and ending with an alphanumeric.
fn qualified_name_part(s: &str) -> bool {
    !s.is_empty()
        && s.len() <= 63
        && s.chars()
            .all(|c| c.is_ascii_alphanumeric() || matches!(c, '-' | '_' | '.'))
        && s.starts_with(|c: char| c.is_ascii_alphanumeric())
        && s.ends_with(|c: char| c.is_ascii_alphanumeric())
}

/// A label key: an optional DNS subdomain prefix and '/', then a name of at most 63 characters.
pub fn label_key(key: &str) -> Result<(), String> {
    let (prefix, name) = match key.split_once('/') {
        Some((p, n)) => (Some(p), n),
        None => (None, key),
    };
    if let Some(prefix) = prefix {
        if dns1123_subdomain(prefix).is_err() {
            return Err(format!(
                "label key `{key}`: the prefix `{prefix}` must be a lowercase DNS subdomain (e.g. 'example.com')"
            ));
        }
    }
    if !qualified_name_part(name) {
        return Err(format!("label key `{key}` is invalid: the name part must be 1 to 63 characters of letters, digits, '-', '_' or '.', starting and ending with a letter or digit"));
    }
    Ok(())
}

/// A label value: empty, or at most 63 characters of alphanumerics, '-', '_' and '.',
/// starting and ending with an alphanumeric.
pub fn label_value(value: &str) -> Result<(), String> {
    if value.is_empty() || qualified_name_part(value) {
        Ok(())
    } else {
        Err(format!("label value `{value}` is invalid: it must be empty or 1 to 63 characters of letters, digits, '-', '_' or '.', starting and ending with a letter or digit"))
    }
}

/// A named port (container port names, named targetPorts and policy ports): an IANA service
/// name, at most 15 lowercase alphanumerics and '-', with at least one letter, no '--', and
/// not starting or ending with '-'.
pub fn iana_svc_name(s: &str) -> Result<(), String> {
    let ok = !s.is_empty()
        && s.len() <= 15
        && s.chars().all(|c| is_lower_alnum(c) || c == '-')
        && s.chars().any(|c| c.is_ascii_lowercase())
        && !s.contains("--")
        && !s.starts_with('-')
        && !s.ends_with('-');
    if ok {
        Ok(())
    } else {
        Err(format!("`{s}` is not a valid port name: at most 15 lowercase letters, digits and '-', with at least one letter, no '--', not starting or ending with '-'"))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn names() {
        assert!(dns1123_label("my-name").is_ok());
        assert!(dns1123_label("123-abc").is_ok());
        assert!(dns1123_label("My-Name").is_err());
        assert!(dns1123_label("-a").is_err());
        assert!(dns1123_label(&"a".repeat(64)).is_err());
        assert!(dns1123_subdomain("a.b-c.d").is_ok());
        assert!(dns1123_subdomain("a..b").is_err());
        assert!(dns1123_subdomain("Web").is_err());
        assert!(dns1035_label("nginx").is_ok());
        assert!(dns1035_label("1nginx").is_err());
    }

    #[test]
    fn labels() {
        assert!(label_key("app").is_ok());
        assert!(label_key("app.kubernetes.io/name").is_ok());
        assert!(label_key("kubernetes.io/metadata.name").is_ok());
        assert!(label_key("my key").is_err());
        assert!(label_key("Example.com/a").is_err());
        assert!(label_key("a/").is_err());
        assert!(label_value("").is_ok());
        assert!(label_value("v1.2_x").is_ok());
        assert!(label_value("-x").is_err());
        assert!(label_value(&"x".repeat(64)).is_err());
    }

    #[test]
    fn port_names() {
        assert!(iana_svc_name("http").is_ok());
        assert!(iana_svc_name("grpc-web").is_ok());
        assert!(iana_svc_name("80").is_err());
        assert!(iana_svc_name("a--b").is_err());
        assert!(iana_svc_name("Http").is_err());
        assert!(iana_svc_name("a-very-long-port-name").is_err());
    }
}
