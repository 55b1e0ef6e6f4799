//! The commands that may follow a `|`: `grep`, `head`, `tail`, over what the command printed.

use super::args::{Args, Flag};

const GREP: &[Flag] = &[
    Flag::boolean("ignore-case").short('i'),
    Flag::boolean("invert-match").short('v'),
    Flag::boolean("fixed-strings").short('F'),
];
const HEAD_TAIL: &[Flag] = &[Flag::value("lines")];

/// Applies one pipeline stage to `input`; the error is what the shell would print.
pub fn apply(words: &[String], input: &str) -> Result<String, String> {
    let lines = input.lines();
    let joined = |v: Vec<&str>| {
        let mut out = v.join("\n");
        if !out.is_empty() {
            out.push('\n');
        }
        out
    };
    match words[0].as_str() {
        "grep" => {
            let a = Args::parse(&words[1..], GREP).map_err(|e| format!("grep: {e}"))?;
            let [pattern] = a.positional.as_slice() else {
                return Err("Usage: grep [OPTION]... PATTERNS [FILE]...".into());
            };
            let (ignore, invert) = (a.on("ignore-case"), a.on("invert-match"));
            let pattern = if ignore {
                pattern.to_lowercase()
            } else {
                pattern.clone()
            };
            Ok(joined(
                lines
                    .filter(|l| {
                        let hit = if ignore {
                            l.to_lowercase().contains(&pattern)
                        } else {
                            l.contains(&pattern)
                        };
                        hit != invert
                    })
                    .collect(),
            ))
        }
        name @ ("head" | "tail") => {
            let mut words: Vec<String> = words[1..].to_vec();
            for w in &mut words {
                if w == "-n" {
                    *w = "--lines".into();
                } else if w.len() > 1
                    && w.starts_with('-')
                    && w[1..].bytes().all(|b| b.is_ascii_digit())
                {
                    // `head -5` is `head -n 5`.
                    *w = format!("--lines={}", &w[1..]);
                }
            }
            let a = Args::parse(&words, HEAD_TAIL).map_err(|e| format!("{name}: {e}"))?;
            let n: usize = a
                .get("lines")
                .unwrap_or("10")
                .parse()
                .map_err(|_| format!("{name}: invalid number of lines"))?;
            let all: Vec<&str> = lines.collect();
            let picked = if name == "head" {
                &all[..n.min(all.len())]
            } else {
                &all[all.len().saturating_sub(n)..]
            };
            Ok(joined(picked.to_vec()))
        }
        other => Err(format!(
            "sh: {other}: command not found (after a `|` this console takes grep, head and tail)"
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::apply;

    fn w(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    #[test]
    fn grep_head_tail() {
        let text = "Name: minikube\n  InternalIP:  192.168.64.2\n  Hostname: minikube\n";
        assert_eq!(
            apply(&w("grep InternalIP:"), text).unwrap(),
            "  InternalIP:  192.168.64.2\n"
        );
        assert_eq!(
            apply(&w("grep -i internalip:"), text).unwrap(),
            "  InternalIP:  192.168.64.2\n"
        );
        assert_eq!(
            apply(&w("grep -v minikube"), text).unwrap(),
            "  InternalIP:  192.168.64.2\n"
        );
        assert_eq!(apply(&w("grep nothing"), text).unwrap(), "");
        assert_eq!(apply(&w("head -n 1"), text).unwrap(), "Name: minikube\n");
        assert_eq!(
            apply(&w("tail -1"), text).unwrap(),
            "  Hostname: minikube\n"
        );
        assert!(apply(&w("sort"), text).is_err());
        assert!(apply(&w("grep"), text).is_err());
    }
}
