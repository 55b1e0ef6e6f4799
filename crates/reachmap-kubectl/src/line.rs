//! The console's command line, as a terminal keeps it: history (Up/Down), `\` continuations,
//! and Tab completion applied to the line. Plain data, tested natively; the page only reads
//! keys and writes the input's value.

/// The most commands the history keeps.
const MAX_HISTORY: usize = 500;

/// History and the lines of a command still being continued.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct LineState {
    history: Vec<String>,
    /// Where Up/Down is in the history (`None`: at the new line).
    cursor: Option<usize>,
    /// The lines of a command continued with `\`.
    pending: String,
}

impl LineState {
    /// Enter on `typed`: the whole command to run, or `None` while it goes on (`\`).
    pub fn enter(&mut self, typed: &str) -> Option<String> {
        if super::shell_words::continues(typed) {
            self.pending.push_str(typed);
            self.pending.push('\n');
            return None;
        }
        let line = format!("{}{typed}", std::mem::take(&mut self.pending));
        if !line.trim().is_empty() && self.history.last() != Some(&line) {
            self.history.push(line.clone());
            if self.history.len() > MAX_HISTORY {
                self.history.remove(0);
            }
        }
        self.cursor = None;
        Some(line)
    }

    /// Whether a command is being continued (the prompt shows `> `).
    pub fn continuing(&self) -> bool {
        !self.pending.is_empty()
    }

    /// Up (`older`) or Down: the line to show, or `None` to leave the input alone.
    pub fn recall(&mut self, older: bool) -> Option<String> {
        let len = self.history.len();
        if len == 0 {
            return None;
        }
        let next = match (self.cursor, older) {
            (None, true) => Some(len - 1),
            (None, false) => return None,
            (Some(i), true) => Some(i.saturating_sub(1)),
            (Some(i), false) if i + 1 < len => Some(i + 1),
            (Some(_), false) => None,
        };
        self.cursor = next;
        Some(next.map(|i| self.history[i].clone()).unwrap_or_default())
    }
}

/// The line with its last word completed from `candidates` (their common prefix; a single
/// candidate whole, then a space), if that adds anything.
pub fn completed(line: &str, candidates: &[String]) -> Option<String> {
    let typed = if line.ends_with(char::is_whitespace) {
        ""
    } else {
        line.rsplit(char::is_whitespace).next().unwrap_or("")
    };
    let common = common_prefix(candidates);
    let whole = candidates.len() == 1;
    if common.len() <= typed.len() && !whole {
        return None;
    }
    let mut out = line[..line.len() - typed.len()].to_string();
    out.push_str(&common);
    if whole {
        out.push(' ');
    }
    Some(out)
}

fn common_prefix(words: &[String]) -> String {
    let Some(first) = words.first() else {
        return String::new();
    };
    let mut end = first.len();
    for w in &words[1..] {
        let same = first
            .char_indices()
            .zip(w.chars())
            .take_while(|((_, a), b)| a == b)
            .last()
            .map_or(0, |((i, a), _)| i + a.len_utf8());
        end = end.min(same);
    }
    first[..end].to_string()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(w: &[&str]) -> Vec<String> {
        w.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn history_and_continuations() {
        let mut s = LineState::default();
        assert_eq!(s.recall(true), None);
        assert_eq!(s.enter("kubectl get pods"), Some("kubectl get pods".into()));
        assert_eq!(s.enter("kubectl run x \\"), None);
        assert!(s.continuing());
        assert_eq!(
            s.enter("  --image=nginx"),
            Some("kubectl run x \\\n  --image=nginx".into())
        );
        assert!(!s.continuing());
        assert_eq!(
            s.recall(true).as_deref(),
            Some("kubectl run x \\\n  --image=nginx")
        );
        assert_eq!(s.recall(true).as_deref(), Some("kubectl get pods"));
        assert_eq!(s.recall(true).as_deref(), Some("kubectl get pods"));
        assert_eq!(
            s.recall(false).as_deref(),
            Some("kubectl run x \\\n  --image=nginx")
        );
        assert_eq!(s.recall(false).as_deref(), Some(""));
        assert_eq!(s.recall(false), None);
    }

    #[test]
    fn completion() {
        assert_eq!(
            completed("kubectl desc", &words(&["describe"])).as_deref(),
            Some("kubectl describe ")
        );
        assert_eq!(
            completed("kubectl get s", &words(&["services", "statefulsets"])),
            None
        );
        assert_eq!(
            completed("kubectl get se", &words(&["service", "services"])).as_deref(),
            Some("kubectl get service")
        );
        assert_eq!(
            completed("kubectl get ", &words(&["pods"])).as_deref(),
            Some("kubectl get pods ")
        );
        assert_eq!(completed("kubectl x", &[]), None);
        assert_eq!(completed("é", &words(&["éa", "éb"])), None);
    }
}
