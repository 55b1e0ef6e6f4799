//! `reachmap`: the command-line face of the core. Glue only: reading files, parsing arguments,
//! choosing an output; every answer comes from the library, as it does in the page.

use clap::{Parser, Subcommand, ValueEnum};
use files::{load, read_all, read_text, version_files, within_limit};
use reachmap_core::analysis::{self, Probe};
use reachmap_core::report;
use reachmap_core::scene;
use reachmap_core::{Input, ParseOptions, Severity};
use std::io::Write;
use std::process::ExitCode;

mod files;

const EXAMPLES: &str = "\
Examples:
  reachmap probe --ports TCP/80,UDP/53 manifests.yaml
  reachmap explain policies.yaml pods.yaml --from default/coffeeshop --to default/payment-processor --port TCP/80
  reachmap explain all.yaml --from outside --to default/nginx:80
  reachmap services manifests.yaml
  reachmap diff main/ pr/ --format md
  reachmap render --view policies --focus default/coffeeshop all.yaml -o policies.svg
  reachmap kubectl -m cluster.yaml --write -c 'kubectl run nginx --image=nginx --port=80 --expose'
  kubectl get pods,svc,netpol -A -o yaml | reachmap check -";

/// See which pods each Kubernetes Service reaches and which traffic NetworkPolicies allow,
/// from manifests alone, without a cluster.
#[derive(Parser)]
#[command(name = "reachmap", version, after_help = EXAMPLES)]
struct Cli {
    #[command(subcommand)]
    command: Command,
    /// The most bytes of manifests read in all (default 1 GiB); an input that would pass it is
    /// refused whole, with a `limit` error.
    #[arg(long, global = true, value_name = "N", default_value_t = reachmap_core::yaml::limits::MAX_INPUT_BYTES)]
    max_input_bytes: usize,
}

