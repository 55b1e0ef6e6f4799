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
    /// Reads serde_yaml's error: the sentence without its ` at line … column …` tail, and the
    /// position apart.
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

    /// Where the person has to look in the document's `text`: serde_yaml's position, except
    /// for a duplicate key, which serde_yaml places at its mapping's start: the second
    /// occurrence of the key.
    pub(crate) fn place_in(&self, text: &str) -> (u32, u32) {
        let at = self.at.unwrap_or((1, 1));
        duplicate_key_position(text, &self.message, at.0).unwrap_or(at)
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

/// Where serde_yaml's "duplicate entry with key" error happened: from the mapping's first line
/// on, the second of two block-mapping keys with that name at the same indentation, with no
/// line between them indented less (so both belong to one mapping).
fn duplicate_key_position(text: &str, message: &str, from_line: u32) -> Option<(u32, u32)> {
    let (_, rest) = message.split_once("duplicate entry with key \"")?;
    let key = rest.split('"').next()?;
    // (indentation, line) of each open candidate, innermost last.
    let mut seen: Vec<(usize, u32)> = Vec::new();
    for (index, line) in text
        .lines()
        .enumerate()
        .skip(from_line.saturating_sub(1) as usize)
    {
        let body = line.trim_start_matches([' ', '-']);
        if body.is_empty() || body.starts_with('#') {
            continue;
        }
        let indent = line.len() - body.len();
        // A list item (`- key: …`) starts a new mapping at its indentation.
        let new_item = line.trim_start_matches(' ').starts_with('-');
        seen.retain(|(i, _)| *i < indent || (*i == indent && !new_item));
        let unquoted = body.trim_start_matches(['"', '\'']);
        let is_key = unquoted.strip_prefix(key).is_some_and(|rest| {
            rest.trim_start_matches(['"', '\''])
                .trim_start()
                .starts_with(':')
        });
        if is_key {
            if seen.iter().any(|(i, _)| *i == indent) {
                return Some((index as u32 + 1, indent as u32 + 1));
            }
            seen.push((indent, index as u32 + 1));
        }
    }
    None
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
