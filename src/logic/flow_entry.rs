//! Typing a flow's port or address in the flow picker: what a typed word means (read by the
//! core's own parsers, so the page takes exactly what `reachmap explain` takes), and how the
//! port list labels each port it offers. The labels need the model: the analysis worker makes
//! them (`Choices::of` → `choices::probe_label`), and the page lists them (`port_list`) from `Choices`.

use super::choices::Choices;
use super::flow::FlowWords;
use reachmap_core::analysis::{Endpoint, Probe};
use reachmap_core::model::Model;

/// A typed port: the probe's words (`8080` reads as `TCP/8080`), empty for "the default", or
/// why it is not a port.
pub fn typed_port(text: &str) -> Result<String, String> {
    let text = text.trim();
    if text.is_empty() {
        return Ok(String::new());
    }
    text.parse::<Probe>().map(|p| p.to_string())
}

/// A typed address: an IP address as the core reads it, or why it is not one. Reading an
/// address needs no model (the page's thread has none): the empty one stands in.
pub fn typed_address(text: &str) -> Result<String, String> {
    let text = text.trim();
    match Endpoint::parse(&Model::default(), text) {
        Ok(Endpoint::Outside(Some(ip))) => Ok(ip.to_string()),
        _ => Err(format!(
            "`{text}` is not an IP address (for example 10.0.0.7 or fd00::7)"
        )),
    }
}

/// Whether a flow word is a typed address rather than a listed choice.
pub fn is_address(word: &str) -> bool {
    word.parse::<std::net::IpAddr>().is_ok()
}

/// The ports the port list offers, each `(words, label)`, the one the answer uses first:
/// the chosen port, or the destination's default when none is.
pub fn port_list(choices: &Choices, words: &FlowWords) -> Vec<(String, String)> {
    let shown = if words.port.is_empty() {
        choices.default_port(&words.to)
    } else {
        words.port.clone()
    };
    let mut list = vec![(shown.clone(), choices.probe_label(&shown))];
    for (p, label) in choices.probes.iter().zip(&choices.probe_labels) {
        let word = p.to_string();
        if word != shown {
            list.push((word, label.clone()));
        }
    }
    list
}

#[cfg(test)]
mod tests {
    use super::*;
    use reachmap_core::analysis::Analysis;

    fn analysis() -> Analysis {
        crate::logic::reference_example("port-allow")
    }

    #[test]
    fn a_typed_port_reads_as_the_cli_reads_it() {
        assert_eq!(typed_port(" 8080 "), Ok("TCP/8080".into()));
        assert_eq!(typed_port("udp/53"), Ok("UDP/53".into()));
        assert_eq!(typed_port(""), Ok(String::new()));
        assert_eq!(
            typed_port("70000").unwrap_err(),
            "`70000` is not a port number from 1 to 65535"
        );
        assert!(typed_port("ICMP/1").unwrap_err().contains("not a protocol"));
    }

    #[test]
    fn a_typed_address_is_an_ip_address_only() {
        assert_eq!(typed_address("10.0.0.7"), Ok("10.0.0.7".into()));
        assert_eq!(typed_address(" fd00::7 "), Ok("fd00::7".into()));
        for not in [
            "default/frontend",
            "outside",
            "10.0.0.300",
            "10.0.0.0/8",
            "",
        ] {
            let e = typed_address(not).unwrap_err();
            assert!(e.contains("is not an IP address"), "{not}: {e}");
        }
        assert!(is_address("10.0.0.7") && !is_address("outside"));
    }

    #[test]
    fn the_port_list_shows_each_probe_with_its_label() {
        let a = analysis();
        let model = a.model();
        let choices = Choices::of(model);
        let words = FlowWords {
            from: String::new(),
            to: "default/backend".into(),
            port: String::new(),
        };
        let list = port_list(&choices, &words);
        assert_eq!(
            list[0],
            ("TCP/8080".into(), "http on default/backend".into())
        );
        assert!(list.contains(&("UDP/1".into(), "another UDP port".into())));
        assert_eq!(list.iter().filter(|(w, _)| w == "TCP/8080").count(), 1);
        assert_eq!(list.len(), choices.probes.len());
        // A typed port that is no probe and that nobody declares, listed first, labelled as the worker would.
        let typed = FlowWords {
            port: "TCP/12345".into(),
            ..words
        };
        let list = port_list(&choices, &typed);
        assert_eq!(list[0], ("TCP/12345".into(), "another TCP port".into()));
        assert_eq!(list.len(), choices.probes.len() + 1);
        // The labels survive the trip from the worker.
        let sent = serde_json::to_string(&choices).unwrap();
        assert_eq!(serde_json::from_str::<Choices>(&sent).unwrap(), choices);
    }
}
