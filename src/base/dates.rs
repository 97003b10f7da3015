//! Dates as the report writes and reads them: RFC 3339 UTC, `YYYY-MM-DD` days, unix seconds.

/// Seconds in a day.
pub const DAY: i64 = 86_400;

/// Unix seconds as RFC 3339 UTC (`2026-06-30T12:00:00Z`).
pub fn rfc3339(seconds: i64) -> Option<String> {
    jiff::Timestamp::from_second(seconds)
        .ok()
        .map(|t| t.strftime("%Y-%m-%dT%H:%M:%SZ").to_string())
}

/// A timestamp as RFC 3339 UTC.
pub fn timestamp_rfc3339(time: jiff::Timestamp) -> String {
    time.strftime("%Y-%m-%dT%H:%M:%SZ").to_string()
}

/// Parses `YYYY-MM-DD` (midnight UTC) or an RFC 3339 timestamp, saying why not: the form, or
/// a well-formed date the clock cannot hold (after 9999-12-30).
pub fn parse_date_or_why(text: &str) -> Result<jiff::Timestamp, String> {
    if let Some(time) = parse_date(text) {
        return Ok(time);
    }
    let well_formed = text.parse::<jiff::civil::Date>().is_ok() || text.parse::<jiff::civil::DateTime>().is_ok();
    Err(if well_formed {
        format!(
            "out of range: the clock ends on {}",
            day(jiff::Timestamp::MAX.as_second())
        )
    } else {
        "expected YYYY-MM-DD or an RFC 3339 time".to_string()
    })
}

/// Parses `YYYY-MM-DD` (midnight UTC) or an RFC 3339 timestamp.
pub fn parse_date(text: &str) -> Option<jiff::Timestamp> {
    text.parse::<jiff::Timestamp>().ok().or_else(|| {
        let date: jiff::civil::Date = text.parse().ok()?;
        date.to_zoned_datetime(jiff::tz::TimeZone::UTC)
            .ok()
            .map(|z| z.timestamp())
    })
}

/// A unix time as its UTC day, `YYYY-MM-DD` (`?` when out of range).
pub fn day(seconds: i64) -> String {
    jiff::Timestamp::from_second(seconds)
        .map(|t| t.strftime("%Y-%m-%d").to_string())
        .unwrap_or_else(|_| "?".to_string())
}

/// Whole days from `seconds` to `now` (negative when `seconds` is later).
pub fn days_since(seconds: i64, now: jiff::Timestamp) -> i64 {
    (now.as_second() - seconds).div_euclid(DAY)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_and_dates() {
        let t = "2026-01-01T12:00:00Z".parse::<jiff::Timestamp>().unwrap();
        assert_eq!(day(t.as_second()), "2026-01-01");
        assert_eq!(rfc3339(t.as_second()).as_deref(), Some("2026-01-01T12:00:00Z"));
        assert_eq!(parse_date("2026-01-01").unwrap().as_second() + DAY / 2, t.as_second());
        assert_eq!(days_since(t.as_second(), parse_date("2026-06-30").unwrap()), 179);
        assert!(parse_date("30/06/2026").is_none());
        assert_eq!(
            parse_date_or_why("9999-12-31").unwrap_err(),
            "out of range: the clock ends on 9999-12-30"
        );
        assert_eq!(
            parse_date_or_why("31/12/9999").unwrap_err(),
            "expected YYYY-MM-DD or an RFC 3339 time"
        );
    }
}
