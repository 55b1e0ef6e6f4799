//! A simulated `kubectl` over the manifest text, for the page's console: the commands of the
//! reference document, with kubectl's defaults and output, and the few shell commands it uses
//! to reach a Service (`wget`, `curl`). Plain data in, plain data out, no web dependency.
//!
//! The text stays the one source of truth: a command that creates or changes an object returns
//! a new text (one document added or edited, every other byte kept); a command that reads
//! prints from the model; what only a cluster could know (addresses, pod names, ages) comes
//! from `sim`, stable for a given text. Verdicts come from the analysis, never from here.
//!
//! `Console` is the one way in: the page's console and `reachmap kubectl` both drive one.

mod args;
mod complete;
mod console;
mod ctx;
mod describe;
mod dispatch;
pub mod files;
mod filter;
mod get;
mod kinds;
mod line;
mod mutate;
mod net;
mod objects;
mod outcome;
pub mod reach;
mod resources;
mod selector;
mod session;
mod shell_words;
mod sim;
mod tabwriter;

pub use console::{Completion, Console};
pub(crate) use ctx::Ctx;
pub use outcome::{Outcome, Tried};
pub use session::{Forward, Session, Shell};
