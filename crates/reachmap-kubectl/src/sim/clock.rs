//! Timestamps for `describe`, consistent with the AGE column: the simulated cluster's clock
//! stands still at `NOW`, and an object created `sim::age_seconds(key)` ago was created at
//! `NOW - age`. The dates are as simulated as the ages.

/// The simulated present: 2025-01-15 12:00:00 UTC.
pub const NOW: u64 = 1_736_942_400;
/// How long ago the cluster (its node, its built-in namespaces and the `kubernetes` Service)
/// was created: longer than any simulated object's age.
pub const CLUSTER_AGE: u64 = 91 * 86_400;
/// How long after its pod a container started (seconds).
pub const CONTAINER_START_DELAY: u64 = 3;

const DAYS: [&str; 7] = ["Thu", "Fri", "Sat", "Sun", "Mon", "Tue", "Wed"];
const MONTHS: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];

/// (year, month 1–12, day, hour, minute, second, weekday index from Thursday) of `NOW - ago`.
fn civil(ago: u64) -> (i64, u32, u32, u64, u64, u64, usize) {
    let t = NOW.saturating_sub(ago);
    let days = (t / 86_400) as i64;
    let secs = t % 86_400;
    // Howard Hinnant's days-to-civil.
    let z = days + 719_468;
    let era = z.div_euclid(146_097);
    let doe = z - era * 146_097;
    let yoe = (doe - doe / 1460 + doe / 36_524 - doe / 146_096) / 365;
    let doy = doe - (365 * yoe + yoe / 4 - yoe / 100);
    let mp = (5 * doy + 2) / 153;
    let day = (doy - (153 * mp + 2) / 5 + 1) as u32;
    let month = if mp < 10 { mp + 3 } else { mp - 9 } as u32;
    let year = yoe + era * 400 + i64::from(month <= 2);
    (
        year,
        month,
        day,
        secs / 3600,
        secs / 60 % 60,
        secs % 60,
        days.rem_euclid(7) as usize,
    )
}

/// Go's `time.RFC1123Z`, as `describe` prints `CreationTimestamp:`: `Wed, 15 Jan 2025 11:58:00 +0000`.
pub fn rfc1123z(ago: u64) -> String {
    let (y, mo, d, h, mi, s, wd) = civil(ago);
    format!(
        "{}, {d:02} {} {y} {h:02}:{mi:02}:{s:02} +0000",
        DAYS[wd],
        MONTHS[(mo - 1) as usize]
    )
}

/// Go's `time.Time.String()` of a UTC time, as NetworkPolicy's `Created on:` prints it:
/// `2025-01-15 11:58:00 +0000 UTC`.
pub fn go_string(ago: u64) -> String {
    let (y, mo, d, h, mi, s, _) = civil(ago);
    format!("{y}-{mo:02}-{d:02} {h:02}:{mi:02}:{s:02} +0000 UTC")
}

/// RFC 3339, as `-o yaml` prints `creationTimestamp`: `2025-01-15T11:58:00Z`.
pub fn rfc3339(ago: u64) -> String {
    let (y, mo, d, h, mi, s, _) = civil(ago);
    format!("{y}-{mo:02}-{d:02}T{h:02}:{mi:02}:{s:02}Z")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_as_go_does() {
        assert_eq!(rfc1123z(0), "Wed, 15 Jan 2025 12:00:00 +0000");
        assert_eq!(rfc1123z(13 * 3600 + 61), "Tue, 14 Jan 2025 22:58:59 +0000");
        assert_eq!(go_string(0), "2025-01-15 12:00:00 +0000 UTC");
        assert_eq!(rfc3339(CLUSTER_AGE), "2024-10-16T12:00:00Z");
        assert_eq!(rfc1123z(15 * 86_400), "Tue, 31 Dec 2024 12:00:00 +0000");
    }
}
