//! A probe: the protocol and port traffic is sent to, written `TCP/80`.

use crate::model::Protocol;
use serde::Serialize;
use std::fmt;
use std::str::FromStr;

/// Where traffic is sent: a protocol and a destination port, written `TCP/80` (`Display` and
/// `FromStr`).
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize)]
pub struct Probe {
    /// The transport protocol the policies' port entries are matched on.
    pub protocol: Protocol,
    /// The destination port, at the receiving pod (after any Service translation).
    pub port: u16,
}

impl Probe {
    /// The probe `protocol/port`.
    pub fn new(protocol: Protocol, port: u16) -> Probe {
        Probe { protocol, port }
    }

    /// `TCP/port`, the protocol a policy port defaults to.
    pub fn tcp(port: u16) -> Probe {
        Probe::new(Protocol::Tcp, port)
    }
}

impl fmt::Display for Probe {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}/{}", self.protocol, self.port)
    }
}

impl FromStr for Probe {
    type Err = String;

    /// Parses `TCP/80`, `udp/53` or a bare `80` (TCP).
    fn from_str(s: &str) -> Result<Probe, String> {
        let (protocol, port) = match s.split_once('/') {
            Some((p, n)) => (
                Protocol::parse(&p.to_ascii_uppercase())
                    .ok_or_else(|| format!("`{p}` is not a protocol: use TCP, UDP or SCTP"))?,
                n,
            ),
            None => (Protocol::Tcp, s),
        };
        let port: u16 = port
            .parse()
            .ok()
            .filter(|n| *n > 0)
            .ok_or_else(|| format!("`{port}` is not a port number from 1 to 65535"))?;
        Ok(Probe { protocol, port })
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn parses_and_prints() {
        assert_eq!("TCP/80".parse::<Probe>().unwrap(), Probe::tcp(80));
        assert_eq!(
            "udp/53".parse::<Probe>().unwrap(),
            Probe::new(Protocol::Udp, 53)
        );
        assert_eq!("8080".parse::<Probe>().unwrap(), Probe::tcp(8080));
        assert!("TCP/0".parse::<Probe>().is_err());
        assert!("ICMP/1".parse::<Probe>().is_err());
        assert!("TCP/70000".parse::<Probe>().is_err());
        assert_eq!(Probe::new(Protocol::Sctp, 9).to_string(), "SCTP/9");
    }
}
