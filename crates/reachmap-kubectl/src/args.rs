//! Flags as kubectl (cobra/pflag) reads them: `--name=value`, `--name value`, `-n value`,
//! `-nvalue`, grouped boolean shorthands (`-it`), and `--` before a container's command.

use std::collections::BTreeMap;

/// One flag a command takes.
#[derive(Clone, Copy, Debug)]
pub struct Flag {
    pub long: &'static str,
    pub short: Option<char>,
    /// Takes a value (else a boolean, which may be written `--flag=false`).
    pub value: bool,
}

impl Flag {
    pub const fn value(long: &'static str) -> Flag {
        Flag {
            long,
            short: None,
            value: true,
        }
    }
    pub const fn boolean(long: &'static str) -> Flag {
        Flag {
            long,
            short: None,
            value: false,
        }
    }
    pub const fn short(self, c: char) -> Flag {
        Flag {
            short: Some(c),
            ..self
        }
    }
}

/// The flags every kubectl command takes here.
pub const GLOBAL: &[Flag] = &[
    Flag::value("namespace").short('n'),
    Flag::boolean("all-namespaces").short('A'),
];

/// A command's words, read.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Args {
    pub positional: Vec<String>,
    /// Each flag's values by long name, in the order given (a boolean's value is `true` or
    /// what followed its `=`).
    pub flags: BTreeMap<&'static str, Vec<String>>,
    /// The words after `--`: a container's command.
    pub command: Vec<String>,
}

impl Args {
    /// Reads `words` against the flags a command takes (plus `GLOBAL`). The error is kubectl's.
    pub fn parse(words: &[String], known: &[Flag]) -> Result<Args, String> {
        let find_long = |name: &str| known.iter().chain(GLOBAL).find(|f| f.long == name).copied();
        let find_short = |c: char| {
            known
                .iter()
                .chain(GLOBAL)
                .find(|f| f.short == Some(c))
                .copied()
        };
        let mut args = Args::default();
        let mut i = 0;
        while i < words.len() {
            let w = &words[i];
            i += 1;
            if w == "--" {
                args.command = words[i..].to_vec();
                break;
            }
            if let Some(rest) = w.strip_prefix("--") {
                let (name, inline) = match rest.split_once('=') {
                    Some((n, v)) => (n, Some(v.to_string())),
                    None => (rest, None),
                };
                let flag =
                    find_long(name).ok_or_else(|| format!("error: unknown flag: --{name}"))?;
                let value = if flag.value {
                    match inline {
                        Some(v) => v,
                        None if i < words.len() => {
                            i += 1;
                            words[i - 1].clone()
                        }
                        None => return Err(format!("error: flag needs an argument: --{name}")),
                    }
                } else {
                    inline.unwrap_or_else(|| "true".into())
                };
                args.flags.entry(flag.long).or_default().push(value);
            } else if w.len() > 1 && w.starts_with('-') {
                let shorts: Vec<char> = w[1..].chars().collect();
                let mut j = 0;
                while j < shorts.len() {
                    let c = shorts[j];
                    let flag = find_short(c)
                        .ok_or_else(|| format!("error: unknown shorthand flag: '{c}' in {w}"))?;
                    if flag.value {
                        let attached: String = shorts[j + 1..].iter().collect();
                        let attached = attached
                            .strip_prefix('=')
                            .map(str::to_string)
                            .unwrap_or(attached);
                        let value = if !attached.is_empty() {
                            attached
                        } else if i < words.len() {
                            i += 1;
                            words[i - 1].clone()
                        } else {
                            return Err(format!("error: flag needs an argument: '{c}' in -{c}"));
                        };
                        args.flags.entry(flag.long).or_default().push(value);
                        break;
                    }
                    args.flags.entry(flag.long).or_default().push("true".into());
                    j += 1;
                }
            } else {
                args.positional.push(w.clone());
            }
        }
        Ok(args)
    }

    /// The last value of a flag.
    pub fn get(&self, long: &str) -> Option<&str> {
        self.flags
            .get(long)
            .and_then(|v| v.last())
            .map(String::as_str)
    }

    /// Every value of a flag given several times.
    pub fn all(&self, long: &str) -> &[String] {
        self.flags.get(long).map(Vec::as_slice).unwrap_or(&[])
    }

    /// A boolean flag: given without a value or as `=true`.
    pub fn on(&self, long: &str) -> bool {
        self.get(long).is_some_and(|v| v == "true")
    }

    /// The namespace the command works in: `-n`, else `default`.
    pub fn namespace(&self) -> &str {
        self.get("namespace")
            .unwrap_or(reachmap_core::model::DEFAULT_NAMESPACE)
    }

    /// `-A` / `--all-namespaces`.
    pub fn all_namespaces(&self) -> bool {
        self.on("all-namespaces")
    }
}

/// Reads a command's words (`path` is how kubectl names the command: `kubectl get`,
/// `kubectl create service clusterip`); a flag error as kubectl prints it, with its help hint.
pub fn parse_command(words: &[String], known: &[Flag], path: &str) -> Result<Args, String> {
    Args::parse(words, known).map_err(|e| format!("{e}\nSee '{path} --help' for usage."))
}

/// A usage error as kubectl prints it.
pub fn usage(message: &str, path: &str) -> String {
    format!("error: {message}\nSee '{path} -h' for help and examples")
}

/// kubectl's error for a flag value that is not an integer (`shown`: the flag as written).
pub fn not_an_integer(shown: &str, value: &str, path: &str) -> String {
    format!(
        "error: invalid argument \"{value}\" for \"{shown}\" flag: strconv.ParseInt: parsing \"{value}\": invalid syntax\nSee '{path} --help' for usage."
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn words(s: &str) -> Vec<String> {
        s.split_whitespace().map(str::to_string).collect()
    }

    const RUN: &[Flag] = &[
        Flag::value("image"),
        Flag::value("restart"),
        Flag::value("port"),
        Flag::boolean("expose"),
        Flag::value("labels").short('l'),
        Flag::boolean("stdin").short('i'),
        Flag::boolean("tty").short('t'),
    ];

    #[test]
    fn reads_kubectl_flags() {
        let a = Args::parse(
            &words("nginx --image=nginx --restart Never -l app=a,role=b --expose -it -nprod -- /bin/sh -c x"),
            RUN,
        )
        .unwrap();
        assert_eq!(a.positional, ["nginx"]);
        assert_eq!(a.get("image"), Some("nginx"));
        assert_eq!(a.get("restart"), Some("Never"));
        assert_eq!(a.get("labels"), Some("app=a,role=b"));
        assert!(a.on("expose") && a.on("stdin") && a.on("tty"));
        assert_eq!(a.namespace(), "prod");
        assert_eq!(a.command, ["/bin/sh", "-c", "x"]);
        assert!(!Args::parse(&words("x --expose=false"), RUN)
            .unwrap()
            .on("expose"));
    }

    #[test]
    fn unknown_flags_are_kubectls_errors() {
        assert_eq!(
            Args::parse(&words("x --imag=nginx"), RUN).unwrap_err(),
            "error: unknown flag: --imag"
        );
        assert_eq!(
            Args::parse(&words("x -z"), RUN).unwrap_err(),
            "error: unknown shorthand flag: 'z' in -z"
        );
        assert_eq!(
            Args::parse(&words("x --image"), RUN).unwrap_err(),
            "error: flag needs an argument: --image"
        );
    }
}
