//! kubectl's `PrefixWriter`, as its describers write: lines indented two spaces per level,
//! cells ended by tabs (aligned afterwards by the tabwriter), and its multi-line label and
//! annotation printers.

use reachmap_core::model::Labels;

/// A description being written.
#[derive(Default)]
pub(super) struct PrefixWriter(String);

impl PrefixWriter {
    /// What was written, not yet aligned.
    pub fn text(&self) -> &str {
        &self.0
    }

    pub fn line(&mut self, level: usize, text: impl AsRef<str>) {
        for _ in 0..level {
            self.0.push_str("  ");
        }
        self.0.push_str(text.as_ref());
        self.0.push('\n');
    }

    /// `printLabelsMultiline`: `Title:\tk=v`, further labels on lines of their own.
    pub fn labels(&mut self, title: &str, labels: &Labels) {
        if labels.is_empty() {
            return self.line(0, format!("{title}:\t<none>"));
        }
        for (i, (k, v)) in labels.iter().enumerate() {
            let lead = if i == 0 {
                format!("{title}:")
            } else {
                String::new()
            };
            self.line(0, format!("{lead}\t{k}={v}"));
        }
    }

    /// `printAnnotationsMultiline`: as labels, `key: value`, long values on lines of their own.
    pub fn annotations(&mut self, title: &str, annotations: &Labels) {
        let shown: Vec<(&String, &String)> = annotations
            .iter()
            .filter(|(k, _)| k.as_str() != "kubectl.kubernetes.io/last-applied-configuration")
            .collect();
        if shown.is_empty() {
            return self.line(0, format!("{title}:\t<none>"));
        }
        for (i, (k, v)) in shown.into_iter().enumerate() {
            let lead = if i == 0 {
                format!("{title}:")
            } else {
                String::new()
            };
            let value = v.strip_suffix('\n').unwrap_or(v);
            if value.len() + k.len() + 2 > 140 || value.contains('\n') {
                self.line(0, format!("{lead}\t{k}:"));
                for part in value.split('\n') {
                    let short = match part.char_indices().nth(138) {
                        Some((at, _)) => format!("{}...", &part[..at]),
                        None => part.to_string(),
                    };
                    self.line(0, format!("\t  {short}"));
                }
            } else {
                self.line(0, format!("{lead}\t{k}: {value}"));
            }
        }
    }
}