#[derive(Subcommand)]
enum Command {
    /// The verdict of every ordered pair of pod endpoints, for each protocol/port probe.
    #[command(after_help = "\
Endpoints are `namespace/name` for a bare Pod and `namespace/name[Kind]` for a workload's pods.
Format tsv is a stable contract: `from<TAB>to<TAB>probe<TAB>verdict` per line, sorted bytewise.

Examples:
  reachmap probe manifests.yaml
  reachmap probe --ports TCP/80,TCP/8080,UDP/53 --format table a.yaml b.yaml
  reachmap probe --format summary big-cluster.yaml")]
    Probe {
        /// Comma-separated probes, as PROTOCOL/PORT.
        #[arg(long, value_delimiter = ',', default_value = "TCP/80")]
        ports: Vec<Probe>,
        #[arg(long, value_enum, default_value_t = ProbeFormat::Tsv)]
        format: ProbeFormat,
        /// Manifest files (YAML or JSON); `-` reads standard input.
        #[arg(required = true)]
        files: Vec<String>,
    },
    /// Explain the verdict for one flow: the policies isolating each side and the rule that
    /// admits it, or the fact that none does.
    #[command(after_help = "\
--from and --to take `namespace/name`, `namespace/name[Kind]`, an IP address, or `outside`.
--to also takes a Service port, `namespace/service:port` (by number or name): the flow is then
evaluated to each backend pod on its resolved targetPort, as the cluster delivers it.

Examples:
  reachmap explain all.yaml --from default/coffeeshop --to default/payment-processor --port TCP/80
  reachmap explain all.yaml --from default/frontend[Deployment] --to default/backend:http
  reachmap explain all.yaml --from 203.0.113.9 --to default/web[Deployment] --port 443")]
    Explain {
        #[arg(long)]
        from: String,
        #[arg(long)]
        to: String,
        /// PROTOCOL/PORT (or a bare port number: TCP); not needed when --to is a Service port.
        #[arg(long)]
        port: Option<String>,
        #[arg(required = true)]
        files: Vec<String>,
    },
    /// Draw a diagram as a standalone SVG file, the same bytes the page exports: the Services
    /// view (how each Service is reached, the pods it selects, port → targetPort) or the
    /// Policies view (pods by namespace, isolation, the flows policies admit).
    #[command(after_help = "\
--focus takes an endpoint (`namespace/name`, `namespace/name[Kind]`, `outside`) or, in the
Services view, a Service (`svc:namespace/name`): its flows or Services are shown, the rest dimmed.
--from/--to/--port highlight one flow, as `explain` takes it (through the Service when --to is
`namespace/service:port`). --ports chooses the port the Policies view's verdicts are about.
Above a size the Policies view starts folded per namespace, each arrow counting its flows:
--expand opens namespaces, --level workload (or pod, or namespace) chooses for the whole view.
--show-denied adds a focus's denied flows.
--diff OLD draws the Policies view of FILE… with what changed since OLD (a file, a directory or
`-`): flows opened and closed in their own styles, unchanged ones dimmed, the counts above, the
same changes `reachmap diff OLD FILE…` lists.

Examples:
  reachmap render all.yaml -o services.svg
  reachmap render --view policies all.yaml -o policies.svg
  reachmap render --view policies --focus default/coffeeshop all.yaml -o coffeeshop.svg
  reachmap render --view policies --from default/frontend --to default/backend:http all.yaml
  reachmap render --view policies --ports TCP/8080 --collapse kube-system --namespace prod,kube-system all.yaml
  reachmap render --view policies --expand shop-0 dump.yaml
  reachmap render --view policies --focus shop-0/frontend[Deployment] --show-denied dump.yaml
  reachmap render --diff main/deploy pr/deploy/*.yaml -o changes.svg")]
    Render {
        #[arg(long, value_enum, default_value_t = ViewArg::Services)]
        view: ViewArg,
        /// An endpoint (or `svc:namespace/name`) whose flows or Services to show.
        #[arg(long)]
        focus: Option<String>,
        /// The source of a flow to highlight.
        #[arg(long, requires = "to")]
        from: Option<String>,
        /// The destination of a flow to highlight: an endpoint or `namespace/service:port`.
        #[arg(long, requires = "from")]
        to: Option<String>,
        /// The flow's PROTOCOL/PORT; not needed when --to is a Service port.
        #[arg(long, requires = "from")]
        port: Option<String>,
        /// The port the Policies view is about: `any` or PROTOCOL/PORT.
        #[arg(long, default_value = "any")]
        ports: String,
        /// Namespaces to draw as one box each (repeat or separate with commas).
        #[arg(long, value_delimiter = ',')]
        collapse: Vec<String>,
        /// How finely the Policies view draws: `namespace`, `workload` or `pod`; by default
        /// it starts per namespace above a size.
        #[arg(long)]
        level: Option<String>,
        /// Namespaces to draw open at the namespace level (repeat or separate with commas).
        #[arg(long, value_delimiter = ',')]
        expand: Vec<String>,
        /// With --focus, also draw the flows denied from and to it (dashed, ✗).
        #[arg(long)]
        show_denied: bool,
        /// Draw what changed since this version (a file, a directory or `-`): the Policies
        /// view of FILE… with opened and closed flows marked.
        #[arg(long, value_name = "OLD", conflicts_with_all = ["focus", "from", "show_denied"])]
        diff: Option<String>,
        /// Only these namespaces (repeat or separate with commas).
        #[arg(long, value_delimiter = ',')]
        namespace: Vec<String>,
        /// Where to write the SVG; standard output when absent.
        #[arg(short, long)]
        output: Option<String>,
        #[arg(required = true)]
        files: Vec<String>,
    },
    /// The flows whose verdict differs between two versions of the manifests, each with the
    /// rule that decided it before and after; exits with 0 when none does, 1 when some do.
    #[command(after_help = "\
OLD and NEW are each a file, a directory (every .yaml, .yml and .json under it, in path order)
or `-` (standard input, for one of them). Endpoints are matched by name (`namespace/name`,
`namespace/name[Kind]`, `outside`); Service rows are `namespace/service:port`.
Format tsv is a stable contract: `from<TAB>to<TAB>probe<TAB>before<TAB>after<TAB>cause` per
line, sorted bytewise; before/after are allowed, denied, depends or absent.
Exit status: 0 no flow changed, 1 some did, 2 the command could not run.

Examples:
  reachmap diff before.yaml after.yaml
  reachmap diff main/deploy pr/deploy --format md > comment.md
  git show main:all.yaml | reachmap diff - all.yaml --ports TCP/80,UDP/53 --format tsv")]
    Diff {
        old: String,
        new: String,
        /// `any` (every port, exactly) or comma-separated PROTOCOL/PORT probes.
        #[arg(long, default_value = "any")]
        ports: String,
        #[arg(long, value_enum, default_value_t = DiffFormat::Text)]
        format: DiffFormat,
    },
    /// Per Service: type, ports resolved on each selected pod, how it is reached, findings.
    #[command(
        after_help = "Examples:\n  reachmap services manifests.yaml\n  reachmap services --format json manifests.yaml"
    )]
    Services {
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
        #[arg(required = true)]
        files: Vec<String>,
    },
    /// The page's console: a simulated kubectl (and wget/curl) over a manifest file, one
    /// command per line, from -c or standard input; exits with 1 when a command failed.
    #[command(after_help = "\
Commands that create or change objects edit the manifests (written back with --write); get and
describe print from them; addresses, pod names and ages are simulated, stable for a given text.
`-f NAME` reads the files given with --file and the reference examples bundled with Reachmap.

Examples:
  reachmap kubectl -m cluster.yaml -c 'kubectl get pods -o wide'
  reachmap kubectl -m cluster.yaml --write -c 'kubectl create -f networkpolicy-api-allow.yaml'
  reachmap kubectl --transcript < session.txt")]
    Kubectl {
        /// The manifests the commands work on (an absent file is an empty cluster).
        #[arg(long, short = 'm')]
        manifests: Option<String>,
        /// A command line to run; repeat for several. Without any, lines come from stdin.
        #[arg(long = "command", short = 'c')]
        commands: Vec<String>,
        /// Write the manifests back to the --manifests file after the commands.
        #[arg(long, requires = "manifests")]
        write: bool,
        /// Print each command after a prompt before its output, like a terminal.
        #[arg(long)]
        transcript: bool,
        /// A file `-f NAME` may name, besides the bundled examples; repeat for several.
        #[arg(long = "file")]
        files: Vec<String>,
    },
    /// Diagnostics and findings; exits with 1 when there is an error.
    #[command(
        after_help = "Examples:\n  reachmap check manifests.yaml\n  reachmap check --format json - < manifests.yaml"
    )]
    Check {
        #[arg(long, value_enum, default_value_t = TextOrJson::Text)]
        format: TextOrJson,
        #[arg(required = true)]
        files: Vec<String>,
    },
}

#[derive(Clone, Copy, ValueEnum)]
enum ProbeFormat {
    Tsv,
    Table,
    Json,
    Summary,
}

#[derive(Clone, Copy, ValueEnum)]
enum DiffFormat {
    Text,
    Tsv,
    Md,
    Json,
}

#[derive(Clone, Copy, ValueEnum)]
enum ViewArg {
    Services,
    Policies,
}

/// The format of `services` and `check`.
#[derive(Clone, Copy, ValueEnum)]
enum TextOrJson {
    Text,
    Json,
}

/// Why a command could not run; printed to stderr, exit status 2.
struct Failure(String);

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => code,
        Err(Failure(message)) => {
            eprintln!("reachmap: error: {message}");
            ExitCode::from(2)
        }
    }
}

fn run(cli: Cli) -> Result<ExitCode, Failure> {
    let out;
    let options = ParseOptions {
        max_input_bytes: cli.max_input_bytes,
    };
    let load = |files: &[String]| load(files, &options);
    let code = match cli.command {
        Command::Probe {
            ports,
            format,
            files,
        } => {
            let analysis = load(&files)?;
            let model = analysis.model();
            let m = analysis::matrix(model, &ports);
            out = match format {
                ProbeFormat::Tsv => report::probe_tsv(model, &m),
                ProbeFormat::Table => report::probe_table(model, &m),
                ProbeFormat::Json => report::probe_json(model, &m),
                ProbeFormat::Summary => report::probe_summary(model, &m),
            };
            ExitCode::SUCCESS
        }
        Command::Explain {
            from,
            to,
            port,
            files,
        } => {
            let analysis = load(&files)?;
            let model = analysis.model();
            let query = analysis::FlowQuery::parse(model, &from, &to, port.as_deref())
                .map_err(|e| Failure(e.to_string()))?;
            out = report::answer_text(model, &analysis.answer(&query));
            ExitCode::SUCCESS
        }
        Command::Render {
            view,
            focus,
            from,
            to,
            port,
            ports,
            collapse,
            level,
            expand,
            show_denied,
            diff,
            namespace,
            output,
            files,
        } => {
            let analysis = load(&files)?;
            let model = analysis.model();
            let ports = analysis::PortChoice::parse(&ports)
                .map_err(|e| Failure(format!("--ports: {e}")))?;
            let level = level
                .map(|l| scene::Level::parse(&l).map_err(|e| Failure(format!("--level: {e}"))))
                .transpose()?;
            if let Some(f) = &focus {
                check_focus(model, f)?;
            }
            let flow = match (&from, &to) {
                (Some(from), Some(to)) => Some(
                    analysis::FlowQuery::parse(model, from, to, port.as_deref())
                        .map_err(|e| Failure(e.to_string()))?,
                ),
                _ => None,
            };
            let options = scene::SceneOptions {
                view: match view {
                    ViewArg::Services => scene::View::Services,
                    ViewArg::Policies => scene::View::Policies,
                },
                focus,
                flow,
                ports,
                collapsed: collapse.into_iter().collect(),
                level,
                expand: expand.into_iter().collect(),
                show_denied,
                namespaces: if namespace.is_empty() {
                    None
                } else {
                    Some(namespace.into_iter().collect())
                },
            };
            let drawn = match &diff {
                Some(old) => scene::build_diff(load(&version_files(old)?)?, analysis, &options),
                None => scene::build(analysis, &options),
            };
            let svg = reachmap_core::svg::render(&drawn);
            match output {
                Some(path) => {
                    std::fs::write(&path, svg).map_err(|e| Failure(format!("{path}: {e}")))?;
                    out = String::new();
                }
                None => out = svg,
            }
            ExitCode::SUCCESS
        }
        Command::Diff {
            old,
            new,
            ports,
            format,
        } => {
            if old == "-" && new == "-" {
                return Err(Failure("only one of OLD and NEW can be `-`".into()));
            }
            let ports = diff_ports(&ports)?;
            let before = load(&version_files(&old)?)?;
            let after = load(&version_files(&new)?)?;
            let d = analysis::diff(before, after, &ports);
            let any = ports == analysis::DiffPorts::Any;
            out = match format {
                DiffFormat::Text => report::diff_text(&d, any),
                DiffFormat::Tsv => report::diff_tsv(&d),
                DiffFormat::Md => report::diff_md(&d, any),
                DiffFormat::Json => report::diff_json(&d, any),
            };
            if d.is_empty() {
                ExitCode::SUCCESS
            } else {
                ExitCode::from(1)
            }
        }
        Command::Services { format, files } => {
            let analysis = load(&files)?;
            let (model, reports) = (analysis.model(), &analysis.reports);
            out = match format {
                TextOrJson::Text => report::services_text(model, reports),
                TextOrJson::Json => report::services_json(&analysis.parsed.sources, model, reports),
            };
            ExitCode::SUCCESS
        }
        Command::Kubectl {
            manifests,
            commands,
            write,
            transcript,
            files,
        } => {
            let mut text = match &manifests {
                Some(path) if std::path::Path::new(path).exists() => {
                    within_limit(path, read_text(path)?, &options)?
                }
                _ => String::new(),
            };
            let mut inputs = Vec::new();
            for name in &files {
                let base = std::path::Path::new(name)
                    .file_name()
                    .map_or(name.clone(), |b| b.to_string_lossy().into_owned());
                inputs.push(Input {
                    name: base,
                    text: within_limit(name, read_text(name)?, &options)?,
                });
            }
            inputs.extend(reachmap_kubectl::files::bundled());
            let lines = if commands.is_empty() {
                read_text("-")?.lines().map(str::to_string).collect()
            } else {
                commands
            };
            let (transcript_text, failed) = run_console(&mut text, &lines, &inputs, transcript);
            out = transcript_text;
            if write {
                if let Some(path) = &manifests {
                    std::fs::write(path, &text).map_err(|e| Failure(format!("{path}: {e}")))?;
                }
            }
            if failed {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
        Command::Check { format, files } => {
            let analysis = read_all(&files, &options)?;
            let all = &analysis::check_diagnostics(analysis);
            let sources = &analysis.parsed.sources;
            out = match format {
                TextOrJson::Text => format!(
                    "{}{}\n",
                    report::diagnostics_text(sources, all),
                    report::diagnostics_summary(all)
                ),
                TextOrJson::Json => report::diagnostics_json(sources, all),
            };
            if all.iter().any(|d| d.severity == Severity::Error) {
                ExitCode::from(1)
            } else {
                ExitCode::SUCCESS
            }
        }
    };
    let mut stdout = std::io::stdout().lock();
    // A closed pipe (`| head`) is not an error worth a message.
    let _ = stdout
        .write_all(out.as_bytes())
        .and_then(|_| stdout.flush());
    Ok(code)
}

/// `any`, or probes separated by commas.
fn diff_ports(text: &str) -> Result<analysis::DiffPorts, Failure> {
    if text.eq_ignore_ascii_case("any") {
        return Ok(analysis::DiffPorts::Any);
    }
    text.split(',')
        .map(|p| p.trim().parse::<Probe>())
        .collect::<Result<Vec<_>, _>>()
        .map(analysis::DiffPorts::Probes)
        .map_err(|e| Failure(format!("--ports: {e}")))
}

/// Runs console lines in order on `text` (a line ending in `\` goes on on the next), as the
/// page's console does; returns what they printed and whether any failed.
fn run_console(text: &mut String, lines: &[String], files: &[Input], echo: bool) -> (String, bool) {
    let mut console = reachmap_kubectl::Console::new(std::mem::take(text), files.to_vec());
    let mut out = String::new();
    let mut failed = false;
    for line in lines {
        let Some(command) = console.enter(line) else {
            continue;
        };
        if echo {
            out.push_str(console.session().prompt());
            out.push_str(&command);
            out.push('\n');
        }
        let outcome = console.run(&command);
        out.push_str(&outcome.output);
        if !outcome.output.is_empty() && !outcome.output.ends_with('\n') {
            out.push('\n');
        }
        failed |= !outcome.ok;
    }
    *text = console.text().to_string();
    (out, failed)
}

/// A focus names an endpoint or, with `svc:`, a Service; anything else is a mistake to report
/// rather than a diagram silently drawn without focus.
fn check_focus(model: &reachmap_core::model::Model, focus: &str) -> Result<(), Failure> {
    if let Some(key) = focus.strip_prefix("svc:") {
        if model.services.iter().any(|s| s.key() == key) {
            return Ok(());
        }
        return Err(Failure(format!(
            "--focus: no Service is named `{key}`; write `svc:namespace/name`"
        )));
    }
    analysis::Endpoint::parse(model, focus)
        .map(|_| ())
        .map_err(|e| Failure(format!("--focus: {e}")))
}
