//! Reading the manifests a command names: files, directories of a version, standard input,
//! as text within `--max-input-bytes`, analysed together; their diagnostics to stderr.

use crate::Failure;
use reachmap_core::analysis::Analysis;
use reachmap_core::report;
use reachmap_core::{Input, ParseOptions, Severity};
use std::io::{Read, Write};

/// The files of one version: `-`, a file, or every `.yaml`, `.yml` and `.json` file under a
/// directory, in path order (as a checkout holds them).
pub fn version_files(path: &str) -> Result<Vec<String>, Failure> {
    if path == "-" || !std::path::Path::new(path).is_dir() {
        return Ok(vec![path.to_string()]);
    }
    let mut found = Vec::new();
    let mut pending = vec![std::path::PathBuf::from(path)];
    while let Some(dir) = pending.pop() {
        let entries =
            std::fs::read_dir(&dir).map_err(|e| Failure(format!("{}: {e}", dir.display())))?;
        for entry in entries {
            let entry = entry.map_err(|e| Failure(format!("{}: {e}", dir.display())))?;
            let p = entry.path();
            if p.is_dir() {
                pending.push(p);
            } else if p
                .extension()
                .and_then(|e| e.to_str())
                .is_some_and(|e| matches!(e, "yaml" | "yml" | "json"))
            {
                found.push(p.to_string_lossy().into_owned());
            }
        }
    }
    found.sort();
    Ok(found)
}

/// Reads every file (`-` is standard input) and analyses them together. The analysis lives as
/// long as the process: freeing a large cluster's values one by one would take a tenth of the
/// run, and the system takes the memory back at once when the command ends.
pub fn read_all(files: &[String], options: &ParseOptions) -> Result<&'static Analysis, Failure> {
    let mut inputs = Vec::new();
    for name in files {
        inputs.push(Input {
            name: name.clone(),
            text: read_text(name)?,
        });
    }
    Ok(Box::leak(Box::new(Analysis::of_inputs_with(
        &inputs, options,
    ))))
}

/// `read_all` for a command whose standard output is an answer: the parser's errors and
/// warnings go to standard error.
pub fn load(files: &[String], options: &ParseOptions) -> Result<&'static Analysis, Failure> {
    let analysis = read_all(files, options)?;
    warn(analysis);
    Ok(analysis)
}

/// One file's text (`-` is standard input); not text (not UTF-8, or a NUL) is an error at its
/// line and column.
pub fn read_text(name: &str) -> Result<String, Failure> {
    let mut bytes = Vec::new();
    let read = if name == "-" {
        std::io::stdin().read_to_end(&mut bytes).map(|_| ())
    } else {
        std::fs::File::open(name).and_then(|mut f| f.read_to_end(&mut bytes).map(|_| ()))
    };
    read.map_err(|e| Failure(format!("{name}: {e}")))?;
    match reachmap_core::text::text_of(&bytes) {
        // Checked as text: the bytes become the string without a copy (a dump is large).
        Ok(_) => String::from_utf8(bytes).map_err(|e| Failure(format!("{name}: {e}"))),
        Err(e) => Err(Failure(format!(
            "{name}:{}:{}: not a text file: {e}",
            e.line, e.column
        ))),
    }
}

/// A file the console reads, refused when it is larger than `--max-input-bytes`: the console
/// edits its text, so it reads all of it or nothing.
pub fn within_limit(name: &str, text: String, options: &ParseOptions) -> Result<String, Failure> {
    if text.len() > options.max_input_bytes {
        return Err(Failure(format!(
            "{name}: {} bytes of manifests is more than --max-input-bytes ({})",
            text.len(),
            options.max_input_bytes
        )));
    }
    Ok(text)
}

/// Errors and warnings go to stderr, so stdout stays the answer alone.
fn warn(analysis: &Analysis) {
    let parsed = &analysis.parsed;
    let mut stderr = std::io::stderr().lock();
    for d in parsed
        .diagnostics
        .iter()
        .filter(|d| d.severity >= Severity::Warning)
    {
        let _ = writeln!(stderr, "{}", report::format_diagnostic(&parsed.sources, d));
    }
}
