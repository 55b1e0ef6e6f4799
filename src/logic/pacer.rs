//! The page's side of its protocol with the analysis worker (`worker_bridge`): at most one
//! request in flight, and the newest state wins. Changes made while the worker works wait,
//! merged into one request sent when its answer comes, so the worker never works for a text
//! already stale; an answer older than the newest request is dropped, never drawn over a newer
//! state; a splice the worker cannot use is sent again as the whole text.

/// A request to send now: its generation, and whether it must carry the text (the text
/// changed since the last request sent).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Dispatch {
    pub generation: u64,
    pub with_text: bool,
}

/// The page's side of the protocol: at most one request in flight, the newest state wins.
#[derive(Clone, Debug)]
pub struct Pacer {
    /// The last generation made (sent or waiting).
    newest: u64,
    /// The request the worker is working on.
    in_flight: Option<u64>,
    /// Changes made while a request was in flight, not sent yet.
    waiting: bool,
    /// The text changed since the last request sent.
    text_changed: bool,
    /// The generation of the answer shown.
    shown: u64,
}

impl Default for Pacer {
    fn default() -> Pacer {
        Pacer::new()
    }
}

impl Pacer {
    /// Waiting for the worker to start: `ToPage::Ready` is the answer to generation 0, and
    /// the changes made meanwhile are sent then.
    pub fn new() -> Pacer {
        Pacer {
            newest: 0,
            in_flight: Some(0),
            waiting: false,
            text_changed: false,
            shown: 0,
        }
    }

    /// The text (`text_changed`) or the view changed: the request to send now, unless one is
    /// in flight (then the change waits for its answer).
    pub fn changed(&mut self, text_changed: bool) -> Option<Dispatch> {
        self.newest += 1;
        self.text_changed |= text_changed;
        if self.in_flight.is_some() {
            self.waiting = true;
            return None;
        }
        Some(self.dispatch())
    }

    fn dispatch(&mut self) -> Dispatch {
        let d = Dispatch {
            generation: self.newest,
            with_text: std::mem::take(&mut self.text_changed),
        };
        self.in_flight = Some(d.generation);
        self.waiting = false;
        d
    }

    /// The answer to request `generation` came: whether to show it (it answers the newest
    /// state), and the request to send next (the changes that waited).
    pub fn answered(&mut self, generation: u64) -> (bool, Option<Dispatch>) {
        if self.in_flight != Some(generation) {
            // Not the request in flight: a stray or repeated answer.
            return (false, None);
        }
        self.in_flight = None;
        let show = generation == self.newest;
        if show {
            self.shown = generation;
        }
        let next = self.waiting.then(|| self.dispatch());
        (show, next)
    }

    /// The worker could not use request `generation`'s splice: the request to send instead,
    /// with the whole text (`None` for a request not in flight).
    pub fn resend_text(&mut self, generation: u64) -> Option<Dispatch> {
        if self.in_flight != Some(generation) {
            return None;
        }
        self.text_changed = true;
        Some(self.dispatch())
    }

    /// Whether progress words of request `generation` are worth showing.
    pub fn is_current(&self, generation: u64) -> bool {
        self.in_flight == Some(generation)
    }

    /// The generation of the answer shown (a matrix cell's flow must be of that answer).
    pub fn shown(&self) -> u64 {
        self.shown
    }

    /// Something newer than the shown answer is being worked on or waits.
    pub fn busy(&self) -> bool {
        self.in_flight.is_some() || self.waiting
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A pacer whose worker has started.
    fn started() -> Pacer {
        let mut p = Pacer::new();
        assert_eq!(p.answered(0), (true, None));
        p
    }

    #[test]
    fn changes_before_the_worker_starts_are_sent_when_it_is_ready() {
        let mut p = Pacer::new();
        assert!(p.busy());
        assert_eq!(p.changed(true), None);
        assert_eq!(p.changed(false), None);
        assert_eq!(
            p.answered(0),
            (
                false,
                Some(Dispatch {
                    generation: 2,
                    with_text: true
                })
            )
        );
    }

    #[test]
    fn one_request_in_flight_and_changes_meanwhile_wait_merged() {
        let mut p = started();
        let first = p.changed(true).unwrap();
        assert_eq!(
            first,
            Dispatch {
                generation: 1,
                with_text: true
            }
        );
        assert!(p.busy() && p.is_current(1));
        // Three keystrokes and a click while the worker reads the first text.
        assert_eq!(p.changed(true), None);
        assert_eq!(p.changed(true), None);
        assert_eq!(p.changed(false), None);
        // The first answer is stale: dropped, and one request carries the newest state.
        let (show, next) = p.answered(1);
        assert!(!show);
        assert_eq!(
            next,
            Some(Dispatch {
                generation: 4,
                with_text: true
            })
        );
        assert_eq!(p.shown(), 0);
        assert!(!p.is_current(1) && p.is_current(4));
        let (show, next) = p.answered(4);
        assert!(show && next.is_none() && !p.busy());
        assert_eq!(p.shown(), 4);
    }

    #[test]
    fn a_view_change_alone_does_not_send_the_text_again() {
        let mut p = started();
        p.changed(true);
        p.answered(1);
        assert_eq!(
            p.changed(false),
            Some(Dispatch {
                generation: 2,
                with_text: false
            })
        );
        // An edit while the view's answer is under way: the text goes with the next request.
        assert_eq!(p.changed(true), None);
        assert_eq!(
            p.answered(2),
            (
                false,
                Some(Dispatch {
                    generation: 3,
                    with_text: true
                })
            )
        );
    }

    #[test]
    fn a_splice_the_worker_cannot_use_is_sent_again_as_the_whole_text() {
        let mut p = started();
        let d = p.changed(true).expect("sent");
        assert!(d.with_text);
        assert_eq!(p.changed(false), None, "waits");
        // The worker says the splice did not fit: the newest state goes, with the text.
        let again = p.resend_text(d.generation).expect("sent again");
        assert_eq!(
            (again.generation, again.with_text),
            (d.generation + 1, true)
        );
        assert!(p.busy());
        // Not for a request that is not in flight.
        assert_eq!(p.resend_text(d.generation), None);
        assert_eq!(p.answered(again.generation), (true, None));
        assert!(!p.busy());
    }

    #[test]
    fn stray_and_repeated_answers_are_dropped() {
        let mut p = started();
        assert_eq!(p.answered(1), (false, None));
        p.changed(true);
        assert_eq!(p.answered(7), (false, None));
        assert_eq!(p.answered(1), (true, None));
        assert_eq!(p.answered(1), (false, None));
        assert!(!p.is_current(1));
    }
}
