//! A YAML syntax error as serde_yaml reports it, and as kubectl (go-yaml, over the same libyaml
//! messages) words it.

/// A document's syntax error: serde_yaml's sentence without its position, and the position.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct YamlError {
    /// `did not find expected key`, `duplicate entry with key "a"`…
    pub message: String,
    /// The 1-based line and column within the document's text, when serde_yaml gives one.
    pub at: Option<(u32, u32)>,
}

impl YamlError {
    pub fn of(e: &serde_yaml::Error) -> YamlError {
        let mut message = e.to_string();
        if let Some(cut) = message.find(" at line ") {
            message.truncate(cut);
        }
        YamlError {
            message,
            at: e.location().map(|l| (l.line() as u32, l.column() as u32)),
        }
    }

    /// As go-yaml words it: `yaml: line N: …`, the line counted from `first_line` lines before
    /// the document's text.
    pub fn go_yaml(&self, first_line: u32) -> String {
        match self.at {
            Some((line, _)) => {
                // go-yaml counts a parser error's line from 0 (a scanner error's from 1).
                let parser = u32::from(self.message.starts_with("did not find expected"));
                let line = (line + first_line).saturating_sub(parser);
                format!("yaml: line {line}: {}", self.message)
            }
            None => format!("yaml: {}", self.message),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn error(text: &str) -> YamlError {
        YamlError::of(&serde_yaml::from_str::<serde_yaml::Value>(text).unwrap_err())
    }

    #[test]
    fn worded_as_go_yaml() {
        let e = error("a: 1\nb: [\n");
        assert!(!e.message.contains(" at line "), "{e:?}");
        assert!(e.go_yaml(0).starts_with("yaml: line "), "{}", e.go_yaml(0));
        let scanner = error("a: 'x\n");
        let (line, _) = scanner.at.unwrap();
        assert_eq!(
            scanner.go_yaml(10),
            format!("yaml: line {}: {}", line + 10, scanner.message)
        );
    }
}
