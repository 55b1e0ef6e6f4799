//! A command line split into words as a POSIX shell would: quotes (`'…'`, `"…"`), backslash
//! escapes, backslash-newline continuations, and `|` pipes between commands.

/// Splits `line` into the commands of a pipeline, each a list of words.
pub fn pipeline(line: &str) -> Result<Vec<Vec<String>>, String> {
    let mut commands = vec![Vec::new()];
    let mut word = String::new();
    // A word has started (so `''` is an empty word, not nothing).
    let mut started = false;
    let mut chars = line.chars().peekable();
    while let Some(c) = chars.next() {
        match c {
            '\'' => {
                started = true;
                loop {
                    match chars.next() {
                        Some('\'') => break,
                        Some(c) => word.push(c),
                        None => return Err("unexpected EOF while looking for matching `''".into()),
                    }
                }
            }
            '"' => {
                started = true;
                loop {
                    match chars.next() {
                        Some('"') => break,
                        Some('\\') => match chars.next() {
                            Some(c @ ('"' | '\\' | '$' | '`')) => word.push(c),
                            Some('\n') => {}
                            Some(c) => {
                                word.push('\\');
                                word.push(c);
                            }
                            None => {
                                return Err("unexpected EOF while looking for matching `\"'".into())
                            }
                        },
                        Some(c) => word.push(c),
                        None => return Err("unexpected EOF while looking for matching `\"'".into()),
                    }
                }
            }
            '\\' => match chars.next() {
                Some('\n') | None => {}
                Some(c) => {
                    started = true;
                    word.push(c);
                }
            },
            '|' => {
                end_word(&mut commands, &mut word, &mut started);
                if commands.last().is_some_and(Vec::is_empty) {
                    return Err("syntax error near unexpected token `|'".into());
                }
                commands.push(Vec::new());
            }
            c if c.is_whitespace() => end_word(&mut commands, &mut word, &mut started),
            c => {
                started = true;
                word.push(c);
            }
        }
    }
    end_word(&mut commands, &mut word, &mut started);
    if commands.len() > 1 && commands.last().is_some_and(Vec::is_empty) {
        return Err("syntax error: a pipe `|' with no command after it".into());
    }
    Ok(commands)
}

fn end_word(commands: &mut [Vec<String>], word: &mut String, started: &mut bool) {
    if *started {
        if let Some(last) = commands.last_mut() {
            last.push(std::mem::take(word));
        }
        *started = false;
    }
}

/// Whether a line ends in an unquoted backslash, so the command goes on on the next line.
pub fn continues(line: &str) -> bool {
    let trailing = line.chars().rev().take_while(|&c| c == '\\').count();
    trailing % 2 == 1
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(line: &str) -> Vec<Vec<String>> {
        pipeline(line).unwrap()
    }

    #[test]
    fn quotes_escapes_and_pipes() {
        assert_eq!(
            words(r#"kubectl patch service nginx -p '{ "spec": {"type": "NodePort"} }'"#),
            [vec![
                "kubectl",
                "patch",
                "service",
                "nginx",
                "-p",
                r#"{ "spec": {"type": "NodePort"} }"#
            ]]
        );
        assert_eq!(
            words("kubectl describe node minikube | grep InternalIP:"),
            [
                vec!["kubectl", "describe", "node", "minikube"],
                vec!["grep", "InternalIP:"]
            ]
        );
        assert_eq!(
            words(r#"a "b \"c\"" d\ e ''"#),
            [vec!["a", "b \"c\"", "d e", ""]]
        );
        assert_eq!(words("run x \\\n -l a=b"), [vec!["run", "x", "-l", "a=b"]]);
        assert_eq!(words("   "), [Vec::<String>::new()]);
    }

    #[test]
    fn unbalanced_quotes_and_empty_pipes_are_errors() {
        assert!(pipeline("echo 'a").is_err());
        assert!(pipeline("echo \"a").is_err());
        assert!(pipeline("| grep a").is_err());
        assert!(pipeline("get pods |").is_err());
    }

    #[test]
    fn continuation() {
        assert!(continues("kubectl run x \\"));
        assert!(!continues("echo a\\\\"));
        assert!(!continues("echo a"));
    }
}
